using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetTrainingHistoryTool(ToolRuntime runtime, TrainingHistory history)
{
    public const string Name = "get_training_history";

    [McpServerTool(Name = Name, Title = "Training history", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(TrainingHistoryResult))]
    [Description("Completed activities in a date range (default: the last 28 days to today, athlete-local), newest first, one compact row each " +
        "with its id (for get_activity_detail), date, sport, duration, distance, load, IF, power, HR, pace, RPE/feel; totals at the end.")]
    public Task<CallToolResult> GetTrainingHistoryAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: 27 days before end_date.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today.")] string? end_date = null,
        [Description("Only this sport, e.g. Ride, Run, Swim (Ride also matches VirtualRide).")] string? sport = null,
        [Description("Most rows to return, 1–500. Default 100.")] int? limit = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = ToolArguments.Range(start_date, end_date, scope.Today, 28, ToolArguments.MaxListDays);
            var max = ToolArguments.Limit(limit, 100, 500);
            var activities = (await history.ListAsync(scope, range, cancellationToken))
                .Where(a => TrainingHistory.MatchesSport(a, sport))
                .OrderByDescending(a => a.StartDateLocal)
                .ToList();
            var rows = activities.Take(max).Select(TrainingHistory.ToRow).ToList();
            var totals = TrainingHistory.Totals(activities);
            var result = new TrainingHistoryResult(scope.Context, range.ToString(), string.IsNullOrWhiteSpace(sport) ? null : sport,
                rows, activities.Count > rows.Count ? activities.Count - rows.Count : null, totals,
                rows.Count > 0 ? [$"get_activity_detail with activity_id {rows[0].Id} for the latest session", "get_training_summary for weekly totals"] : null);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(TrainingHistoryResult result)
    {
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(' ').Append(result.Range).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(result.Totals.Sessions).Append(" sessions, ").Append(Units.Duration(result.Totals.DurationS)).Append(" h, ")
            .Append(Units.Number(result.Totals.DistanceKm)).Append(" km, load ").Append(result.Totals.Load);
        foreach (var row in result.Activities.Take(15))
        {
            text.Append('\n').Append(row.Date).Append(' ').Append(row.Sport).Append(' ').Append(row.Name).Append(" [").Append(row.Id).Append(']');
            if (row.Note is not null)
            {
                text.Append(" — ").Append(row.Note);
                continue;
            }

            text.Append(' ').Append(Units.Duration(row.DurationS));
            if (row.Load is { } load)
            {
                text.Append(" load ").Append(load);
            }
        }

        if (result.Activities.Count > 15)
        {
            text.Append("\n… ").Append(result.Activities.Count - 15).Append(" more in the structured result");
        }

        return text.ToString();
    }
}

public sealed record TrainingHistoryResult(
    ResultContext Context,
    string Range,
    string? Sport,
    IReadOnlyList<ActivityRow> Activities,
    int? Truncated,
    ActivityTotals Totals,
    IReadOnlyList<string>? NextActions);
