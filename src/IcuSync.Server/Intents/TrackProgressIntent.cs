using System.ComponentModel;
using System.Globalization;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Intents;

[McpServerToolType]
public sealed class TrackProgressIntent(ToolRuntime runtime, ProgressTracking progress)
{
    public const string Name = "track_progress";

    public const int MinWeeks = 4;
    public const int MaxWeeks = 24;
    public const int DefaultWeeks = 12;

    [McpServerTool(Name = Name, Title = "Track progress", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [Description("Diagnose stalled fitness over the last period_weeks (4-24, default 12): CTL plateau (trend, slope/week, start, days), " +
        "ACWR state (underloaded/productive/watch/overreaching), monotony, strain, HRV context, intensity-distribution drift (weekly " +
        "3-zone shares, entropy recent 4 vs prior 4 weeks: stable/converging/polarizing) and, with hypothesis_mode (default true), " +
        "ranked hypotheses (volume, intensity distribution, recovery) with evidence and confidence. Pair with assess_recovery: " +
        "plateau + suppressed HRV = recovery microcycle. Short history gives unavailable fields and warnings.")]
    public Task<CallToolResult> TrackProgressAsync(
        [Description("4-24, default 12.")] int? period_weeks = null,
        [Description("Default true.")] bool? hypothesis_mode = null,
        [Description("Athlete name or id (coaches).")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var weeks = period_weeks ?? DefaultWeeks;
            if (weeks is < MinWeeks or > MaxWeeks)
            {
                throw ToolFailure.BadArgument("period_weeks", $"a whole number of weeks from {MinWeeks} to {MaxWeeks}", $"got {weeks}");
            }

            var report = await progress.TrackAsync(scope, weeks, hypothesis_mode ?? true, scope.Has("get_wellness"), cancellationToken);
            var next = new List<string> { "assess_recovery period_days 14 to check the recovery side" };
            if (report.Hypotheses?.FirstOrDefault(h => h.Supported) is { } top)
            {
                next.Add(top.Factor switch
                {
                    "recovery" => "modify_training to turn the coming days into a recovery microcycle (dry run first)",
                    "volume" => "plan_training with a higher max_hours_per_week for the next block",
                    _ => "analyze_training target_type period to see where the moderate-intensity time comes from",
                });
            }

            var result = new TrackProgressResult(scope.Context, report, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(TrackProgressResult result)
    {
        var r = result.Progress;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(' ').Append(r.Window).Append(" (today ").Append(result.Context.Today).Append(')');
        if (r.Plateau is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nCTL {p.CtlStart} → {p.CtlEnd}, {p.Trend} ({p.SlopePerWeek:+0.00;-0.00}/week)");
            if (p.Detected)
            {
                text.Append(CultureInfo.InvariantCulture, $", plateau since {p.Start} ({p.Days} days)");
            }
        }

        if (r.Acwr is { } a)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nACWR {a.Ratio} {a.State}");
        }

        if (r.Monotony is { Monotony: { } m } mono)
        {
            text.Append(CultureInfo.InvariantCulture, $", monotony {m}, strain {mono.Strain}");
        }

        if (r.Hrv is { } h)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nHRV {h.State}, ratio {h.HrvRatio?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
        }

        if (r.Tid is { State: { } drift } tid)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nIntensity distribution {drift} (entropy {tid.PriorEntropyBits} → {tid.RecentEntropyBits} bits), dominant {tid.DominantZone}");
        }

        foreach (var hyp in r.Hypotheses ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{hyp.Rank}. {hyp.Factor} ({(hyp.Supported ? "supported" : "not supported")}, confidence {hyp.Confidence}): {hyp.Recommendation}");
        }

        foreach (var warning in r.Warnings ?? [])
        {
            text.Append("\nWarning: ").Append(warning);
        }

        return text.ToString();
    }
}

/// <summary>track_progress' result.</summary>
public sealed record TrackProgressResult(ResultContext Context, ProgressReport Progress, IReadOnlyList<string> NextActions);
