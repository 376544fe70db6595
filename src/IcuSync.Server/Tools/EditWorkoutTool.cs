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

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class EditWorkoutTool(ToolRuntime runtime, PlannedWorkouts workouts, WriteGate gate)
{
    public const string Name = "edit_workout";

    [McpServerTool(Name = Name, Title = "Edit a planned workout", ReadOnly = false, Idempotent = true, Destructive = true, OpenWorld = true)]
    [OutputSchema(typeof(EditWorkoutResult))]
    [Description("Changes a planned workout or note IN PLACE (same event id; never delete and recreate). Name it by 'event_id' (from get_events), " +
        "or by 'date' plus 'name_contains' (a fragment of its name or description). Call first WITHOUT 'confirm': the dry run validates a new " +
        "description like push_workout and shows a before → after diff and a 'confirm' code; after the user approves, repeat the SAME arguments " +
        "with confirm=<code>. Races and completed workouts are never changed.")]
    public Task<CallToolResult> EditWorkoutAsync(
        [Description("Id of the event to change (from get_events or push_workout).")] long? event_id = null,
        [Description("Athlete-local date of the event, YYYY-MM-DD, when not giving event_id.")] string? date = null,
        [Description("With date: a fragment of the event's name or description, e.g. 'Threshold' (case-insensitive).")] string? name_contains = null,
        [Description("New name (short, readable).")] string? new_name = null,
        [Description("New Workout Builder text (workouts) or note text; checked like push_workout.")] string? new_description = null,
        [Description("Move to this athlete-local date, YYYY-MM-DD.")] string? new_date = null,
        [Description("Intended total duration H:MM; checked against the steps (W102 duration trap). Intervals.icu computes the duration from the steps.")] string? new_duration = null,
        [Description("WORKOUT or NOTE.")] string? new_category = null,
        [Description("New activity type: Ride, VirtualRide, Run, Swim, WeightTraining, …")] string? new_sport = null,
        [Description("Omit for the dry run. To apply: the 'confirm' code returned by the dry run of exactly these arguments (a code, never true).")] JsonElement? confirm = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            if (event_id is <= 0)
            {
                throw ToolFailure.BadArgument("event_id", "a positive event id from get_events", $"got {event_id}");
            }

            var lookup = await workouts.FindAsync(scope, event_id, ToolArguments.OptionalDate(date, "date"), name_contains, cancellationToken);
            if (lookup.Match is not { } before)
            {
                var missing = new EditWorkoutResult(scope.Context, lookup.Candidates.Count > 1 && event_id is null ? "ambiguous" : "not_found",
                    null, null, null, null, null, null, null, null, null, lookup.Candidates.Count > 0 ? lookup.Candidates : null, lookup.Problem,
                    ["get_events for the date range to see event ids"]);
                var error = ToolResponse.From(missing, Render(missing));
                error.IsError = true;
                return error;
            }

            var id = before.Id ?? 0;
            var beforeDay = PlannedWorkouts.DateOf(before);
            var what = string.Create(CultureInfo.InvariantCulture, $"event={id} date={DateRange.Format(beforeDay)} category={before.Category}");
            if (PlannedWorkouts.WhyNotWritable(scope, before, "edit") is { } why)
            {
                await gate.RefusedAsync(scope, Name, what, "not_writable", cancellationToken);
                throw ToolFailure.Refused(why + " Nothing was changed.");
            }

            var name = PushWorkoutTool.EventName(new_name, "new_name", required: false) ?? before.Name ?? "";
            var day = ToolArguments.OptionalDate(new_date, "new_date") ?? beforeDay;
            if (day != beforeDay)
            {
                PushWorkoutTool.CheckDate(day, scope.Today, "new_date");
            }

            var kind = ToolArguments.Choice(new_category, "new_category", before.Category!, PlannedWorkouts.Workout, PlannedWorkouts.Note);
            var type = PushWorkoutTool.Sport(new_sport, "new_sport") ?? before.Type;
            if (kind == PlannedWorkouts.Workout && type is null)
            {
                throw ToolFailure.BadArgument("new_sport", PushWorkoutTool.SportForm, "the event has no sport and a WORKOUT needs one");
            }

            var declared = kind == PlannedWorkouts.Workout ? PlannedWorkouts.ParseDuration(new_duration, "new_duration") : null;
            var beforeText = PlannedWorkouts.NormalizeNewlines(before.Description ?? "");
            var textGiven = !string.IsNullOrWhiteSpace(ToolArguments.PlainText(new_description, "new_description", multiline: true));
            var (context, thresholds) = kind == PlannedWorkouts.Workout
                ? await workouts.ContextAsync(scope, type!, declared, cancellationToken)
                : (WorkoutContext.Default, null);
            var draft = PlannedWorkouts.Draft(day, name, kind, kind == PlannedWorkouts.Workout ? type : null, textGiven ? new_description : before.Description, context, thresholds);

            // A new text is written in canonical form; an untouched one is left exactly as it is.
            var text = textGiven ? draft.Preview.Text : beforeText;
            var after = draft.Preview with { Text = text };
            var textChanged = text != beforeText || kind != before.Category || (kind == PlannedWorkouts.Workout && type != before.Type);
            var nameChanged = name != (before.Name ?? "");
            var blocking = draft.Errors.Where(e => e.Field == "name" ? nameChanged : textChanged).ToList();
            var warnings = draft.Errors.Except(blocking)
                .Select(e => e with { Message = "(already in the event; this edit does not touch it) " + e.Message })
                .Concat(draft.Warnings)
                .ToList();

            var changes = new List<FieldChange>();
            Compare(changes, "name", before.Name, name);
            Compare(changes, "date", DateRange.Format(beforeDay), DateRange.Format(day));
            Compare(changes, "category", before.Category, kind);
            Compare(changes, "sport", before.Type, kind == PlannedWorkouts.Workout ? type : before.Type);
            Compare(changes, "description", beforeText, text);
            if (changes.Count == 0)
            {
                throw ToolFailure.Refused(
                    $"Nothing to change: event {id} '{before.Name}' already has these values. Pass at least one of new_name, new_description, new_date, " +
                    "new_category or new_sport with a different value (Intervals.icu computes the duration from the steps, so change the description to change it).");
            }

            if (before.MovingTime != after.DurationS && kind == PlannedWorkouts.Workout)
            {
                changes.Add(new FieldChange("duration_s", before.MovingTime?.ToString(CultureInfo.InvariantCulture), after.DurationS?.ToString(CultureInfo.InvariantCulture)));
            }

            var beforeRow = PlannedWorkouts.Row(before);
            if (blocking.Count > 0)
            {
                await gate.RefusedAsync(scope, Name, what, "rule_errors:" + string.Join(',', blocking.Select(e => e.Code).Distinct()), cancellationToken);
                var refused = new EditWorkoutResult(scope.Context, "refused", beforeRow, after, changes, blocking, Nullable(warnings), null, null, null, null, null, null,
                    ["Fix each error (see 'fix'), then dry-run edit_workout again"]);
                var error = ToolResponse.From(refused, Render(refused));
                error.IsError = true;
                return error;
            }

            var payload = new StringBuilder()
                .Append("event=").Append(id)
                .Append("\nbefore.date=").Append(DateRange.Format(beforeDay))
                .Append("\nbefore.category=").Append(before.Category)
                .Append("\nbefore.sport=").Append(before.Type)
                .Append("\nbefore.name=").Append(before.Name)
                .Append("\nbefore.text=\n").Append(beforeText)
                .Append("\nafter.date=").Append(DateRange.Format(day))
                .Append("\nafter.category=").Append(kind)
                .Append("\nafter.sport=").Append(type)
                .Append("\nafter.name=").Append(name)
                .Append("\nafter.declared_duration_s=").Append(declared?.ToString(CultureInfo.InvariantCulture))
                .Append("\nafter.text=\n").Append(text)
                .ToString();
            var changed = string.Join(',', changes.Select(c => c.Field));
            var decision = await gate.DecideAsync(scope, Name, payload, confirm, $"{what} changes={changed}", cancellationToken);
            if (!decision.Apply)
            {
                var dryRun = new EditWorkoutResult(scope.Context, "dry_run", beforeRow, after, changes, null, Nullable(warnings),
                    decision.ConfirmCode, PushWorkoutTool.Utc(decision.ExpiresAt), null, null, null, null,
                    [$"Show the before → after changes to the user; after they approve, call edit_workout again with the same arguments and confirm=\"{decision.ConfirmCode}\""]);
                return ToolResponse.From(dryRun, Render(dryRun));
            }

            var start = day.ToDateTime(TimeOnly.FromDateTime(before.StartDateLocal!.Value));
            var shift = day.DayNumber - beforeDay.DayNumber;
            var update = new EventDto
            {
                Category = kind,
                StartDateLocal = start,
                EndDateLocal = shift != 0 ? (before.EndDateLocal ?? beforeDay.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddDays(shift) : null,
                Name = name,
                Description = text,
                Type = kind == PlannedWorkouts.Workout ? type : before.Type,
            };
            var saved = await workouts.UpdateAsync(scope, id, update, cancellationToken);
            ParseCheck? check = null;
            if (kind == PlannedWorkouts.Workout && draft.Analysis is { } analysis)
            {
                (saved, check) = await workouts.VerifyAsync(scope, id, analysis, cancellationToken);
            }

            await gate.AppliedAsync(scope, Name, decision, $"{what} changes={changed} parsed={(check is null ? "n/a" : check.Ok ? "ok" : "MISMATCH")}", cancellationToken);
            var applied = new EditWorkoutResult(scope.Context, "updated", beforeRow, after, changes, null, Nullable(warnings), null, null,
                PlannedWorkouts.Row(saved), check, null, null,
                check is { Ok: false } ? [$"edit_workout with event_id {id} and a corrected new_description"] : ["get_events to review the calendar"]);
            return ToolResponse.From(applied, Render(applied));
        }, cancellationToken);

    private static void Compare(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static IReadOnlyList<RuleIssue>? Nullable(List<RuleIssue> issues) => issues.Count == 0 ? null : issues;

    private static string Render(EditWorkoutResult r)
    {
        var text = new StringBuilder();
        switch (r.Status)
        {
            case "not_found":
            case "ambiguous":
                text.Append("Nothing was changed. ").Append(r.Problem);
                foreach (var c in r.Candidates ?? [])
                {
                    text.Append("\n[").Append(c.Id).Append("] ").Append(c.Date).Append(' ').Append(c.Category).Append(' ').Append(c.Name);
                }

                return text.ToString();
            case "refused":
                text.Append("REFUSED — nothing was changed: the new text breaks ").Append(r.Errors!.Count).Append(" rule(s).");
                break;
            case "dry_run":
                text.Append("DRY RUN — nothing changed yet. Event ").Append(r.Before?.Id).Append(" of ").Append(r.Context.AthleteName).Append(':');
                break;
            default:
                if (r.Verification is { Ok: false } bad)
                {
                    text.Append("⚠ UPDATED BUT NOT PARSED AS EXPECTED: ").Append(bad.Problem).Append('\n');
                }

                text.Append("Updated event ").Append(r.Event?.Id).Append(" in place:");
                break;
        }

        foreach (var change in r.Changes ?? [])
        {
            text.Append('\n').Append(change.Field).Append(": ");
            if (change.Field == "description")
            {
                text.Append("\n--- before\n").Append(change.Before).Append("\n--- after\n").Append(change.After);
            }
            else
            {
                text.Append(change.Before ?? "—").Append(" → ").Append(change.After ?? "—");
            }
        }

        PushWorkoutTool.AppendIssues(text, "ERROR", r.Errors);
        PushWorkoutTool.AppendIssues(text, "WARNING", r.Warnings);
        if (r.Confirm is { } code)
        {
            text.Append("\nTo apply, call edit_workout again with the same arguments and confirm=\"").Append(code).Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append(").");
        }

        return text.ToString();
    }
}

/// <summary>One field an edit changes.</summary>
/// <param name="Field"><c>name</c>, <c>date</c>, <c>category</c>, <c>sport</c>, <c>description</c> or <c>duration_s</c> (computed, seconds).</param>
/// <param name="Before">The value now.</param>
/// <param name="After">The value after the edit.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>The result of edit_workout.</summary>
/// <param name="Context">Whose calendar, and the local today used.</param>
/// <param name="Status"><c>dry_run</c>, <c>updated</c>, <c>refused</c> (rule errors), <c>not_found</c> or <c>ambiguous</c>.</param>
/// <param name="Before">The event as it is now.</param>
/// <param name="After">The event as it will be, with IcuSync's computed totals.</param>
/// <param name="Changes">The before → after diff.</param>
/// <param name="Errors">Rule errors that refuse the edit.</param>
/// <param name="Warnings">Rule warnings, incl. the duration trap (W102).</param>
/// <param name="Confirm">Dry run only: the code that authorises exactly this edit.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="Event">The event after the edit (same id).</param>
/// <param name="Verification">Whether Intervals.icu parsed the steps and duration IcuSync computed.</param>
/// <param name="Candidates">When the lookup was ambiguous or found nothing: the events to choose from.</param>
/// <param name="Problem">Why no event was chosen.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record EditWorkoutResult(
    ResultContext Context,
    string Status,
    PlannedEventRow? Before,
    WorkoutPreview? After,
    IReadOnlyList<FieldChange>? Changes,
    IReadOnlyList<RuleIssue>? Errors,
    IReadOnlyList<RuleIssue>? Warnings,
    string? Confirm,
    string? ConfirmExpiresUtc,
    PlannedEventRow? Event,
    ParseCheck? Verification,
    IReadOnlyList<PlannedEventRow>? Candidates,
    string? Problem,
    IReadOnlyList<string>? NextActions);
