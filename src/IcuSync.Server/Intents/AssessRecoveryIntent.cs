using System.ComponentModel;
using System.Globalization;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class AssessRecoveryIntent(ToolRuntime runtime, RecoveryAssessment recovery)
{
    public const string Name = "assess_recovery";

    public const int MinDays = 7;
    public const int MaxDays = 30;
    public const int DefaultDays = 14;

    [McpServerTool(Name = Name, Title = "Assess recovery", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Recovery over the last period_days (7-30, default 14): sleep, resting HR vs its 28-day baseline, HRV (lnRMSSD 7-day " +
        "mean, CV, trend slope, suppression flag), TSB, recovery quality 0-1 (Good >= 0.8, Fair >= 0.5, Low), state LoadAccepting or " +
        "RecoveryPriority, red flags, readiness for easy/intensity/long/race. Tier 1 context before planning (14 days). Falling HRV, " +
        "rising resting HR or short sleep: reduce intensity.")]
    public Task<CallToolResult> AssessRecoveryAsync(
        [Description("7-30, default 14.")] int? period_days = null,
        [Description("Athlete name or id (coaches).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var days = period_days ?? DefaultDays;
            if (days is < MinDays or > MaxDays)
            {
                throw ToolFailure.BadArgument("period_days", $"a whole number of days from {MinDays} to {MaxDays}", $"got {days}");
            }

            var report = await recovery.AssessAsync(scope, days, cancellationToken);
            var next = new List<string>();
            if (report.State == "RecoveryPriority")
            {
                next.Add("modify_training to swap the next hard session for an easy one (dry run first)");
            }

            next.Add("analyze_training target_type period for the load behind this picture");
            next.Add("track_progress if HRV stays suppressed while CTL stalls");
            var result = new AssessRecoveryResult(scope.Context, report, RecoveryAssessment.QualityMethod, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(AssessRecoveryResult result)
    {
        var r = result.Recovery;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(' ').Append(r.Window).Append(" (today ").Append(result.Context.Today).Append("): ")
            .Append(r.State).Append(". ").Append(r.StateReason);
        if (r.Quality is { } q)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nRecovery quality {q.Index} {q.Label}");
        }

        if (r.Hrv is { } h)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nHRV 7-day {h.WeekMeanMs} ms (ln {h.LnRmssdWeekMean}, CV {h.WeekCvPct}%), {h.State}{(h.TrendDirection is null ? "" : ", trend " + h.TrendDirection)}");
        }

        if (r.RestingHr is { } rhr)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nResting HR 7-day {rhr.Last7AvgBpm} bpm (baseline {rhr.BaselineBpm?.ToString(CultureInfo.InvariantCulture) ?? "n/a"})");
        }

        if (r.Sleep is { } s)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSleep 7-day {s.Last7AvgH} h, {s.NightsUnderSixH} nights under 6 h");
        }

        if (r.Form is { } f)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nTSB {f.Tsb} ({f.FormZone.Replace('_', ' ')}) on {f.Date}");
        }

        foreach (var flag in r.RedFlags)
        {
            text.Append("\nRed flag ").Append(flag.Code).Append(": ").Append(flag.Message);
        }

        text.Append("\nReadiness: ").Append(string.Join(", ", r.Readiness.Select(x => $"{x.Session} {x.Verdict}")));
        return text.ToString();
    }
}

/// <summary>assess_recovery's result.</summary>
public sealed record AssessRecoveryResult(ResultContext Context, RecoveryReport Recovery, string QualityMethod, IReadOnlyList<string> NextActions);
