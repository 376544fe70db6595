namespace IcuSync.Workouts.Totals;

/// <summary>
/// Turns step targets into intensity fractions (1.0 = threshold) and speeds. Zone targets use the midpoints of the
/// Intervals.icu default zones; heart rate is taken relative to LTHR, with maximum heart rate assumed to be LTHR / 0.9.
/// These are estimates for planning, not the athlete's own zone settings.
/// </summary>
internal static class IntensityModel
{
    /// <summary>Upper bounds of the default power zones Z1–Z6 in % of FTP (Z7 is open-ended).</summary>
    public static readonly int[] PowerZoneTops = [55, 75, 90, 105, 120, 150];

    public static readonly string[] PowerZoneNames =
        ["Active Recovery", "Endurance", "Tempo", "Threshold", "VO2 Max", "Anaerobic", "Neuromuscular"];

    private static readonly double[] PowerZoneMids = [0.50, 0.65, 0.83, 0.98, 1.13, 1.35, 1.60];

    /// <summary>Pace zones as fractions of threshold speed (Z1 70–75 %, Z2 76–80 %, Z3 81–88 %, Z4 89–95 %, Z5 96–105 %, Z6 &gt; 105 %).</summary>
    private static readonly double[] PaceZoneMids = [0.725, 0.78, 0.845, 0.92, 1.005, 1.10, 1.20];

    private static readonly double[] HrZoneMids = [0.80, 0.87, 0.92, 0.97, 1.01, 1.045, 1.08];

    /// <summary>The fraction of threshold speed assumed for a distance step with no pace target (an easy Z2 effort).</summary>
    public const double EasySpeedFraction = 0.78;

    private const double MaxHrPerLthr = 1 / 0.9;

    /// <summary>The intensity of a step as a fraction of threshold at its start and end (equal unless it ramps),
    /// or null when it cannot be resolved (no target, bare numbers, missing threshold).</summary>
    public static (double Start, double End)? Fraction(WorkoutStep step, WorkoutContext context)
    {
        var target = step.MainTarget;
        if (target is null)
        {
            return null;
        }

        var low = FractionOf(target, target.Low, context);
        var high = target.High is { } h ? FractionOf(target, h, context) : low;
        if (low is null || high is null)
        {
            return null;
        }

        return target.Ramp ? (low.Value, high.Value) : ((low.Value + high.Value) / 2, (low.Value + high.Value) / 2);
    }

    private static double? FractionOf(WorkoutTarget target, double value, WorkoutContext context) => target.Unit switch
    {
        TargetUnit.PercentFtp or TargetUnit.PercentLthr or TargetUnit.PercentPace => value / 100,
        TargetUnit.Watts => context.FtpWatts is { } ftp && ftp > 0 ? value / ftp : null,
        TargetUnit.PowerZone => ZoneMid(PowerZoneMids, value),
        TargetUnit.PercentMmp => value / 100 * MmpFactor(target.MmpSeconds),
        TargetUnit.PercentMaxHr => value / 100 * MaxHrPerLthr,
        TargetUnit.HrZone => ZoneMid(HrZoneMids, value),
        TargetUnit.PaceZone => ZoneMid(PaceZoneMids, value),
        TargetUnit.AbsolutePace => AbsolutePaceFraction(value, target.PaceDistance, context),
        _ => null,
    };

    private static double? AbsolutePaceFraction(double seconds, PaceDistance distance, WorkoutContext context)
    {
        if (context.ThresholdPaceSecsPerKm is not { } threshold || threshold <= 0 || seconds <= 0)
        {
            return null;
        }

        // Intensity is relative speed: threshold pace over the step's pace (both in s/km).
        return threshold / SecsPerKm(seconds, distance, context.Sport);
    }

    /// <summary>A rough mean-maximal power for a duration relative to FTP, for <c>% MMP</c> targets.</summary>
    private static double MmpFactor(int? seconds) => seconds switch
    {
        null => 1.0,
        <= 60 => 1.6,
        <= 180 => 1.3,
        <= 300 => 1.2,
        <= 600 => 1.1,
        <= 1200 => 1.05,
        _ => 1.0,
    };

    private static double ZoneMid(double[] mids, double zone) =>
        mids[Math.Clamp((int)Math.Round(zone) - 1, 0, mids.Length - 1)];

    /// <summary>Seconds per km for a pace written in seconds per <paramref name="distance"/>.</summary>
    public static double SecsPerKm(double seconds, PaceDistance distance, string sport) =>
        seconds * 1000 / MetersOf(distance, sport);

    public static double MetersOf(PaceDistance distance, string sport) => distance switch
    {
        PaceDistance.Kilometer => 1000,
        PaceDistance.Mile => 1609.344,
        PaceDistance.Meters100 => 100,
        PaceDistance.Yards100 => 91.44,
        PaceDistance.Meters500 => 500,
        PaceDistance.Meters400 => 400,
        PaceDistance.Meters250 => 250,
        _ => WorkoutSports.FamilyOf(sport) == SportFamily.Swimming ? 100 : 1000,
    };

    /// <summary>The mean of f⁴ over a step whose intensity moves linearly from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static double MeanFourthPower(double start, double end)
    {
        var start2 = start * start;
        if (Math.Abs(end - start) < 1e-9)
        {
            return start2 * start2;
        }

        var end2 = end * end;
        return ((end2 * end2 * end) - (start2 * start2 * start)) / (5 * (end - start));
    }

    /// <summary>The speed in m/s a distance step is expected to run at, or null when it cannot be estimated.</summary>
    public static double? Speed(WorkoutStep step, WorkoutContext context)
    {
        var target = step.MainTarget;
        if (target is { Unit: TargetUnit.AbsolutePace })
        {
            var first = MetersOf(target.PaceDistance, context.Sport) / Math.Max(target.Low, 1);
            var second = target.High is { } high ? MetersOf(target.PaceDistance, context.Sport) / Math.Max(high, 1) : first;
            return (first + second) / 2;
        }

        if (context.ThresholdPaceSecsPerKm is not > 0)
        {
            return null;
        }

        var thresholdSpeed = 1000 / context.ThresholdPaceSecsPerKm.Value;
        var fraction = target switch
        {
            { Unit: TargetUnit.PercentPace } => target.Mid / 100,
            { Unit: TargetUnit.PaceZone or TargetUnit.HrZone } => ZoneRangeMid(PaceZoneMids, target),
            _ => EasySpeedFraction,
        };
        return thresholdSpeed * Math.Max(fraction, 0.05);
    }

    private static double ZoneRangeMid(double[] mids, WorkoutTarget target) =>
        (ZoneMid(mids, target.Low) + ZoneMid(mids, target.High ?? target.Low)) / 2;
}
