using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetPowerCurvesTool(ToolRuntime runtime, PowerCurves curves)
{
    public const string Name = "get_power_curves";

    [McpServerTool(Name = Name, Title = "Power curves and CP", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(PowerCurvesResult))]
    [Description("Mean-max power (best W held) at anchor durations 5 s to 60 min over a date range (default: the last 90 days), with " +
        "the activity id and date of each best, optionally against a comparison range with deltas in W and %. Adds CP, W′ and Pmax " +
        "fitted by IcuSync's analytics engine (Morton 3-parameter model, R², flags for parameters the data cannot identify).")]
    public Task<CallToolResult> GetPowerCurvesAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: 89 days before end_date.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today.")] string? end_date = null,
        [Description("First day of the comparison range, YYYY-MM-DD. With only one compare date, the other makes a range as long as the main one.")] string? compare_start_date = null,
        [Description("Last day of the comparison range, YYYY-MM-DD, inclusive.")] string? compare_end_date = null,
        [Description("Sport, e.g. Ride, VirtualRide, Run (with a power meter). Default Ride.")] string? sport = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = ToolArguments.Range(start_date, end_date, scope.Today, 90, ToolArguments.MaxSummaryDays);
            var compare = CompareRange(compare_start_date, compare_end_date, range, scope.Today);
            var canonicalSport = CurveSports.Normalize(sport, "Ride");
            var report = await curves.CompareAsync(scope, canonicalSport, range, compare, null, cancellationToken);
            var next = new List<string>();
            if (report.Anchors.FirstOrDefault(a => a.DurationS == 1200)?.ActivityId is { } twenty)
            {
                next.Add($"get_activity_detail with activity_id {twenty} (the 20min best)");
            }

            if (compare is null)
            {
                next.Add("repeat with compare_start_date/compare_end_date to see the change against an earlier block");
            }

            next.Add("get_best_efforts for heart-rate or pace bests");
            var result = new PowerCurvesResult(scope.Context, report, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static DateRange? CompareRange(string? start, string? end, DateRange main, DateOnly today)
    {
        var from = ToolArguments.OptionalDate(start, "compare_start_date");
        var to = ToolArguments.OptionalDate(end, "compare_end_date");
        if (from is null && to is null)
        {
            return null;
        }

        from ??= to!.Value.AddDays(-(main.Days - 1));
        to ??= from.Value.AddDays(main.Days - 1);
        return ToolArguments.Range(DateRange.Format(from.Value), DateRange.Format(to.Value), today, main.Days, ToolArguments.MaxSummaryDays,
            "compare_start_date", "compare_end_date");
    }

    private static string Render(PowerCurvesResult result)
    {
        var r = result.Curves;
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(' ').Append(r.Sport).Append(" power ").Append(r.Range);
        if (r.CompareRange is { } compare)
        {
            text.Append(" vs ").Append(compare);
        }

        text.Append(" (today ").Append(result.Context.Today).Append("):\n").AppendJoin(" · ", r.Anchors.Where(a => a.PowerW is not null).Select(a =>
            $"{a.Label} {a.PowerW} W" + (a.DeltaW is { } d ? $" ({(d >= 0 ? "+" : "")}{d} W, {(d >= 0 ? "+" : "")}{Units.Number(a.DeltaPct ?? 0)}%)" : "")));
        AppendFit(text, "CP", r.CriticalPower, r.CriticalPowerUnavailable);
        if (r.CompareRange is not null)
        {
            AppendFit(text, "Comparison CP", r.CompareCriticalPower, r.CompareCriticalPowerUnavailable);
            if (r.CpDeltaW is { } cpDelta)
            {
                text.Append(" · CP change ").Append(cpDelta >= 0 ? "+" : "").Append(Units.Number(cpDelta)).Append(" W");
            }
        }

        return text.ToString();
    }

    private static void AppendFit(StringBuilder text, string title, CriticalPowerEstimate? fit, string? unavailable)
    {
        text.Append('\n').Append(title).Append(": ");
        if (fit is null)
        {
            text.Append("not available (").Append(unavailable).Append(')');
            return;
        }

        text.Append(Units.Number(fit.CpW, 0)).Append(" W, W′ ").Append(Units.Number(fit.WPrimeJ / 1000, 1)).Append(" kJ");
        if (fit.PmaxW is { } pmax)
        {
            text.Append(", Pmax ").Append(Units.Number(pmax, 0)).Append(" W");
        }

        text.Append(" (").Append(fit.Model).Append(", R² ").Append(Units.Number(fit.R2, 3));
        if (fit.Unidentifiable is { Count: > 0 } flags)
        {
            text.Append(", unidentifiable: ").AppendJoin(", ", flags);
        }

        text.Append(fit.Valid ? ")" : "; not a valid CP estimate)");
    }
}

public sealed record PowerCurvesResult(ResultContext Context, PowerCurveComparison Curves, IReadOnlyList<string>? NextActions);
