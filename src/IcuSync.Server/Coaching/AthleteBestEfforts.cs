using System.Collections.Immutable;
using System.Globalization;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>What to look for: <c>power</c> or <c>hr</c> at durations (s), or <c>pace</c> at distances (m), over a local date range.</summary>
public sealed record BestEffortsRequest(string Metric, DateRange Range, string? Sport, IReadOnlyList<int>? DurationsS, IReadOnlyList<double>? DistancesM);

/// <summary>
/// The best effort at one duration or distance over the range, and the activity (id, local date, name) that set it.
/// Power in W (and W/kg), heart rate in bpm, pace efforts as the time in seconds to cover the distance and the pace in
/// the athlete's units. <c>CurveDurationS</c>/<c>CurveDistanceM</c> appear when the nearest curve point was used.
/// </summary>
public sealed record BestEffortRow(
    string Label,
    int? DurationS,
    double? DistanceM,
    int? PowerW,
    double? WPerKg,
    int? HrBpm,
    int? TimeS,
    string? Pace,
    string? ActivityId,
    string? Date,
    string? ActivityName,
    int? CurveDurationS,
    double? CurveDistanceM,
    string? Unavailable);

/// <summary>Best efforts of one metric over a range.</summary>
public sealed record BestEffortsReport(string Metric, string Range, string? Sport, string Unit, IReadOnlyList<BestEffortRow> Efforts);

/// <summary>
/// Best power, heart-rate or pace efforts over a date range from Intervals.icu's athlete curves (there is no
/// athlete-wide best-efforts endpoint): power and HR curves give the best mean per duration, pace curves the fastest
/// time per distance.
/// </summary>
public sealed class AthleteBestEfforts(IntervalsReads reads, AthleteProfiles profiles)
{
    public const string Power = "power";
    public const string HeartRate = "hr";
    public const string Pace = "pace";

    /// <summary>Durations reported when none are asked for, in seconds.</summary>
    public static ImmutableArray<int> DefaultDurationsS { get; } = [5, 15, 30, 60, 300, 600, 1200, 3600];

    /// <summary>Run distances reported when none are asked for, in meters (400 m to half marathon).</summary>
    public static ImmutableArray<double> DefaultRunDistancesM { get; } = [400, 1000, 1609.344, 5000, 10000, 21097.5];

    /// <summary>Swim distances reported when none are asked for, in meters.</summary>
    public static ImmutableArray<double> DefaultSwimDistancesM { get; } = [100, 200, 400, 1000, 1500];

    /// <summary>The sport each metric uses when none is given (HR curves may span every sport).</summary>
    public static string? DefaultSport(string metric) => metric switch
    {
        Power => "Ride",
        Pace => "Run",
        _ => null,
    };

    /// <summary>Best efforts for each requested duration (power, hr) or distance (pace), with the activity that set each.</summary>
    public async Task<BestEffortsReport> FindAsync(AthleteScope scope, BestEffortsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var spec = PowerCurves.Spec(request.Range);
        var sport = request.Sport ?? DefaultSport(request.Metric);
        switch (request.Metric)
        {
            case Power:
                {
                    var set = await reads.GetPowerCurvesAsync(scope.Credential, scope.AthleteId, sport!, [spec], ct);
                    var curve = new AthleteCurve<PowerCurveDto>(set.Curves?.FirstOrDefault(), Activities(set.Activities));
                    var rows = Durations(request).Select(d => PowerRow(curve, d)).ToList();
                    return new BestEffortsReport(Power, request.Range.ToString(), sport, "W", rows);
                }

            case HeartRate:
                {
                    var set = await reads.GetHrCurvesAsync(scope.Credential, scope.AthleteId, sport, [spec], ct);
                    var curve = new AthleteCurve<HrCurveDto>(set.Curves?.FirstOrDefault(), Activities(set.Activities));
                    var rows = Durations(request).Select(d => HrRow(curve, d)).ToList();
                    return new BestEffortsReport(HeartRate, request.Range.ToString(), sport, "bpm", rows);
                }

            case Pace:
                {
                    var set = await reads.GetPaceCurvesAsync(scope.Credential, scope.AthleteId, sport, [spec], false, ct);
                    var curve = new AthleteCurve<PaceCurveDto>(set.Curves?.FirstOrDefault(), Activities(set.Activities));
                    var (_, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
                    var paceUnits = AthleteProfiles.For(settings, sport!)?.PaceUnits ?? (CurveSports.IsSwim(sport) ? "SECS_100M" : "MINS_KM");
                    var distances = request.DistancesM is { Count: > 0 } asked ? asked : CurveSports.IsSwim(sport) ? DefaultSwimDistancesM : DefaultRunDistancesM;
                    var rows = distances.Select(d => PaceRow(curve, d, paceUnits)).ToList();
                    return new BestEffortsReport(Pace, request.Range.ToString(), sport, "s per distance; pace in " + PaceUnitLabel(paceUnits), rows);
                }

            default:
                throw ToolFailure.BadArgument("metric", "one of power, hr, pace", $"got '{ToolArguments.Shorten(request.Metric)}'");
        }
    }

    /// <summary>A distance label: 400m, 1km, 1mi, 21.1km.</summary>
    public static string DistanceLabel(double meters) =>
        Math.Abs(meters - 1609.344) < 1 ? "1mi"
        : meters >= 1000 ? (meters / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "km"
        : meters.ToString("0.#", CultureInfo.InvariantCulture) + "m";

    private static IReadOnlyList<int> Durations(BestEffortsRequest request) =>
        request.DurationsS is { Count: > 0 } asked ? asked : DefaultDurationsS;

    private static IReadOnlyDictionary<string, ActivityDto> Activities(IReadOnlyDictionary<string, ActivityDto>? activities) =>
        activities ?? new Dictionary<string, ActivityDto>(StringComparer.Ordinal);

    private static BestEffortRow PowerRow(AthleteCurve<PowerCurveDto> curve, int seconds)
    {
        var label = PowerCurves.DurationLabel(seconds);
        var secs = curve.Curve?.Secs ?? [];
        var watts = curve.Curve?.BestWatts ?? [];
        if (Locate(secs.Select(s => (double?)s).ToList(), seconds, watts.Count) is not { } i || watts[i] is not { } w)
        {
            return Missing(label, seconds, null, DurationGap(secs, seconds));
        }

        var activity = At(curve.Curve!.ActivityIds, i);
        var wkg = curve.Curve.WattsPerKg is { } perKg && i < perKg.Count ? perKg[i] : null;
        return new BestEffortRow(label, seconds, null, w, wkg, null, null, null, activity, curve.DateOf(activity), curve.NameOf(activity),
            secs[i] == seconds ? null : secs[i], null, null);
    }

    private static BestEffortRow HrRow(AthleteCurve<HrCurveDto> curve, int seconds)
    {
        var label = PowerCurves.DurationLabel(seconds);
        var secs = curve.Curve?.Secs ?? [];
        var values = curve.Curve?.Values ?? [];
        if (Locate(secs.Select(s => (double?)s).ToList(), seconds, values.Count) is not { } i || values[i] is not { } bpm)
        {
            return Missing(label, seconds, null, DurationGap(secs, seconds));
        }

        var activity = At(curve.Curve!.ActivityIds, i);
        return new BestEffortRow(label, seconds, null, null, null, bpm, null, null, activity, curve.DateOf(activity), curve.NameOf(activity),
            secs[i] == seconds ? null : secs[i], null, null);
    }

    private static BestEffortRow PaceRow(AthleteCurve<PaceCurveDto> curve, double meters, string paceUnits)
    {
        var label = DistanceLabel(meters);
        var distances = curve.Curve?.Distance ?? [];
        var times = curve.Curve?.Values ?? [];
        if (Locate(distances, meters, times.Count) is not { } i || times[i] is not { } seconds || seconds <= 0 || distances[i] is not { } covered)
        {
            var longest = distances.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(0).Max();
            return Missing(label, null, meters, longest < meters * (1 - PowerCurves.PointTolerance)
                ? $"no activity in the range covered {label}"
                : $"the pace curve has no point within 10% of {label}");
        }

        var activity = At(curve.Curve!.ActivityIds, i);
        return new BestEffortRow(label, null, meters, null, null, null, seconds, PaceUnits.Format(covered / seconds, paceUnits), activity,
            curve.DateOf(activity), curve.NameOf(activity), null, Math.Abs(covered - meters) < 0.5 ? null : covered, null);
    }

    private static int? Locate(IReadOnlyList<double?> xs, double target, int valueCount) =>
        PowerCurves.FindPoint(xs, target) is { } i && i < valueCount ? i : null;

    private static string? At(IReadOnlyList<string?>? ids, int index) => ids is not null && index < ids.Count ? ids[index] : null;

    private static string DurationGap(IReadOnlyList<int?> secs, int seconds)
    {
        var longest = secs.Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(0).Max();
        return longest < seconds * (1 - PowerCurves.PointTolerance)
            ? $"no activity in the range lasted {PowerCurves.DurationLabel(seconds)} with this data"
            : $"the curve has no point within 10% of {PowerCurves.DurationLabel(seconds)}";
    }

    private static BestEffortRow Missing(string label, int? seconds, double? meters, string reason) =>
        new(label, seconds, meters, null, null, null, null, null, null, null, null, null, null, reason);

    private static string PaceUnitLabel(string paceUnits) => paceUnits.ToUpperInvariant() switch
    {
        "MINS_MILE" => "min/mi",
        "SECS_100M" => "min:s per 100 m",
        "SECS_100Y" => "min:s per 100 yd",
        "SECS_500M" => "min:s per 500 m",
        _ => "min/km",
    };
}
