using System.Collections.Immutable;
using System.Globalization;
using IcuSync.Analytics.Power;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// A critical-power model fitted by IcuSync.Analytics to a mean-max power curve. CP and Pmax in watts, W′ in joules.
/// <c>Unidentifiable</c> names the parameters the curve cannot pin down (<c>cp</c>, <c>w_prime</c>, <c>pmax</c>);
/// <c>Valid</c> is false when CP or W′ is among them or R² is below 0.5, and such a fit must not be quoted as the athlete's CP.
/// </summary>
public sealed record CriticalPowerEstimate(
    string Model,
    double CpW,
    double WPrimeJ,
    double? PmaxW,
    double R2,
    int Points,
    int MinDurationS,
    int MaxDurationS,
    bool Valid,
    IReadOnlyList<string>? Unidentifiable,
    string? Note);

/// <summary>
/// Mean-max power at one anchor duration for a range and (optionally) a comparison range, with the activities and
/// local dates that set them. Deltas are range minus comparison.
/// </summary>
public sealed record PowerCurveRow(
    int DurationS,
    string Label,
    int? PowerW,
    double? WPerKg,
    string? ActivityId,
    string? Date,
    int? ComparePowerW,
    string? CompareActivityId,
    string? CompareDate,
    int? DeltaW,
    double? DeltaPct);

/// <summary>Power curves of one range (and an optional comparison range) with their critical-power fits.</summary>
public sealed record PowerCurveComparison(
    string Range,
    string? CompareRange,
    string Sport,
    IReadOnlyList<PowerCurveRow> Anchors,
    CriticalPowerEstimate? CriticalPower,
    string? CriticalPowerUnavailable,
    CriticalPowerEstimate? CompareCriticalPower,
    string? CompareCriticalPowerUnavailable,
    double? CpDeltaW,
    double? WPrimeDeltaJ);

/// <summary>One athlete curve for a date range, as Intervals.icu returned it, with the activities that set its points.</summary>
public sealed record AthleteCurve<TCurve>(TCurve? Curve, IReadOnlyDictionary<string, ActivityDto> Activities)
    where TCurve : class
{
    /// <summary>The athlete-local date of an activity referenced by the curve, or null when Intervals.icu did not list it.</summary>
    public string? DateOf(string? activityId) =>
        activityId is not null && Activities.TryGetValue(activityId, out var a) && a.StartDateLocal is not null ? TrainingHistory.LocalDate(a) : null;

    /// <summary>The name of an activity referenced by the curve.</summary>
    public string? NameOf(string? activityId) =>
        activityId is not null && Activities.TryGetValue(activityId, out var a) ? a.Name : null;
}

/// <summary>
/// Athlete-level mean-max power over date ranges (Intervals.icu's power-curves endpoint with <c>r.START.END</c> specs),
/// compared at anchor durations, with CP, W′ and Pmax fitted by <see cref="CriticalPowerEstimator"/>.
/// </summary>
public sealed class PowerCurves(IntervalsReads reads)
{
    /// <summary>The anchor durations in seconds reported by default: 5 s to 60 min.</summary>
    public static ImmutableArray<int> AnchorSeconds { get; } = [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    /// <summary>
    /// How far (as a fraction of the asked duration or distance) a curve point may lie from the one asked for and still
    /// be reported for it. Intervals.icu curves are dense at short durations and sparse at long ones.
    /// </summary>
    public const double PointTolerance = 0.1;

    /// <summary>The shortest and longest durations, in seconds, the Morton three-parameter fit uses.</summary>
    public const int FitMinimumSeconds = 5;

    /// <inheritdoc cref="FitMinimumSeconds"/>
    public const int FitMaximumSeconds = 1200;

    /// <summary>How far (as a fraction) the three-parameter CP may lie from the 2–20 min two-parameter CP and still be reported.</summary>
    public const double ModelAgreement = 0.15;

    /// <summary>Intervals.icu's curve spec for an explicit local date range.</summary>
    public static string Spec(DateRange range) => $"r.{DateRange.Format(range.Start)}.{DateRange.Format(range.End)}";

    /// <summary>The power curve of <paramref name="sport"/> over each range, in order (cached per athlete and credential).</summary>
    public async Task<IReadOnlyList<AthleteCurve<PowerCurveDto>>> GetAsync(AthleteScope scope, string sport, IReadOnlyList<DateRange> ranges, CancellationToken ct)
    {
        var specs = ranges.Select(Spec).ToList();
        var set = await reads.GetPowerCurvesAsync(scope.Credential, scope.AthleteId, sport, specs, ct);
        var activities = set.Activities ?? new Dictionary<string, ActivityDto>(StringComparer.Ordinal);
        return [.. specs.Select((spec, i) => new AthleteCurve<PowerCurveDto>(
            set.Curves?.FirstOrDefault(c => c.Id == spec) ?? (set.Curves is { } list && i < list.Count ? list[i] : null),
            activities))];
    }

    /// <summary>
    /// Mean-max power at <paramref name="anchors"/> (default <see cref="AnchorSeconds"/>) for <paramref name="range"/> and,
    /// when given, <paramref name="compare"/>, with deltas and a CP fit for each range.
    /// </summary>
    public async Task<PowerCurveComparison> CompareAsync(
        AthleteScope scope, string sport, DateRange range, DateRange? compare, IReadOnlyList<int>? anchors, CancellationToken ct)
    {
        DateRange[] ranges = compare is { } c ? [range, c] : [range];
        var curves = await GetAsync(scope, sport, ranges, ct);
        var current = curves[0];
        var previous = compare is null ? null : curves[1];
        var rows = new List<PowerCurveRow>();
        foreach (var seconds in anchors is { Count: > 0 } ? anchors : AnchorSeconds)
        {
            var now = Point(current, seconds);
            var then = previous is null ? null : Point(previous, seconds);
            int? delta = now?.Power is { } p && then?.Power is { } q ? p - q : null;
            double? pct = delta is { } d && then?.Power is > 0 ? Math.Round(d * 100.0 / then.Value.Power, 1) : null;
            rows.Add(new PowerCurveRow(seconds, DurationLabel(seconds), now?.Power, now?.WPerKg, now?.ActivityId, now?.Date,
                then?.Power, then?.ActivityId, then?.Date, delta, pct));
        }

        var (fit, why) = current.Curve is { } cur ? EstimateCriticalPower(ToMeanMaxCurve(cur)) : (null, "no power data in this range");
        CriticalPowerEstimate? compareFit = null;
        string? compareWhy = null;
        if (previous is not null)
        {
            (compareFit, compareWhy) = previous.Curve is { } prev ? EstimateCriticalPower(ToMeanMaxCurve(prev)) : (null, "no power data in this range");
        }

        return new PowerCurveComparison(
            range.ToString(),
            compare?.ToString(),
            sport,
            rows,
            fit,
            why,
            compareFit,
            compareWhy,
            fit is { Valid: true } && compareFit is { Valid: true } ? Math.Round(fit.CpW - compareFit.CpW, 1) : null,
            fit is { Valid: true } && compareFit is { Valid: true } ? Math.Round(fit.WPrimeJ - compareFit.WPrimeJ) : null);
    }

    /// <summary>CP, W′ and Pmax fitted to the athlete's curve over <paramref name="range"/>; the reason when there is no usable fit.</summary>
    public async Task<(CriticalPowerEstimate? Estimate, string? Unavailable)> EstimateAsync(AthleteScope scope, string sport, DateRange range, CancellationToken ct)
    {
        var curves = await GetAsync(scope, sport, [range], ct);
        return curves[0].Curve is { } curve ? EstimateCriticalPower(ToMeanMaxCurve(curve)) : (null, $"no {sport} power data in {range}");
    }

    /// <summary>An Intervals.icu power curve as an analytics mean-max curve (durations in s, power in W), sorted and de-duplicated.</summary>
    public static MeanMaxCurve ToMeanMaxCurve(PowerCurveDto curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var secs = curve.Secs ?? [];
        var watts = curve.BestWatts ?? [];
        var points = new SortedDictionary<int, double>();
        for (var i = 0; i < Math.Min(secs.Count, watts.Count); i++)
        {
            if (secs[i] is { } s && s > 0 && watts[i] is { } w && w >= 0)
            {
                points[s] = points.TryGetValue(s, out var existing) ? Math.Max(existing, w) : w;
            }
        }

        return new MeanMaxCurve([.. points.Keys], [.. points.Values]);
    }

    /// <summary>
    /// Fits Morton's three-parameter model to the curve's envelope between <see cref="FitMinimumSeconds"/> and
    /// <see cref="FitMaximumSeconds"/>, so Pmax is anchored by short efforts. The two-parameter hyperbolic model on
    /// 2–20 min (the window the models describe best) is the cross-check: when the three-parameter fit cannot identify
    /// CP and W′, or its CP differs from the two-parameter CP by more than <see cref="ModelAgreement"/> (short-effort data
    /// that does not follow the model, e.g. no sprints), the two-parameter fit is reported instead, with a note.
    /// Returns the reason when neither fit exists.
    /// </summary>
    public static (CriticalPowerEstimate? Estimate, string? Unavailable) EstimateCriticalPower(MeanMaxCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0)
        {
            return (null, "no power data in this range");
        }

        var morton = CriticalPowerEstimator.FitMeanMax(curve, CriticalPowerModel.ThreeParameter, FitMinimumSeconds, FitMaximumSeconds);
        var hyperbolic = CriticalPowerEstimator.FitMeanMax(curve, CriticalPowerModel.TwoParameterHyperbolic);
        var agrees = hyperbolic is not { IsValid: true } || (morton is not null
            && Math.Abs(morton.CriticalPower - hyperbolic.CriticalPower) <= ModelAgreement * hyperbolic.CriticalPower);
        if (morton is { IsValid: true } && agrees)
        {
            return (Describe(morton, FitMinimumSeconds, FitMaximumSeconds, null), null);
        }

        if (hyperbolic is not null)
        {
            var note = morton switch
            {
                null => "Too few 5 s–20 min points for the three-parameter model; fitted the two-parameter model on 2–20 min.",
                { IsValid: false } => "The three-parameter fit could not identify CP and W′; fitted the two-parameter model on 2–20 min.",
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"The three-parameter fit (CP {morton.CriticalPower:0} W) disagrees with the 2–20 min two-parameter fit by more than {ModelAgreement * 100:0}%, so the two-parameter fit is reported; the short efforts do not follow the model."),
            };
            return (Describe(hyperbolic, CriticalPowerEstimator.DefaultMinimumSeconds, CriticalPowerEstimator.DefaultMaximumSeconds, note), null);
        }

        return morton is not null
            ? (Describe(morton, FitMinimumSeconds, FitMaximumSeconds, null), null)
            : (null, "the curve has fewer than three points between 2 and 20 min, so CP and W′ cannot be fitted");
    }

    /// <summary>The index of the curve point for <paramref name="target"/> (exact, else the nearest within <see cref="PointTolerance"/>), or null.</summary>
    public static int? FindPoint(IReadOnlyList<double?> xs, double target)
    {
        ArgumentNullException.ThrowIfNull(xs);
        int? best = null;
        var bestGap = double.MaxValue;
        for (var i = 0; i < xs.Count; i++)
        {
            if (xs[i] is not { } x || x <= 0)
            {
                continue;
            }

            var gap = Math.Abs(x - target);
            if (gap < bestGap)
            {
                (best, bestGap) = (i, gap);
            }
        }

        return best is not null && bestGap <= target * PointTolerance ? best : null;
    }

    /// <summary>A compact duration label: 5s, 90s, 5min, 1h, 1h30min.</summary>
    public static string DurationLabel(int seconds) => seconds switch
    {
        < 120 when seconds % 60 != 0 || seconds < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
        < 3600 when seconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}min"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}min{seconds % 60}s"),
        _ when seconds % 3600 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h{seconds % 3600 / 60}min"),
    };

    private readonly record struct CurveValue(int Power, double? WPerKg, string? ActivityId, string? Date);

    private static CurveValue? Point(AthleteCurve<PowerCurveDto> curve, int seconds)
    {
        if (curve.Curve is not { } c || c.Secs is not { } secs || c.BestWatts is not { } watts)
        {
            return null;
        }

        var index = FindPoint([.. secs.Select(s => (double?)s)], seconds);
        if (index is not { } i || i >= watts.Count || watts[i] is not { } w)
        {
            return null;
        }

        var activity = c.ActivityIds is { } ids && i < ids.Count ? ids[i] : null;
        var wkg = c.WattsPerKg is { } perKg && i < perKg.Count ? perKg[i] : null;
        return new CurveValue(w, wkg, activity, curve.DateOf(activity));
    }

    private static CriticalPowerEstimate Describe(CriticalPowerFit fit, int minimum, int maximum, string? note)
    {
        var flags = new List<string>();
        if (fit.Unidentifiable.HasFlag(CriticalPowerParameters.CriticalPower))
        {
            flags.Add("cp");
        }

        if (fit.Unidentifiable.HasFlag(CriticalPowerParameters.WPrime))
        {
            flags.Add("w_prime");
        }

        if (fit.Model == CriticalPowerModel.ThreeParameter && (fit.Unidentifiable.HasFlag(CriticalPowerParameters.PMax) || fit.PMax is null))
        {
            flags.Add("pmax");
        }

        var model = fit.Model switch
        {
            CriticalPowerModel.ThreeParameter => "morton_3p",
            CriticalPowerModel.TwoParameterLinear => "linear_2p",
            _ => "hyperbolic_2p",
        };
        return new CriticalPowerEstimate(
            model,
            Math.Round(fit.CriticalPower, 1),
            Math.Round(fit.WPrime),
            flags.Contains("pmax") || fit.PMax is not { } pmax ? null : Math.Round(pmax),
            Math.Round(fit.RSquared, 4),
            fit.PointCount,
            minimum,
            maximum,
            fit.IsValid,
            flags.Count == 0 ? null : flags,
            note);
    }
}

/// <summary>Sport names for the athlete curve endpoints, which need an Intervals.icu activity type such as Ride or Run.</summary>
public static class CurveSports
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ride"] = "Ride",
        ["VirtualRide"] = "VirtualRide",
        ["GravelRide"] = "GravelRide",
        ["MountainBikeRide"] = "MountainBikeRide",
        ["TrackRide"] = "TrackRide",
        ["EBikeRide"] = "EBikeRide",
        ["Run"] = "Run",
        ["VirtualRun"] = "VirtualRun",
        ["TrailRun"] = "TrailRun",
        ["Swim"] = "Swim",
        ["OpenWaterSwim"] = "OpenWaterSwim",
        ["Rowing"] = "Rowing",
        ["VirtualRow"] = "VirtualRow",
        ["NordicSki"] = "NordicSki",
        ["Walk"] = "Walk",
        ["Hike"] = "Hike",
        ["cycling"] = "Ride",
        ["bike"] = "Ride",
        ["running"] = "Run",
        ["swimming"] = "Swim",
    };

    /// <summary>The canonical activity type for <paramref name="value"/>, <paramref name="defaultSport"/> when empty.</summary>
    public static string Normalize(string? value, string defaultSport, string argument = "sport") =>
        NormalizeOptional(value, argument) ?? defaultSport;

    /// <summary>The canonical activity type for <paramref name="value"/>, or null when empty (all sports).</summary>
    public static string? NormalizeOptional(string? value, string argument = "sport")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (Known.TryGetValue(trimmed, out var canonical))
        {
            return canonical;
        }

        // Unknown but well-formed types (e.g. Canoeing) pass through; Intervals.icu knows its own list.
        return trimmed.Length <= 40 && trimmed.All(char.IsAsciiLetter)
            ? trimmed
            : throw ToolFailure.BadArgument(argument, "an Intervals.icu activity type such as Ride, VirtualRide, Run or Swim", $"got '{ToolArguments.Shorten(trimmed)}'");
    }

    /// <summary>True for swim types, whose pace is shown per 100 m.</summary>
    public static bool IsSwim(string? sport) => sport is not null && sport.Contains("Swim", StringComparison.OrdinalIgnoreCase);
}
