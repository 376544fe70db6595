using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetBestEffortsTool(ToolRuntime runtime, AthleteBestEfforts efforts)
{
    public const string Name = "get_best_efforts";

    private const int MaxPoints = 20;
    private const int MaxDurationS = 86_400;
    private const double MinDistanceM = 25;
    private const double MaxDistanceM = 200_000;

    [McpServerTool(Name = Name, Title = "Best efforts", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(BestEffortsResult))]
    [Description("The athlete's best efforts over a date range (default: the last 90 days; at most 366 days), from the Intervals.icu " +
        "athlete curves: best power (W, W/kg) or heart rate (bpm) held for chosen durations, or fastest times and paces for chosen " +
        "distances. Each effort names the activity id and local date that set it.")]
    public Task<CallToolResult> GetBestEffortsAsync(
        [Description("First day, YYYY-MM-DD (athlete-local). Default: 89 days before end_date.")] string? start_date = null,
        [Description("Last day, YYYY-MM-DD (athlete-local), inclusive. Default: today.")] string? end_date = null,
        [Description("power (W), hr (bpm) or pace (time per distance). Default power.")] string? metric = null,
        [Description("For power and hr: durations in seconds, e.g. [5, 60, 300, 1200]. Default [5, 15, 30, 60, 300, 600, 1200, 3600].")] int[]? durations = null,
        [Description("For pace: distances in meters, e.g. [400, 1000, 5000]. Default 400 m to half marathon (swims: 100–1500 m).")] double[]? distances = null,
        [Description("Sport, e.g. Ride, VirtualRide, Run, Swim. Default Ride for power, Run for pace, all sports for hr.")] string? sport = null,
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var range = ToolArguments.Range(start_date, end_date, scope.Today, 90, ToolArguments.MaxListDays);
            var kind = ToolArguments.Choice(metric, "metric", AthleteBestEfforts.Power, AthleteBestEfforts.Power, AthleteBestEfforts.HeartRate, AthleteBestEfforts.Pace);
            var canonicalSport = CurveSports.NormalizeOptional(sport);
            var request = new BestEffortsRequest(kind, range, canonicalSport, Durations(durations, kind), Distances(distances, kind));
            var report = await efforts.FindAsync(scope, request, cancellationToken);
            var best = report.Efforts.FirstOrDefault(e => e.ActivityId is not null);
            var next = new List<string>();
            if (best?.ActivityId is { } id)
            {
                next.Add($"get_activity_detail with activity_id {id} to see the session that set the {best.Label} best");
            }

            next.Add(kind == AthleteBestEfforts.Power ? "get_power_curves to compare this range with an earlier one and fit CP/W′" : "get_training_history for the sessions in this range");
            var result = new BestEffortsResult(scope.Context, report.Range, report.Metric, report.Sport, report.Unit, report.Efforts, next);
            return ToolResponse.From(result, Render(result));
        }, cancellationToken);

    private static int[]? Durations(int[]? durations, string metric)
    {
        if (durations is not { Length: > 0 })
        {
            return null;
        }

        if (metric == AthleteBestEfforts.Pace)
        {
            throw ToolFailure.BadArgument("durations", "distances in meters for metric 'pace', e.g. distances [1000, 5000]; durations apply to power and hr");
        }

        return durations.Length <= MaxPoints && durations.All(d => d is >= 1 and <= MaxDurationS)
            ? [.. durations.Distinct()]
            : throw ToolFailure.BadArgument("durations", $"1 to {MaxPoints} whole seconds from 1 to {MaxDurationS}, e.g. [5, 60, 300, 1200]",
                $"got {durations.Length} value(s) from {durations.Min()} to {durations.Max()}");
    }

    private static double[]? Distances(double[]? distances, string metric)
    {
        if (distances is not { Length: > 0 })
        {
            return null;
        }

        if (metric != AthleteBestEfforts.Pace)
        {
            throw ToolFailure.BadArgument("distances", "durations in seconds for metric 'power' or 'hr'; distances (meters) apply to metric 'pace'");
        }

        return distances.Length <= MaxPoints && distances.All(d => double.IsFinite(d) && d is >= MinDistanceM and <= MaxDistanceM)
            ? [.. distances.Distinct()]
            : throw ToolFailure.BadArgument("distances", $"1 to {MaxPoints} distances in meters from {MinDistanceM} to {MaxDistanceM}, e.g. [400, 1000, 5000]",
                $"got {distances.Length} value(s)");
    }

    private static string Render(BestEffortsResult result)
    {
        var text = new StringBuilder();
        text.Append(result.Context.AthleteName).Append(" best ").Append(result.Metric).Append(result.Sport is null ? "" : " (" + result.Sport + ")")
            .Append(' ').Append(result.Range).Append(" (today ").Append(result.Context.Today).Append("):");
        foreach (var e in result.Efforts)
        {
            text.Append('\n').Append(e.Label).Append(": ");
            if (e.Unavailable is { } why)
            {
                text.Append("— ").Append(why);
                continue;
            }

            if (e.PowerW is { } watts)
            {
                text.Append(watts).Append(" W");
                if (e.WPerKg is { } wkg)
                {
                    text.Append(" (").Append(Units.Number(wkg, 2)).Append(" W/kg)");
                }
            }
            else if (e.HrBpm is { } bpm)
            {
                text.Append(bpm).Append(" bpm");
            }
            else if (e.TimeS is { } seconds)
            {
                text.Append(Units.Duration(seconds));
                if (e.Pace is { } pace)
                {
                    text.Append(" (").Append(pace).Append(')');
                }
            }

            text.Append(" on ").Append(e.Date ?? "?").Append(" [").Append(e.ActivityId ?? "?").Append(']');
        }

        return text.ToString();
    }
}

public sealed record BestEffortsResult(
    ResultContext Context,
    string Range,
    string Metric,
    string? Sport,
    string Unit,
    IReadOnlyList<BestEffortRow> Efforts,
    IReadOnlyList<string>? NextActions);
