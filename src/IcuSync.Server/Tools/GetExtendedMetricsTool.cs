using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetExtendedMetricsTool(ToolRuntime runtime, ActivityAnalysisService activities)
{
    public const string Name = "get_extended_metrics";

    [McpServerTool(Name = Name, Title = "Extended activity metrics", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(ExtendedMetricsResult))]
    [Description("Metrics IcuSync computes itself from one activity's 1 Hz streams: NP, IF, VI, EF, aerobic decoupling (signed, with a " +
        "reading), HR drift, W′ balance minimum and time under 25% W′ (CP/W′ from sport settings, else fitted), mean-max power at 5 s, " +
        "1, 5, 20 and 60 min, and time in power/HR/pace zones. Fields that cannot be computed are listed under 'unavailable' with the " +
        "reason; Intervals.icu's own values are included for comparison. Strava imports are explained, never shown as zeros.")]
    public Task<CallToolResult> GetExtendedMetricsAsync(
        [Description("Required. Activity id, e.g. i51234567 (get_training_history lists them).")] string? activity_id = null,
        [Description("Athlete name or id; defaults to the selected athlete. The activity must belong to this athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var id = ActivityAnalysisService.ParseActivityId(activity_id);
            var metrics = await activities.GetExtendedMetricsAsync(scope, id, cancellationToken);
            IReadOnlyList<string> next = metrics.StravaStub is not null
                ? ["get_training_history to find sessions recorded directly (not via Strava)"]
                : [$"get_activity_detail with activity_id {metrics.ActivityId} for the interval table and notes",
                   "get_power_curves to compare the mean-max anchors with the athlete's curve"];
            var result = new ExtendedMetricsResult(scope.Context, metrics, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static string Render(ExtendedMetricsResult result)
    {
        var m = result.Metrics;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(" · ").Append(m.Date).Append(' ').Append(m.Sport ?? "activity")
            .Append(m.Name is null ? "" : $" '{m.Name}'").Append(" [").Append(m.ActivityId).Append("] (today ").Append(result.Context.Today).Append(')');
        if (m.StravaStub is { } stub)
        {
            text.Append('\n').Append(stub.Note).Append('\n').Append(stub.Advice);
            return text.ToString();
        }

        var parts = new List<string>();
        if (m.NpW is { } np)
        {
            parts.Add($"NP {Units.Number(np)} W");
        }

        if (m.If is { } intensity)
        {
            parts.Add($"IF {Units.Number(intensity, 3)}");
        }

        if (m.Vi is { } vi)
        {
            parts.Add($"VI {Units.Number(vi, 3)}");
        }

        if (m.EfWPerBpm is { } ef)
        {
            parts.Add($"EF {Units.Number(ef, 3)} W/bpm");
        }
        else if (m.EfMPerMinPerBpm is { } efSpeed)
        {
            parts.Add($"EF {Units.Number(efSpeed, 3)} (m/min)/bpm");
        }

        if (m.Decoupling is { } d)
        {
            parts.Add($"decoupling {Units.Number(d.Pct, 1)}% ({d.Label})");
        }

        if (m.HrDrift is { } drift)
        {
            parts.Add($"HR drift {(drift.DriftBpm >= 0 ? "+" : "")}{Units.Number(drift.DriftBpm)} bpm");
        }

        text.Append('\n').AppendJoin(" · ", parts);
        if (m.WPrimeBalance is { } w)
        {
            text.Append("\nW′bal (CP ").Append(Units.Number(w.CpW, 0)).Append(" W, W′ ").Append(Units.Number(w.WPrimeJ / 1000, 1)).Append(" kJ, ")
                .Append(w.Source).Append("): ");
            if (w.MaxDepletionJ <= 0)
            {
                text.Append("W′ never used (no effort above CP)");
            }
            else
            {
                text.Append("min ").Append(Units.Number(w.MinJ / 1000, 1)).Append(" kJ (").Append(Units.Number(w.MinPct)).Append("%) at ")
                    .Append(Units.Duration(w.MinAtS)).Append(", ").Append(Units.Duration(w.TimeBelowQuarterS)).Append(" below 25% W′");
            }
        }

        if (m.MeanMax is { Count: > 0 } anchors)
        {
            text.Append("\nMean-max: ").AppendJoin(" · ", anchors.Select(a => $"{a.Label} {Units.Number(a.PowerW, 0)} W"));
        }

        if (m.Unavailable is { Count: > 0 } missing)
        {
            text.Append("\nUnavailable: ").AppendJoin("; ", missing.GroupBy(u => u.Reason).Select(g => $"{string.Join(", ", g.Select(u => u.Metric))} ({g.Key})"));
        }

        return text.ToString();
    }
}

public sealed record ExtendedMetricsResult(ResultContext Context, ExtendedMetrics Metrics, IReadOnlyList<string>? NextActions);
