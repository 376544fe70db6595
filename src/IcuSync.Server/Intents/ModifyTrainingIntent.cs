using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using IcuSync.Workouts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class ModifyTrainingIntent(ToolRuntime runtime, PlannedWorkouts workouts, WriteGate gate)
{
    public const string Name = "modify_training";

    private const string SportForm = "an Intervals.icu activity type such as Ride, VirtualRide, Run, TrailRun, Swim, WeightTraining, Walk or Rowing";

    [McpServerTool(Name = Name, Title = "Edit training", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = true)]
    [Description("Create, modify or delete ONE planned workout or note (find it via analyze_training period). create: target_date, new_name, " +
        "new_description (Workout Builder), new_type. modify: target_date + target_description_contains (a real word) or event_id, " +
        "plus new_* fields; changed in place. delete: WORKOUT/NOTE only. Dry run first: PRE-FLIGHT checklist incl. the duration trap " +
        "(new_duration vs steps) + confirm code; after approval repeat with dry_run:false and confirm.")]
    public async Task<CallToolResult> ModifyTrainingAsync(
        [Description("create|modify|delete.")] string? action = null,
        [Description("YYYY-MM-DD of the event.")] string? target_date = null,
        [Description("Word of its name/description.")] string? target_description_contains = null,
        [Description("Id, when several match.")] long? event_id = null,
        [Description("Readable title.")] string? new_name = null,
        [Description("Workout Builder or note text.")] string? new_description = null,
        [Description("Move to YYYY-MM-DD.")] string? new_date = null,
        [Description("Intended H:MM.")] string? new_duration = null,
        [Description("WORKOUT or NOTE.")] string? new_category = null,
        [Description("Ride, Run, Swim, WeightTraining.")] string? new_type = null,
        [Description("Default true: preview only.")] bool? dry_run = null,
        [Description("Code from the dry run.")] JsonElement? confirm = null,
        [Description("Name or id (default: selected).")] string? athlete = null,
        CancellationToken cancellationToken = default)
    {
        var verb = ToolArguments.Choice(action, "action", "", "create", "modify", "delete");
        if (verb.Length == 0)
        {
            throw ToolFailure.BadArgument("action", "one of create, modify, delete", "it is missing");
        }

        if (event_id is <= 0)
        {
            throw ToolFailure.BadArgument("event_id", "a positive event id from the candidates or the calendar", $"got {event_id}");
        }

        // Creating needs only the push grant (a coach may be allowed to add workouts without reading the calendar);
        // modify and delete read the calendar first and need their own write grant.
        var scope = await runtime.ResolveAsync(verb == "create" ? "push_workout" : Name, athlete, cancellationToken);
        scope.Require(verb switch { "create" => "push_workout", "modify" => "edit_workout", _ => "delete_workout" });
        var apply = DryRunGate.WantsApply(dry_run, confirm);
        var args = new Arguments(target_date, target_description_contains, event_id, new_name, new_description, new_date, new_duration, new_category, new_type);
        return await ToolRuntime.GuardAsync(() => verb switch
        {
            "create" => CreateAsync(scope, args, apply, confirm, cancellationToken),
            "modify" => ModifyAsync(scope, args, apply, confirm, cancellationToken),
            _ => DeleteAsync(scope, args, apply, confirm, cancellationToken),
        });
    }

    private async Task<CallToolResult> CreateAsync(AthleteScope scope, Arguments a, bool apply, JsonElement? confirm, CancellationToken ct)
    {
        if (a.TargetDate is not null && a.NewDate is not null && a.TargetDate.Trim() != a.NewDate.Trim())
        {
            throw ToolFailure.BadArgument("new_date", "no new_date for create (the new event goes on target_date)", "target_date and new_date differ");
        }

        var day = ToolArguments.RequiredDate(a.TargetDate ?? a.NewDate, "target_date");
        CheckDate(day, scope.Today, "target_date");
        var name = EventName(a.NewName, "new_name", required: true)!;
        var kind = Category(a.NewCategory, PlannedWorkouts.Workout);
        string? type = null;
        if (kind == PlannedWorkouts.Workout)
        {
            type = Sport(a.NewType) ?? throw ToolFailure.BadArgument("new_type", SportForm, "it is missing and a WORKOUT needs one");
            if (string.IsNullOrWhiteSpace(a.NewDescription))
            {
                throw ToolFailure.BadArgument("new_description", "Workout Builder text with at least one step, e.g. \"- 1h Z2\"", "it is missing");
            }
        }

        var declared = kind == PlannedWorkouts.Workout ? PlannedWorkouts.ParseDuration(a.NewDuration, "new_duration") : null;
        var (context, thresholds) = type is null ? (WorkoutContext.Default, null) : await workouts.ContextAsync(scope, type, declared, ct);
        var entry = NewCalendarEntry.For(scope.AthleteId, day, name, kind, type, declared,
            PlannedWorkouts.Draft(day, name, kind, type, a.NewDescription, context, thresholds));
        var draft = entry.Draft;
        var preview = entry.Preview;
        var what = string.Create(CultureInfo.InvariantCulture, $"action=create date={preview.Date} category={kind} name=\"{ToolArguments.Shorten(name)}\"");
        if (!draft.IsValid)
        {
            return await RefuseAsync(scope, "create", what, draft.Errors, draft.Warnings, kind == PlannedWorkouts.Workout, declared, preview, null, null, null, ct);
        }

        var externalId = entry.ExternalId;
        var decision = await DryRunGate.DecideAsync(gate, scope, Name, apply, confirm, entry.Canonical("create"), $"{what} external_id={externalId}", ct);
        if (!decision.Apply)
        {
            var checks = Checklist(draft.Errors, draft.Warnings, kind == PlannedWorkouts.Workout, declared, preview.DurationS, null, DryRunLine(preview));
            var dryRun = new ModifyTrainingResult(scope.Context, "create", "dry_run", checks, null, preview, null, null, null, null, Nullable(draft.Warnings),
                externalId, decision.ConfirmCode, Utc(decision.ExpiresAt), null, null, null, null, [ApproveHint(decision.ConfirmCode)]);
            return ToolResponse.From(dryRun, Render(dryRun));
        }

        var (saved, outcome, check) = await workouts.CreateCheckedAsync(scope, entry, ct);
        var id = saved.Id ?? 0;
        if (check is not null)
        {
            check = check with { Problem = Retarget(check.Problem) };
        }

        await gate.AppliedAsync(scope, Name, decision,
            string.Create(CultureInfo.InvariantCulture, $"{what} event={id} outcome={outcome} parsed={Parsed(check)}"), ct);
        var applied = new ModifyTrainingResult(scope.Context, "create", outcome,
            Checklist(draft.Errors, draft.Warnings, kind == PlannedWorkouts.Workout, declared, preview.DurationS, null, VerifiedLine(check, id)),
            null, preview, null, null, null, null, Nullable(draft.Warnings), externalId, null, null, PlannedWorkouts.Row(saved), check, null, null,
            [$"modify_training action modify with event_id {id} to change it", $"modify_training action delete with event_id {id} to remove it"]);
        return ToolResponse.From(applied, Render(applied));
    }

    private async Task<CallToolResult> ModifyAsync(AthleteScope scope, Arguments a, bool apply, JsonElement? confirm, CancellationToken ct)
    {
        var (before, missing) = await FindAsync(scope, a, "modify", ct);
        if (before is null)
        {
            return missing!;
        }

        var id = before.Id ?? 0;
        var beforeDay = PlannedWorkouts.DateOf(before);
        var what = string.Create(CultureInfo.InvariantCulture, $"action=modify event={id} date={DateRange.Format(beforeDay)} category={before.Category}");
        if (PlannedWorkouts.WhyNotWritable(scope, before, "edit") is { } why)
        {
            await gate.RefusedAsync(scope, Name, what, "not_writable", ct);
            throw ToolFailure.Refused(Retarget(why) + " Nothing was changed.");
        }

        var name = EventName(a.NewName, "new_name", required: false) ?? before.Name ?? "";
        var day = ToolArguments.OptionalDate(a.NewDate, "new_date") ?? beforeDay;
        if (day != beforeDay)
        {
            CheckDate(day, scope.Today, "new_date");
        }

        var kind = Category(a.NewCategory, before.Category!);
        var type = Sport(a.NewType) ?? before.Type;
        if (kind == PlannedWorkouts.Workout && type is null)
        {
            throw ToolFailure.BadArgument("new_type", SportForm, "the event has no sport and a WORKOUT needs one");
        }

        var declared = kind == PlannedWorkouts.Workout ? PlannedWorkouts.ParseDuration(a.NewDuration, "new_duration") : null;
        var beforeText = PlannedWorkouts.NormalizeNewlines(before.Description ?? "");
        var textGiven = !string.IsNullOrWhiteSpace(a.NewDescription);
        var (context, thresholds) = kind == PlannedWorkouts.Workout ? await workouts.ContextAsync(scope, type!, declared, ct) : (WorkoutContext.Default, null);
        var draft = PlannedWorkouts.Draft(day, name, kind, kind == PlannedWorkouts.Workout ? type : null, textGiven ? a.NewDescription : before.Description, context, thresholds);

        // New text is written in canonical form; untouched text stays exactly as it is, and its old problems only warn.
        var text = textGiven ? draft.Preview.Text : beforeText;
        var after = draft.Preview with { Text = text };
        var textChanged = text != beforeText || kind != before.Category || (kind == PlannedWorkouts.Workout && type != before.Type);
        var nameChanged = name != (before.Name ?? "");
        var blocking = draft.Errors.Where(e => e.Field == "name" ? nameChanged : textChanged).ToList();
        var warnings = draft.Errors.Except(blocking)
            .Select(e => e with { Message = "(already in the event; this change does not touch it) " + e.Message })
            .Concat(draft.Warnings)
            .ToList();
        var changes = new List<TrainingChange>();
        Compare(changes, "name", before.Name, name);
        Compare(changes, "date", DateRange.Format(beforeDay), DateRange.Format(day));
        Compare(changes, "category", before.Category, kind);
        Compare(changes, "type", before.Type, kind == PlannedWorkouts.Workout ? type : before.Type);
        Compare(changes, "description", beforeText, text);
        if (changes.Count == 0 && declared is null)
        {
            throw ToolFailure.Refused(
                $"Nothing to change: event {id} '{before.Name}' already has these values. Pass at least one of new_name, new_description, new_date, " +
                "new_category or new_type with a different value (Intervals.icu computes the duration from the steps: change the description to change it).");
        }

        if (changes.Count > 0 && kind == PlannedWorkouts.Workout && before.MovingTime != after.DurationS)
        {
            changes.Add(new TrainingChange("duration_s", before.MovingTime?.ToString(CultureInfo.InvariantCulture), after.DurationS?.ToString(CultureInfo.InvariantCulture)));
        }

        var beforeRow = PlannedWorkouts.Row(before);
        var isWorkout = kind == PlannedWorkouts.Workout;
        if (blocking.Count > 0)
        {
            return await RefuseAsync(scope, "modify", what, blocking, warnings, isWorkout, declared, after, beforeRow, changes, a.Contains, ct);
        }

        if (changes.Count == 0)
        {
            // Only a duration was declared: nothing would be written, but the comparison is the answer.
            var checksOnly = Checklist([], warnings, isWorkout, declared, after.DurationS, a.Contains,
                new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.NotApplicable, "nothing to write: the event already has these values"));
            var unchanged = new ModifyTrainingResult(scope.Context, "modify", "no_change", checksOnly, beforeRow, after, null, null, null, null, Nullable(warnings),
                null, null, null, null, null, null,
                "Nothing would change: Intervals.icu computes the duration from the steps, so new_duration alone changes nothing. Change new_description to change the duration.",
                ["modify_training with a new_description whose steps add up to the duration you want"]);
            return ToolResponse.From(unchanged, Render(unchanged));
        }

        var payload = new StringBuilder()
            .Append("action=modify")
            .Append("\nevent=").Append(id)
            .Append("\nbefore.date=").Append(DateRange.Format(beforeDay))
            .Append("\nbefore.category=").Append(before.Category)
            .Append("\nbefore.type=").Append(before.Type)
            .Append("\nbefore.name=").Append(before.Name)
            .Append("\nbefore.text=\n").Append(beforeText)
            .Append("\nafter.date=").Append(DateRange.Format(day))
            .Append("\nafter.category=").Append(kind)
            .Append("\nafter.type=").Append(type)
            .Append("\nafter.name=").Append(name)
            .Append("\nafter.declared_duration_s=").Append(declared?.ToString(CultureInfo.InvariantCulture))
            .Append("\nafter.text=\n").Append(text)
            .ToString();
        var changed = string.Join(',', changes.Select(c => c.Field));
        var decision = await DryRunGate.DecideAsync(gate, scope, Name, apply, confirm, payload, $"{what} changes={changed}", ct);
        if (!decision.Apply)
        {
            var checks = Checklist([], warnings, isWorkout, declared, after.DurationS, a.Contains, DryRunLine(after, id));
            var dryRun = new ModifyTrainingResult(scope.Context, "modify", "dry_run", checks, beforeRow, after, changes, null, null, null, Nullable(warnings),
                null, decision.ConfirmCode, Utc(decision.ExpiresAt), null, null, null, null, [ApproveHint(decision.ConfirmCode)]);
            return ToolResponse.From(dryRun, Render(dryRun));
        }

        var shift = day.DayNumber - beforeDay.DayNumber;
        var update = new EventDto
        {
            Category = kind,
            StartDateLocal = day.ToDateTime(TimeOnly.FromDateTime(before.StartDateLocal!.Value)),
            EndDateLocal = shift != 0 ? (before.EndDateLocal ?? beforeDay.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddDays(shift) : null,
            Name = name,
            Description = text,
            Type = isWorkout ? type : before.Type,
        };
        var saved = await workouts.UpdateAsync(scope, id, update, ct);
        ParseCheck? check = null;
        if (isWorkout && draft.Analysis is { } analysis)
        {
            (saved, check) = await workouts.VerifyAsync(scope, id, analysis, ct);
            check = check with { Problem = Retarget(check.Problem) };
        }

        await gate.AppliedAsync(scope, Name, decision, $"{what} changes={changed} parsed={Parsed(check)}", ct);
        var applied = new ModifyTrainingResult(scope.Context, "modify", "updated",
            Checklist([], warnings, isWorkout, declared, after.DurationS, a.Contains, VerifiedLine(check, id)),
            beforeRow, after, changes, null, null, null, Nullable(warnings), null, null, null, PlannedWorkouts.Row(saved), check, null, null,
            check is { Ok: false } ? [$"modify_training action modify with event_id {id} and a corrected new_description"] : ["analyze_training (period) to review the calendar"]);
        return ToolResponse.From(applied, Render(applied));
    }

    private async Task<CallToolResult> DeleteAsync(AthleteScope scope, Arguments a, bool apply, JsonElement? confirm, CancellationToken ct)
    {
        var stray = new[] { ("new_name", a.NewName), ("new_description", a.NewDescription), ("new_date", a.NewDate), ("new_duration", a.NewDuration),
            ("new_category", a.NewCategory), ("new_type", a.NewType) }.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Item2));
        if (stray.Item1 is { } field)
        {
            throw ToolFailure.BadArgument(field, "no new_* fields with action delete (to change the event, use action modify)", "it was given");
        }

        var (doomed, missing) = await FindAsync(scope, a, "delete", ct);
        if (doomed is null)
        {
            return missing!;
        }

        var row = PlannedWorkouts.Row(doomed);
        var what = string.Create(CultureInfo.InvariantCulture, $"action=delete event={row.Id} date={row.Date} category={row.Category} name=\"{ToolArguments.Shorten(row.Name ?? "")}\"");
        if (PlannedWorkouts.WhyNotWritable(scope, doomed, "delete") is { } why)
        {
            await gate.RefusedAsync(scope, Name, what, "not_writable", ct);
            throw ToolFailure.Refused(Retarget(why) + " Nothing was deleted.");
        }

        var payload = new StringBuilder()
            .Append("action=delete")
            .Append("\nevent=").Append(row.Id)
            .Append("\ndate=").Append(row.Date)
            .Append("\ncategory=").Append(row.Category)
            .Append("\ntype=").Append(row.Sport)
            .Append("\nname=").Append(row.Name)
            .Append("\ntext=\n").Append(PlannedWorkouts.NormalizeNewlines(doomed.Description ?? ""))
            .ToString();
        var decision = await DryRunGate.DecideAsync(gate, scope, Name, apply, confirm, payload, what, ct);
        if (!decision.Apply)
        {
            var dryRun = new ModifyTrainingResult(scope.Context, "delete", "dry_run", null, row, null, null, [row], null, null, null, null,
                decision.ConfirmCode, Utc(decision.ExpiresAt), null, null, null, null,
                [$"Warn the user that exactly this event will be deleted; only after they approve, call modify_training again with the same arguments, dry_run:false and confirm:\"{decision.ConfirmCode}\""]);
            return ToolResponse.From(dryRun, Render(dryRun));
        }

        var gone = await workouts.DeleteAsync(scope, row.Id, ct);
        await gate.AppliedAsync(scope, Name, decision, $"{what} gone={(gone ? "yes" : "NO")}", ct);
        var done = new ModifyTrainingResult(scope.Context, "delete", gone ? "deleted" : "delete_not_confirmed", null, row, null, null, null, [row], null, null, null,
            null, null, null, null, null,
            gone ? null : $"Intervals.icu accepted the delete but event {row.Id} can still be read. Check the calendar before retrying.",
            ["analyze_training (period) to review the calendar"]);
        return ToolResponse.From(done, Render(done));
    }

    /// <summary>The one event the arguments name, or else the not-found/ambiguous result listing the candidates with ids.</summary>
    private async Task<(EventDto? Match, CallToolResult? Missing)> FindAsync(AthleteScope scope, Arguments a, string verb, CancellationToken ct)
    {
        var date = ToolArguments.OptionalDate(a.TargetDate, "target_date");
        if (a.EventId is null && date is null)
        {
            throw ToolFailure.BadArgument("target_date", $"the event's date YYYY-MM-DD (with target_description_contains), or event_id, to {verb} an event", "both are missing");
        }

        var lookup = await workouts.FindAsync(scope, a.EventId, date, a.Contains, ct);
        if (lookup.Match is { } match)
        {
            return (match, null);
        }

        var status = lookup.Candidates.Count > 1 && a.EventId is null ? "ambiguous" : "not_found";
        var missing = new ModifyTrainingResult(scope.Context, verb, status, null, null, null, null, null, null, null, null, null, null, null, null, null,
            lookup.Candidates.Count > 0 ? lookup.Candidates : null, Retarget(lookup.Problem),
            lookup.Candidates.Count > 0
                ? ["Call modify_training again with event_id set to one of the candidate ids"]
                : ["analyze_training (target_type period) for the dates around it, to see the calendar with event ids"]);
        var result = ToolResponse.From(missing, Render(missing));
        result.IsError = true;
        return (null, result);
    }

    private async Task<CallToolResult> RefuseAsync(
        AthleteScope scope,
        string verb,
        string what,
        IReadOnlyList<RuleIssue> errors,
        IReadOnlyList<RuleIssue> warnings,
        bool isWorkout,
        int? declared,
        WorkoutPreview preview,
        PlannedEventRow? before,
        IReadOnlyList<TrainingChange>? changes,
        string? fragment,
        CancellationToken ct)
    {
        await gate.RefusedAsync(scope, Name, what, "rule_errors:" + string.Join(',', errors.Select(e => e.Code).Distinct()), ct);
        var checks = Checklist(errors, warnings, isWorkout, declared, preview.DurationS, fragment,
            new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.Fail, "no confirm code: fix every ✗ first; nothing was written"));
        var refused = new ModifyTrainingResult(scope.Context, verb, "refused", checks, before, preview, changes, null, null, errors, Nullable(warnings),
            null, null, null, null, null, null, null, ["Fix each error (see 'fix'), then dry-run modify_training again"]);
        var result = ToolResponse.From(refused, Render(refused));
        result.IsError = true;
        return result;
    }

    private static IReadOnlyList<PreFlightLine> Checklist(
        IReadOnlyList<RuleIssue> errors, IReadOnlyList<RuleIssue> warnings, bool isWorkout, int? declared, int? computed, string? fragment, PreFlightLine last) =>
        PreFlightCheck.Build(errors, warnings, isWorkout, declared, computed, fragment, last);

    private static PreFlightLine DryRunLine(WorkoutPreview p, long? id = null)
    {
        var detail = new StringBuilder("preview: ");
        if (id is { } eventId)
        {
            detail.Append("event ").Append(eventId.ToString(CultureInfo.InvariantCulture)).Append(" → ");
        }

        detail.Append(p.Date).Append(" '").Append(p.Name).Append('\'');
        if (p.DurationS is { } s)
        {
            detail.Append(", ").Append(TrainingPlans.Clock(s));
        }

        detail.Append("; nothing written yet, confirm code issued");
        return new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.Pass, detail.ToString());
    }

    private static PreFlightLine VerifiedLine(ParseCheck? check, long id) => check switch
    {
        null => new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.Pass, string.Create(CultureInfo.InvariantCulture, $"written (event {id})")),
        { Ok: true } ok => new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.Pass,
            string.Create(CultureInfo.InvariantCulture, $"written (event {id}); Intervals.icu parsed {ok.StepsParsed} step(s), {TrainingPlans.Clock(ok.IcuDurationS ?? 0)}")),
        _ => new PreFlightLine(PreFlightCheck.DryRunResult, PreFlightCheck.Fail, check.Problem),
    };

    private static string ApproveHint(string? code) =>
        $"Show the PRE-FLIGHT and preview to the user; only after they explicitly approve, call modify_training again with the same arguments, dry_run:false and confirm:\"{code}\"";

    private static string Parsed(ParseCheck? check) => check is null ? "n/a" : check.Ok ? "ok" : "MISMATCH";

    private static string Category(string? value, string fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "WORKOUT" => PlannedWorkouts.Workout,
            "NOTE" => PlannedWorkouts.Note,
            _ => throw ToolFailure.BadArgument("new_category", "WORKOUT or NOTE (modify_training writes planned workouts and notes only)", $"got '{ToolArguments.Shorten(value)}'"),
        };
    }

    private static string? Sport(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : WorkoutSports.Normalize(value) ?? throw ToolFailure.BadArgument("new_type", SportForm, $"got '{ToolArguments.Shorten(value)}'");

    private static string? EventName(string? value, string argument, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw ToolFailure.BadArgument(argument, "a short readable title, e.g. 'Endurance Ride'", "it is missing") : null;
        }

        var text = value.Trim();
        return text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal) || text.Length > 120
            ? throw ToolFailure.BadArgument(argument, "a one-line title of at most 120 characters (the workout steps go in new_description)", $"got '{ToolArguments.Shorten(text)}'")
            : text;
    }

    private static void CheckDate(DateOnly day, DateOnly today, string argument)
    {
        if (day < today.AddYears(-1) || day > today.AddYears(2))
        {
            throw ToolFailure.BadArgument(argument, $"a date from {DateRange.Format(today.AddYears(-1))} to {DateRange.Format(today.AddYears(2))} (athlete-local today is {DateRange.Format(today)})",
                $"got {DateRange.Format(day)}");
        }
    }

    private static void Compare(List<TrainingChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
        {
            changes.Add(new TrainingChange(field, before, after));
        }
    }

    private static IReadOnlyList<RuleIssue>? Nullable(IReadOnlyList<RuleIssue> issues) => issues.Count == 0 ? null : issues;

    private static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Points the shared services' advice at this profile's tools and argument names.</summary>
    private static string? Retarget(string? message) => message?
        .Replace("Call get_events for the date range to see the current event ids", "Call analyze_training (target_type period) to see the calendar with event ids", StringComparison.Ordinal)
        .Replace("call get_events", "call analyze_training (target_type period)", StringComparison.Ordinal)
        .Replace("get_events", "analyze_training", StringComparison.Ordinal)
        .Replace("'name_contains'", "'target_description_contains'", StringComparison.Ordinal)
        .Replace("'date' (YYYY-MM-DD)", "'target_date' (YYYY-MM-DD)", StringComparison.Ordinal)
        .Replace("Pass only 'event_id', or the date it is on", "Pass only 'event_id', or the target_date it is on", StringComparison.Ordinal)
        .Replace("edit_workout", "modify_training", StringComparison.Ordinal)
        .Replace("delete_workout", "modify_training", StringComparison.Ordinal);

    private static string Render(ModifyTrainingResult r)
    {
        var text = new StringBuilder();
        PreFlightCheck.Render(text, r.PreFlight);
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        switch (r.Status)
        {
            case "not_found" or "ambiguous":
                text.Append("Nothing was changed. ").Append(r.Problem);
                foreach (var c in r.Candidates ?? [])
                {
                    text.Append("\n[").Append(c.Id).Append("] ").Append(c.Date).Append(' ').Append(c.Category).Append(' ').Append(c.Sport).Append(" '").Append(c.Name).Append('\'');
                }

                return text.ToString();
            case "refused":
                text.Append("REFUSED — nothing was written: ").Append(r.Errors!.Count).Append(" rule error(s).");
                break;
            case "dry_run":
                text.Append("DRY RUN (").Append(r.Action).Append(") — nothing written yet for ").Append(r.Context.AthleteName).Append(" (today ").Append(r.Context.Today).Append(").");
                break;
            case "no_change":
                text.Append(r.Problem);
                break;
            case "deleted":
                text.Append("Deleted event ").Append(r.Before?.Id).Append('.');
                break;
            case "delete_not_confirmed":
                text.Append("⚠ ").Append(r.Problem);
                break;
            default:
                text.Append(r.Status switch { "unchanged" => "Already on the calendar (retry ignored): event ", "updated" => "Updated in place: event ", _ => "Created event " })
                    .Append(r.Event?.Id).Append('.');
                break;
        }

        foreach (var e in r.WouldDelete ?? [])
        {
            text.Append("\nWould delete [").Append(e.Id).Append("] ").Append(e.Date).Append(' ').Append(e.Category).Append(' ').Append(e.Sport).Append(" '").Append(e.Name).Append('\'');
        }

        foreach (var change in r.Changes ?? [])
        {
            text.Append('\n').Append(change.Field).Append(": ");
            text.Append(change.Field == "description"
                ? "\n--- before\n" + change.Before + "\n--- after\n" + change.After
                : (change.Before ?? "—") + " → " + (change.After ?? "—"));
        }

        if (r.After is { } p && r.Changes is null && r.Status is "dry_run" or "created" or "updated" or "unchanged" or "refused")
        {
            text.Append('\n').Append(p.Date).Append(' ').Append(p.Sport ?? p.Category).Append(" '").Append(p.Name).Append('\'');
            if (p.DurationS is { } s)
            {
                text.Append(" · ").Append(TrainingPlans.Clock(s));
            }

            if (p.Load is { } load)
            {
                text.Append(" · load ").Append(load);
            }

            text.Append('\n').Append(p.Text);
        }

        foreach (var issue in (r.Errors ?? []).Concat(r.Warnings ?? []))
        {
            text.Append('\n').Append(RuleCodes.SeverityOf(issue.Code) == RuleSeverity.Error ? "ERROR " : "WARNING ").Append(issue.Code);
            if (issue.Line > 0)
            {
                text.Append(" line ").Append(issue.Line);
            }

            text.Append(": ").Append(issue.Message);
            if (issue.Fix is { } fix)
            {
                text.Append(" Fix: ").Append(fix);
            }
        }

        if (r.Confirm is { } code)
        {
            text.Append("\nTo apply: call modify_training again with the same arguments, dry_run:false and confirm:\"").Append(code)
                .Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append("), only after the user approves.");
        }

        return text.ToString();
    }

    private sealed record Arguments(
        string? TargetDate,
        string? Contains,
        long? EventId,
        string? NewName,
        string? NewDescription,
        string? NewDate,
        string? NewDuration,
        string? NewCategory,
        string? NewType);
}

/// <summary>One field a modify changes.</summary>
/// <param name="Field"><c>name</c>, <c>date</c>, <c>category</c>, <c>type</c>, <c>description</c> or <c>duration_s</c> (computed from the steps, seconds).</param>
/// <param name="Before">The value now.</param>
/// <param name="After">The value after the change.</param>
public sealed record TrainingChange(string Field, string? Before, string? After);

/// <summary>The result of modify_training.</summary>
/// <param name="Context">Whose calendar, and the local today used.</param>
/// <param name="Action"><c>create</c>, <c>modify</c> or <c>delete</c>.</param>
/// <param name="Status"><c>dry_run</c>, <c>refused</c>, <c>created</c>, <c>updated</c>, <c>unchanged</c>, <c>no_change</c>, <c>deleted</c>,
/// <c>delete_not_confirmed</c>, <c>not_found</c> or <c>ambiguous</c>.</param>
/// <param name="PreFlight">The pre-submission checklist, one line per item (create and modify).</param>
/// <param name="Before">The event as it is now (modify, delete).</param>
/// <param name="After">The event as it will be, with IcuSync's computed duration, load and steps.</param>
/// <param name="Changes">The before → after diff (modify).</param>
/// <param name="WouldDelete">Dry run of a delete: exactly the event the code deletes.</param>
/// <param name="Deleted">The event deleted.</param>
/// <param name="Errors">Rule errors that refuse the write.</param>
/// <param name="Warnings">Rule warnings, including the duration trap (W102).</param>
/// <param name="ExternalId">The deterministic external id of a created event (retries never duplicate it).</param>
/// <param name="Confirm">Dry run only: the code that authorises exactly this change.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="Event">The event after the write (modify keeps its id).</param>
/// <param name="Verification">Whether Intervals.icu parsed the steps and duration IcuSync computed.</param>
/// <param name="Candidates">When no single event matched: the events to choose from, with ids.</param>
/// <param name="Problem">Why no event was chosen, or why nothing would change.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record ModifyTrainingResult(
    ResultContext Context,
    string Action,
    string Status,
    IReadOnlyList<PreFlightLine>? PreFlight,
    PlannedEventRow? Before,
    WorkoutPreview? After,
    IReadOnlyList<TrainingChange>? Changes,
    IReadOnlyList<PlannedEventRow>? WouldDelete,
    IReadOnlyList<PlannedEventRow>? Deleted,
    IReadOnlyList<RuleIssue>? Errors,
    IReadOnlyList<RuleIssue>? Warnings,
    string? ExternalId,
    string? Confirm,
    string? ConfirmExpiresUtc,
    PlannedEventRow? Event,
    ParseCheck? Verification,
    IReadOnlyList<PlannedEventRow>? Candidates,
    string? Problem,
    IReadOnlyList<string>? NextActions);
