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
public sealed class PushWorkoutTool(ToolRuntime runtime, PlannedWorkouts workouts, WriteGate gate)
{
    public const string Name = "push_workout";

    [McpServerTool(Name = Name, Title = "Push a planned workout", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(PushWorkoutResult))]
    [Description("Puts a planned workout (or a note) on the athlete's Intervals.icu calendar. Always call it first WITHOUT 'confirm': " +
        "that dry run checks the Workout Builder text against the syntax rules (errors refuse the write, with codes and fixes), and returns " +
        "the parsed steps, computed duration/distance/load/IF, warnings such as the duration trap, and a 'confirm' code. Show the preview to " +
        "the user; only after they approve, repeat the SAME arguments plus confirm=<code> to write. Retries never duplicate the workout. " +
        "Syntax: steps start with '- ', m = minutes (meters are 'mtr' or '0.4km'), runs need 'HR' or 'Pace' after zones, blank lines around repeats.")]
    public Task<CallToolResult> PushWorkoutAsync(
        [Description("Required. Athlete-local date of the workout, YYYY-MM-DD.")] string? date = null,
        [Description("Required. Short readable title, e.g. 'Threshold 3x8' (no workout syntax in the name).")] string? name = null,
        [Description("Activity type, required for WORKOUT: Ride, VirtualRide, Run, Swim, WeightTraining, Walk, Hike, Rowing, …")] string? sport = null,
        [Description("For WORKOUT: the Workout Builder text, e.g. \"Warmup\\n- 10m ramp 50%-75%\\n\\nMain Set 3x\\n- 8m 95-100%\\n- 4m 55%\\n\\nCooldown\\n- 10m 50%\". For NOTE: the note text.")] string? description = null,
        [Description("Optional total duration you intend, H:MM (e.g. 1:45). Intervals.icu computes the duration from the steps; " +
            "this is checked against them and a difference is warned about (W102, the duration trap).")] string? duration = null,
        [Description("WORKOUT (default) or NOTE.")] string? category = null,
        [Description("Omit for the dry run. To write: the 'confirm' code returned by the dry run of exactly these arguments (a code, never true).")] JsonElement? confirm = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var day = ToolArguments.RequiredDate(date, "date");
            CheckDate(day, scope.Today, "date");
            var title = EventName(name, "name", required: true)!;
            var kind = ToolArguments.Choice(category, "category", PlannedWorkouts.Workout, PlannedWorkouts.Workout, PlannedWorkouts.Note);
            string? type = null;
            if (kind == PlannedWorkouts.Workout)
            {
                type = Sport(sport, "sport") ?? throw ToolFailure.BadArgument("sport", SportForm, "it is missing and a WORKOUT needs one");
                if (string.IsNullOrWhiteSpace(description))
                {
                    throw ToolFailure.BadArgument("description", "Workout Builder text with at least one step, e.g. \"- 1h Z2\"", "it is missing");
                }
            }

            ToolArguments.PlainText(description, "description", multiline: true);
            var declared = kind == PlannedWorkouts.Workout ? PlannedWorkouts.ParseDuration(duration, "duration") : null;
            var (context, thresholds) = type is null
                ? (WorkoutContext.Default, null)
                : await workouts.ContextAsync(scope, type, declared, cancellationToken);
            var entry = NewCalendarEntry.For(scope.AthleteId, day, title, kind, type, declared,
                PlannedWorkouts.Draft(day, title, kind, type, description, context, thresholds));
            var draft = entry.Draft;
            var preview = entry.Preview;
            var what = string.Create(CultureInfo.InvariantCulture, $"date={preview.Date} category={kind} name=\"{ToolArguments.Shorten(title)}\"");
            if (!draft.IsValid)
            {
                await gate.RefusedAsync(scope, Name, what, "rule_errors:" + string.Join(',', draft.Errors.Select(e => e.Code).Distinct()), cancellationToken);
                var refused = new PushWorkoutResult(scope.Context, "refused", preview, null, draft.Errors, NullIfEmpty(draft.Warnings), null, null, null, null,
                    ["Fix each error (see 'fix'), then dry-run push_workout again"]);
                var result = ToolResponse.From(refused, Render(refused));
                result.IsError = true;
                return result;
            }

            var externalId = entry.ExternalId;
            var decision = await gate.DecideAsync(scope, Name, entry.Canonical(), confirm, what + " external_id=" + externalId, cancellationToken);
            if (!decision.Apply)
            {
                var dryRun = new PushWorkoutResult(scope.Context, "dry_run", preview, externalId, null, NullIfEmpty(draft.Warnings),
                    decision.ConfirmCode, Utc(decision.ExpiresAt), null, null,
                    [$"Show this preview to the user; after they approve, call push_workout again with the same arguments and confirm=\"{decision.ConfirmCode}\""]);
                return ToolResponse.From(dryRun, Render(dryRun));
            }

            var (saved, outcome, check) = await workouts.CreateCheckedAsync(scope, entry, cancellationToken);
            var id = saved.Id ?? 0;
            await gate.AppliedAsync(scope, Name, decision,
                string.Create(CultureInfo.InvariantCulture, $"{what} event={id} outcome={outcome} parsed={(check is null ? "n/a" : check.Ok ? "ok" : "MISMATCH")}"), cancellationToken);
            var applied = new PushWorkoutResult(scope.Context, outcome, preview, externalId, null, NullIfEmpty(draft.Warnings), null, null,
                PlannedWorkouts.Row(saved), check,
                check is { Ok: false }
                    ? [$"edit_workout with event_id {id} and a corrected new_description", "get_events to review the calendar"]
                    : [$"edit_workout with event_id {id} to change it", $"delete_workout with event_id {id} to remove it"]);
            return ToolResponse.From(applied, Render(applied));
        }, cancellationToken);

    internal const string SportForm = "an Intervals.icu activity type such as Ride, VirtualRide, Run, TrailRun, Swim, WeightTraining, Walk, Hike or Rowing";

    /// <summary>A normalised activity type, or null when none was given.</summary>
    internal static string? Sport(string? value, string argument) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : WorkoutSports.Normalize(value) ?? throw ToolFailure.BadArgument(argument, SportForm, $"got '{ToolArguments.Shorten(value)}'");

    /// <summary>A trimmed one-line event name.</summary>
    internal static string? EventName(string? value, string argument, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw ToolFailure.BadArgument(argument, "a short readable title, e.g. 'Endurance Ride'", "it is missing") : null;
        }

        var text = value.Trim();
        return text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal) || text.Length > 120
            ? throw ToolFailure.BadArgument(argument, "a one-line title of at most 120 characters (the workout steps go in the description)", $"got '{ToolArguments.Shorten(text)}'")
            : ToolArguments.PlainText(text, argument, multiline: false)!;
    }

    /// <summary>Refuses dates that are almost certainly typos (more than a year back or two years ahead).</summary>
    internal static void CheckDate(DateOnly day, DateOnly today, string argument)
    {
        if (day < today.AddYears(-1) || day > today.AddYears(2))
        {
            throw ToolFailure.BadArgument(argument, $"a date from {DateRange.Format(today.AddYears(-1))} to {DateRange.Format(today.AddYears(2))} (athlete-local today is {DateRange.Format(today)})",
                $"got {DateRange.Format(day)}");
        }
    }

    internal static IReadOnlyList<RuleIssue>? NullIfEmpty(IReadOnlyList<RuleIssue> issues) => issues.Count == 0 ? null : issues;

    internal static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static void AppendPreview(StringBuilder text, WorkoutPreview p)
    {
        text.Append(p.Date).Append(' ').Append(p.Sport ?? p.Category).Append(" '").Append(p.Name).Append('\'');
        if (p.DurationS is { } s)
        {
            text.Append(" · ").Append(Units.Duration(s)).Append(p.DurationEstimated == true ? " (est.)" : "");
        }

        if (p.DistanceKm is { } km)
        {
            text.Append(" · ").Append(Units.Number(km, 2)).Append(" km");
        }

        if (p.Load is { } load)
        {
            text.Append(" · load ").Append(load);
        }

        if (p.IntensityFactor is { } f)
        {
            text.Append(" · IF ").Append(Units.Number(f, 2));
        }

        if (p.Thresholds is { } t)
        {
            text.Append(" (").Append(t).Append(')');
        }

        text.Append('\n').Append(p.Text);
    }

    internal static void AppendIssues(StringBuilder text, string label, IReadOnlyList<RuleIssue>? issues)
    {
        foreach (var issue in issues ?? [])
        {
            text.Append('\n').Append(label).Append(' ').Append(issue.Code);
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
    }

    private static string Render(PushWorkoutResult r)
    {
        var text = new StringBuilder();
        switch (r.Status)
        {
            case "refused":
                text.Append("REFUSED — nothing was written: the text breaks ").Append(r.Errors!.Count).Append(" rule(s).");
                break;
            case "dry_run":
                text.Append("DRY RUN — nothing written yet (").Append(r.Context.AthleteName).Append(", today ").Append(r.Context.Today).Append(").");
                break;
            default:
                if (r.Verification is { Ok: false } bad)
                {
                    text.Append("⚠ WRITTEN BUT NOT PARSED AS EXPECTED: ").Append(bad.Problem).Append('\n');
                }

                text.Append(r.Status == "unchanged" ? "Already on the calendar (retry ignored): event " : r.Status == "updated" ? "Updated event " : "Created event ")
                    .Append(r.Event?.Id).Append(" for ").Append(r.Context.AthleteName).Append('.');
                if (r.Verification is { Ok: true } ok)
                {
                    text.Append(" Intervals.icu parsed ").Append(ok.StepsParsed).Append(" step(s), ").Append(Units.Duration(ok.IcuDurationS)).Append('.');
                }

                break;
        }

        text.Append('\n');
        AppendPreview(text, r.Workout);
        AppendIssues(text, "ERROR", r.Errors);
        AppendIssues(text, "WARNING", r.Warnings);
        if (r.Confirm is { } code)
        {
            text.Append("\nTo write it, call push_workout again with the same arguments and confirm=\"").Append(code).Append("\" (valid until ").Append(r.ConfirmExpiresUtc).Append(").");
        }

        return text.ToString();
    }
}

/// <summary>The result of push_workout.</summary>
/// <param name="Context">Whose calendar, and the local today used.</param>
/// <param name="Status"><c>dry_run</c>, <c>refused</c> (rule errors), <c>created</c>, <c>updated</c> (same external id, new content) or <c>unchanged</c> (a retry).</param>
/// <param name="Workout">What is (or would be) written, with IcuSync's computed totals.</param>
/// <param name="ExternalId">The deterministic external id that makes retries safe.</param>
/// <param name="Errors">Rule errors (only when refused).</param>
/// <param name="Warnings">Rule warnings, including the duration trap (W102).</param>
/// <param name="Confirm">Dry run only: the code that authorises exactly this write.</param>
/// <param name="ConfirmExpiresUtc">When the code expires.</param>
/// <param name="Event">The calendar event after the write, with its id.</param>
/// <param name="Verification">Whether Intervals.icu parsed the steps and duration IcuSync computed.</param>
/// <param name="NextActions">Hints for the next call.</param>
public sealed record PushWorkoutResult(
    ResultContext Context,
    string Status,
    WorkoutPreview Workout,
    string? ExternalId,
    IReadOnlyList<RuleIssue>? Errors,
    IReadOnlyList<RuleIssue>? Warnings,
    string? Confirm,
    string? ConfirmExpiresUtc,
    PlannedEventRow? Event,
    ParseCheck? Verification,
    IReadOnlyList<string>? NextActions);
