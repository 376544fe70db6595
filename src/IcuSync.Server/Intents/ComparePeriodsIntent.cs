using System.ComponentModel;
using System.Globalization;
using System.Text;
using IcuSync.Intervals;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class ComparePeriodsIntent(ToolRuntime runtime, PeriodComparison comparison)
{
    public const string Name = "compare_periods";

    [McpServerTool(Name = Name, Title = "Compare two periods", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Compare two date ranges (each up to 10 years) side by side: totals (sessions, time, distance, elevation, load), weekly " +
        "averages, low/moderate/high zone split, load per day and hour, CTL change, with deltas A-B. Empty windows give zeros and " +
        "zones unavailable. On a rate limit (429) the error says how to narrow the windows.")]
    public Task<CallToolResult> ComparePeriodsAsync(
        [Description("YYYY-MM-DD")] string? period_a_start = null,
        [Description("YYYY-MM-DD")] string? period_a_end = null,
        [Description("YYYY-MM-DD")] string? period_b_start = null,
        [Description("YYYY-MM-DD")] string? period_b_end = null,
        [Description("Athlete name or id (coaches).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var a = RequiredRange(period_a_start, period_a_end, "period_a_start", "period_a_end", scope.Today);
            var b = RequiredRange(period_b_start, period_b_end, "period_b_start", "period_b_end", scope.Today);
            PeriodComparisonReport report;
            try
            {
                report = await comparison.CompareAsync(scope, a, "period_a", b, "period_b", scope.Has("get_fitness"), cancellationToken);
            }
            catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.RateLimited)
            {
                throw NarrowingHint(a, b, error.RetryAfter);
            }

            var next = new List<string>
            {
                $"analyze_training target_type period with period_start {DateRange.Format(a.Start)} and period_end {DateRange.Format(a.End)} for the sessions and calendar of period A",
                "track_progress to see whether fitness is still rising",
            };
            var result = new ComparePeriodsResult(scope.Context, report.PeriodA, report.PeriodB, report.Deltas, report.Unavailable,
                "deltas are period A minus period B; *_pct are relative to period B", next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    /// <summary>
    /// The advice for a rate-limited comparison: wait, then ask for each window's last half (at least a week), which needs
    /// half the requests.
    /// </summary>
    public static McpException NarrowingHint(DateRange a, DateRange b, TimeSpan? retryAfter)
    {
        static string Narrower(DateRange r, string start, string end)
        {
            var days = Math.Max(7, r.Days / 2);
            return days >= r.Days
                ? $"{start} {DateRange.Format(r.Start)} and {end} {DateRange.Format(r.End)} (already short)"
                : $"{start} {DateRange.Format(r.End.AddDays(-(days - 1)))} and {end} {DateRange.Format(r.End)} ({days} days instead of {r.Days})";
        }

        var wait = retryAfter is { } w ? $"Wait {Math.Ceiling(w.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds, then narrow" : "Narrow";
        return ToolFailure.Refused(
            $"Intervals.icu is rate limiting requests (HTTP 429) while reading {a.Days + b.Days} days of training. {wait} the windows and retry, " +
            $"e.g. {Narrower(a, "period_a_start", "period_a_end")}; {Narrower(b, "period_b_start", "period_b_end")}. " +
            "Comparing equal-length windows of weeks or months needs fewer requests than multi-year ranges.");
    }

    private static DateRange RequiredRange(string? start, string? end, string startName, string endName, DateOnly today)
    {
        ToolArguments.RequiredDate(start, startName);
        ToolArguments.RequiredDate(end, endName);
        return ToolArguments.Range(start, end, today, 28, ToolArguments.MaxSummaryDays, startName, endName);
    }

    private static string Render(ComparePeriodsResult r)
    {
        var text = new StringBuilder();
        text.Append(r.Context.AthleteName).Append(" (today ").Append(r.Context.Today).Append("): A ").Append(r.PeriodA.Range).Append(" vs B ").Append(r.PeriodB.Range);
        foreach (var p in new[] { r.PeriodA, r.PeriodB })
        {
            var t = p.Totals;
            text.Append('\n').Append(p.Label).Append(": ").Append(t.Sessions).Append(" sessions, ").Append(Units.Duration(t.DurationS)).Append(" h, ")
                .Append(Units.Number(t.DistanceKm)).Append(" km, ").Append(t.ElevationM).Append(" m, load ").Append(t.Load);
            text.Append(p.Zones.ThreeZone is { } z
                ? string.Create(CultureInfo.InvariantCulture, $", zones {z.LowPct:0}/{z.ModeratePct:0}/{z.HighPct:0}%")
                : ", zones unavailable");
            if (p.Fitness is { } f)
            {
                text.Append(CultureInfo.InvariantCulture, $", CTL {f.CtlStart} → {f.CtlEnd} ({f.CtlChange:+0.0;-0.0})");
            }
        }

        var d = r.Deltas;
        text.Append(CultureInfo.InvariantCulture, $"\nA − B: {d.Sessions:+0;-0;0} sessions, {(d.DurationS >= 0 ? "+" : "-")}{Units.Duration(Math.Abs(d.DurationS))} h, {d.DistanceKm:+0.0;-0.0;0} km, load {d.Load:+0;-0;0}");
        if (d.LoadPct is { } pct)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({pct:+0.0;-0.0;0}%)");
        }

        return text.ToString();
    }
}

/// <summary>compare_periods' result: both periods, the deltas (A − B), what could not be computed, and next steps.</summary>
public sealed record ComparePeriodsResult(
    ResultContext Context,
    ComparedPeriod PeriodA,
    ComparedPeriod PeriodB,
    PeriodDeltas Deltas,
    IReadOnlyList<UnavailableMetric>? Unavailable,
    string Convention,
    IReadOnlyList<string> NextActions);
