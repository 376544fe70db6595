using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetFitnessTool(ToolRuntime runtime, FitnessSeries fitness, AnswerMemo memo)
{
    public const string Name = "get_fitness";

    /// <summary>Ranges longer than this are returned one row per week (each row is the week's last day) instead of one per day.</summary>
    public const int MaxDailyRows = ToolArguments.MaxListDays;

    [McpServerTool(Name = Name, Title = "Fitness, fatigue and form", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(FitnessResult))]
    [Description("Fitness (CTL), fatigue (ATL), form (TSB = CTL − ATL, and as % of CTL) and ramp rate (CTL change per week) per day over a range " +
        "(default: the last 42 days; up to 10 years, weekly rows beyond 366 days), each day labelled with its Intervals.icu form zone (" +
        FormZones.Legend + "), plus the CTL trend of the last 28 days (Rising/Flat/Declining, plateau). Uses Intervals.icu's own values and " +
        "says when IcuSync had to compute days from activity loads.")]
    public Task<CallToolResult> GetFitnessAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: 41 days before end_date.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today. Future days are projected from planned workouts.")] string? end_date = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = ToolArguments.Range(start_date, end_date, scope.Today, 42, ToolArguments.MaxSummaryDays);
            var context = scope.Context;
            // Everything the answer depends on besides its cached reads, which the memo checks itself.
            var key = string.Join('\n', Name, context.AthleteId, context.AthleteName, context.Today, context.Timezone, scope.Credential.Fingerprint, range.ToString());
            return ToolResponse.From(await memo.GetOrComputeAsync(key, () => ComputeAsync(scope, range, cancellationToken), cancellationToken));
        }, cancellationToken);

    private async Task<MemoizedAnswer> ComputeAsync(AthleteScope scope, DateRange range, CancellationToken cancellationToken)
    {
        var report = await fitness.GetAsync(scope, range, cancellationToken);
        var daily = range.Days <= MaxDailyRows;
        var rows = daily ? report.Days : Weekly(report.Days);
        var latest = report.Days.LastOrDefault(d => d.Projected != true) ?? report.Days[^1];
        var next = new List<string> { "get_wellness for HRV, resting HR and sleep over the same days", "get_events for the planned load ahead" };
        if (latest.FormZone is FormZones.HighRisk)
        {
            next.Insert(0, "get_wellness to check recovery markers before the next hard session (form is in the high-risk zone)");
        }

        var result = new FitnessResult(
            scope.Context,
            range.ToString(),
            daily ? "daily" : "weekly",
            report.Source,
            report.SourceNote,
            latest,
            report.Trend,
            FormZones.Legend + "; form_pct = 100·TSB/CTL; ramp_per_week = CTL change over 7 days",
            rows,
            next);
        return ToolResponse.Memoizable(result, Render(result));
    }

    private static List<FitnessDay> Weekly(IReadOnlyList<FitnessDay> days)
    {
        // Keep every 7th day counting back from the last one, so the last row is always the range's last day.
        var rows = new List<FitnessDay>();
        for (var i = days.Count - 1; i >= 0; i -= 7)
        {
            rows.Add(days[i]);
        }

        rows.Reverse();
        return rows;
    }

    private static string Render(FitnessResult result)
    {
        var text = new StringBuilder();
        var d = result.Current;
        text.Append(result.Context.AthleteName).Append(' ').Append(result.Range).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(d.Date).Append(" CTL ").Append(Units.Number(d.Ctl)).Append(", ATL ").Append(Units.Number(d.Atl))
            .Append(", TSB ").Append(Units.Number(d.Tsb)).Append(" (").Append(d.FormZone.Replace('_', ' ')).Append(')');
        if (d.RampPerWeek is { } ramp)
        {
            text.Append(", ramp ").Append(Units.Number(ramp)).Append("/week");
        }

        if (result.Trend is { } trend)
        {
            text.Append(". Trend: ").Append(trend.Direction).Append(" (").Append(Units.Number(trend.SlopePerWeek, 2)).Append(" CTL/week over ").Append(trend.Window).Append(')');
            if (trend.Plateau == true)
            {
                text.Append(", plateau since ").Append(trend.PlateauSince);
            }
        }

        text.Append(". Source: ").Append(result.Source switch
        {
            FitnessSources.Intervals => "Intervals.icu wellness values",
            FitnessSources.Computed => "computed by IcuSync from activity loads",
            _ => "Intervals.icu values, some days computed by IcuSync",
        }).Append('.');
        foreach (var row in result.Days.TakeLast(10))
        {
            text.Append('\n').Append(row.Date).Append(" CTL ").Append(Units.Number(row.Ctl)).Append(" ATL ").Append(Units.Number(row.Atl))
                .Append(" TSB ").Append(Units.Number(row.Tsb)).Append(' ').Append(row.FormZone.Replace('_', ' '));
            if (row.Computed == true)
            {
                text.Append(" (computed)");
            }

            if (row.Projected == true)
            {
                text.Append(" (projected)");
            }
        }

        if (result.SourceNote is not null)
        {
            text.Append('\n').Append(result.SourceNote);
        }

        return text.ToString();
    }
}

public sealed record FitnessResult(
    ResultContext Context,
    string Range,
    string Resolution,
    string Source,
    string? SourceNote,
    FitnessDay Current,
    FitnessTrend? Trend,
    string Legend,
    IReadOnlyList<FitnessDay> Days,
    IReadOnlyList<string> NextActions);
