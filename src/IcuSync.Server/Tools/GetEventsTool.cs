using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetEventsTool(ToolRuntime runtime, CalendarEvents calendar)
{
    public const string Name = "get_events";

    /// <summary>Days after start_date the default range covers (today … today + 14).</summary>
    public const int DefaultDaysAhead = 14;

    [McpServerTool(Name = Name, Title = "Planned calendar", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(EventsResult))]
    [Description("Planned calendar items in a date range (default: today to 14 days ahead, athlete-local; at most 366 days): workouts, races " +
        "(RACE_A/B/C), notes, holidays, sickness… Each row has the event id (for edit_workout/delete_workout), date, category, name and sport; " +
        "workouts also have their planned duration, distance, load and intensity, and, when their text is Workout Builder syntax, IcuSync's " +
        "computed totals and any rule findings (codes and fixes). Totals of the planned workouts at the end.")]
    public Task<CallToolResult> GetEventsAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: today, or 14 days before end_date when only end_date is given.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: 14 days after start_date. At most 366 days in all.")] string? end_date = null,
        [Description("Only these categories, comma-separated: WORKOUT, RACE_A, RACE_B, RACE_C (or RACE for all three), NOTE, PLAN, HOLIDAY, SICK, INJURED, TARGET, SET_EFTP, FITNESS_DAYS, SEASON_START, SET_FITNESS. Default: all.")] string? category = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = Range(start_date, end_date, scope.Today);
            var categories = CalendarEvents.ParseCategories(category);
            var rows = await calendar.ListAsync(scope, range, categories, cancellationToken);
            var totals = CalendarEvents.Totals(rows);
            var next = new List<string>();
            if (rows.FirstOrDefault(r => r.Category == "WORKOUT") is { } workout)
            {
                next.Add($"edit_workout with event_id {workout.Id} to change '{workout.Name}'");
            }

            if (rows.Any(r => r.Workout?.Findings?.Any(f => f.Severity == "error") == true))
            {
                next.Add("edit_workout on the workouts whose findings include errors, using each finding's fix");
            }

            next.Add("push_workout to add a planned session");
            next.Add("get_fitness with end_date in the future to see the form these plans project");
            var result = new EventsResult(
                scope.Context,
                range.ToString(),
                categories is null ? null : [.. categories.Order(StringComparer.Ordinal)],
                rows,
                totals,
                next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    /// <summary>The range: today … today + 14 by default, and never longer than 366 days.</summary>
    public static DateRange Range(string? startDate, string? endDate, DateOnly today)
    {
        var from = ToolArguments.OptionalDate(startDate, "start_date");
        var to = ToolArguments.OptionalDate(endDate, "end_date");
        var start = from ?? (to is { } end && end < today ? end.AddDays(-DefaultDaysAhead) : today);
        var last = to ?? start.AddDays(DefaultDaysAhead);
        if (start > last)
        {
            throw ToolFailure.BadArgument("start_date", "a date on or before end_date", $"{DateRange.Format(start)} is after {DateRange.Format(last)}");
        }

        var range = new DateRange(start, last);
        return range.Days <= ToolArguments.MaxListDays
            ? range
            : throw ToolFailure.BadArgument("start_date", $"a range of at most {ToolArguments.MaxListDays} days",
                $"{range} spans {range.Days} days; split it into shorter ranges");
    }

    private static string Render(EventsResult result)
    {
        var text = new StringBuilder();
        var t = result.Totals;
        text.Append(result.Context.AthleteName).Append(' ').Append(result.Range).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(result.Events.Count).Append(" items; ").Append(t.Workouts).Append(" workouts, ").Append(Units.Duration(t.DurationS))
            .Append(" h planned, load ").Append(t.Load);
        if (t.Races is { } races)
        {
            text.Append(", ").Append(races).Append(races == 1 ? " race" : " races");
        }

        const int shown = 25;
        foreach (var e in result.Events.Take(shown))
        {
            text.Append('\n').Append(e.Date).Append(e.Time is null ? "" : " " + e.Time).Append(' ').Append(e.Category).Append(' ')
                .Append(e.Name ?? "(no name)").Append(" [").Append(e.Id).Append(']');
            if (e.Sport is not null)
            {
                text.Append(' ').Append(e.Sport);
            }

            if (e.DurationS is { } duration)
            {
                text.Append(' ').Append(Units.Duration(duration));
            }

            if (e.Load is { } load)
            {
                text.Append(" load ").Append(load);
            }

            if (e.Workout?.Findings is { Count: > 0 } findings)
            {
                text.Append(" findings: ").Append(string.Join(", ", findings.Select(f => f.Code)));
            }

            if (e.Category != "WORKOUT" && e.Description is { } description)
            {
                text.Append(" — ").Append(description.Length > 120 ? description[..120] + "…" : description);
            }
        }

        if (result.Events.Count > shown)
        {
            text.Append("\n… ").Append(result.Events.Count - shown).Append(" more in the structured result");
        }

        return text.ToString();
    }
}

public sealed record EventsResult(
    ResultContext Context,
    string Range,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<CalendarEventRow> Events,
    PlannedTotals Totals,
    IReadOnlyList<string> NextActions);
