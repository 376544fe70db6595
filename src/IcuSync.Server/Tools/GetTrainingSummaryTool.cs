using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetTrainingSummaryTool(ToolRuntime runtime, TrainingSummaries summaries)
{
    public const string Name = "get_training_summary";

    [McpServerTool(Name = Name, Title = "Training summary", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(TrainingSummaryResult))]
    [Description("Week-by-week (Monday–Sunday, athlete-local) or month-by-month training totals over a range of up to 10 years: sessions, " +
        "moving time, distance, load and elevation, split by sport, plus the 3-zone intensity distribution (low/moderate/high time from the " +
        "activities' zone times, with its model label and polarization index). Default: the current week and the 11 before it.")]
    public Task<CallToolResult> GetTrainingSummaryAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: the Monday 11 weeks before this week (period=week) or the 1st of the month 2 months back (period=month).")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today. At most 10 years after start_date.")] string? end_date = null,
        [Description("How to group: 'week' (Monday–Sunday, the default) or 'month' (calendar months).")] string? period = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var grouping = ToolArguments.Choice(period, "period", "week", "week", "month") == "month" ? SummaryPeriod.Month : SummaryPeriod.Week;
            var range = string.IsNullOrWhiteSpace(start_date) && string.IsNullOrWhiteSpace(end_date)
                ? TrainingSummaries.DefaultRange(scope.Today, grouping)
                : ToolArguments.Range(start_date, end_date, scope.Today, 84, ToolArguments.MaxSummaryDays);
            var summary = await summaries.SummarizeAsync(scope, range, grouping, cancellationToken);
            var stubs = summary.Totals.StravaStubs;
            var busiest = summary.Periods.Where(p => p.Sessions > 0).MaxBy(p => p.Load);
            var next = new List<string> { "get_fitness for CTL/ATL/TSB over the same range" };
            if (busiest is not null)
            {
                next.Add($"get_training_history with start_date {busiest.Start} and end_date {busiest.End} for the sessions of the biggest {(grouping == SummaryPeriod.Month ? "month" : "week")}");
            }

            var result = new TrainingSummaryResult(
                scope.Context,
                range.ToString(),
                grouping == SummaryPeriod.Month ? "month" : "week",
                summary.Periods,
                summary.Totals,
                summary.Average,
                summary.Totals.Intensity is null ? null : TrainingSummaries.IntensityMapping,
                stubs is > 0 ? $"{stubs} Strava-imported {(stubs == 1 ? "activity is" : "activities are")} not available through the Intervals.icu API and not in these totals (strava_stubs). Upload the original files or sync the device directly to Intervals.icu to include them." : null,
                next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(TrainingSummaryResult result)
    {
        var text = new StringBuilder();
        var t = result.Totals;
        text.Append(result.Context.AthleteName).Append(' ').Append(result.Range).Append(" by ").Append(result.Period)
            .Append(" (today ").Append(result.Context.Today).Append("): ").Append(t.Sessions).Append(" sessions, ")
            .Append(Units.Duration(t.DurationS)).Append(" h, ").Append(Units.Number(t.DistanceKm)).Append(" km, load ").Append(t.Load);
        if (t.Intensity is { } tid)
        {
            text.Append(", intensity ").Append(Units.Number(tid.LowPct, 0)).Append('/').Append(Units.Number(tid.ModeratePct, 0)).Append('/')
                .Append(Units.Number(tid.HighPct, 0)).Append("% low/mod/high (").Append(tid.Model).Append(')');
        }

        const int shown = 16;
        foreach (var p in result.Periods.TakeLast(shown))
        {
            text.Append('\n').Append(p.Label).Append(' ').Append(p.Start).Append(p.Partial == true ? " (partial)" : "").Append(": ")
                .Append(p.Sessions).Append(" sessions, ").Append(Units.Duration(p.DurationS)).Append(" h, ")
                .Append(Units.Number(p.DistanceKm)).Append(" km, load ").Append(p.Load);
            if (p.BySport is { Count: > 1 } sports)
            {
                text.Append(" [").Append(string.Join(", ", sports.Select(s => $"{s.Key} {Units.Duration(s.Value.DurationS)}"))).Append(']');
            }
        }

        if (result.Periods.Count > shown)
        {
            text.Append("\n… ").Append(result.Periods.Count - shown).Append(" earlier periods in the structured result");
        }

        if (result.Note is not null)
        {
            text.Append('\n').Append(result.Note);
        }

        return text.ToString();
    }
}

public sealed record TrainingSummaryResult(
    ResultContext Context,
    string Range,
    string Period,
    IReadOnlyList<PeriodTotals> Periods,
    PeriodTotals Totals,
    PeriodAverages? Average,
    string? IntensityMapping,
    string? Note,
    IReadOnlyList<string> NextActions);
