namespace IcuSync.Analytics.Wellness;

/// <summary>Where the 7-day lnRMSSD mean sits against the athlete's baseline band.</summary>
public enum HrvState
{
    /// <summary>Fewer values in the 7-day window than required (7 by default): no verdict.</summary>
    NotSupported,

    /// <summary>The week is supported but the 28 days before it hold too few values for a band.</summary>
    NoBaseline,

    /// <summary>The 7-day mean is below the band.</summary>
    Suppressed,

    /// <summary>The 7-day mean is within the band (edges included).</summary>
    Normal,

    /// <summary>The 7-day mean is above the band.</summary>
    Elevated,
}

/// <summary>Settings for the HRV rollup.</summary>
public sealed record HrvOptions
{
    /// <summary>The defaults: 7 of 7 values, a 28-day baseline, ±0.5 SD, population SD.</summary>
    public static HrvOptions Default { get; } = new();

    /// <summary>The fewest valid values the 7-day window needs; 7 by default (Plews found 3 enough, so 3 is a sensible relaxation).</summary>
    public int MinimumWeekValues { get; init; } = 7;

    /// <summary>The baseline window in days, ending the day before the 7-day window; 28 by default.</summary>
    public int BaselineDays { get; init; } = 28;

    /// <summary>The fewest valid values the baseline needs; 7 by default.</summary>
    public int MinimumBaselineValues { get; init; } = 7;

    /// <summary>The band half-width in baseline SDs (the smallest worthwhile change); 0.5 by default.</summary>
    public double BandStandardDeviations { get; init; } = 0.5;

    /// <summary>False (the default): population SD. True: sample SD (n − 1).</summary>
    public bool UseSampleStandardDeviation { get; init; }
}

/// <summary>The HRV picture on one day. Log values are natural logs of RMSSD in ms.</summary>
/// <param name="AsOf">The last day of the 7-day window; null when there was no data at all.</param>
/// <param name="WeekValues">Valid values in the 7-day window.</param>
/// <param name="LnRmssdMean7d">Mean of ln(RMSSD) over the 7-day window; null when not supported.</param>
/// <param name="CvPercent7d">100 × SD / mean of ln(RMSSD) over the window; null when not supported.</param>
/// <param name="BaselineMean">Mean of ln(RMSSD) over the baseline window; null without enough baseline values.</param>
/// <param name="BaselineLow">Baseline mean − 0.5 SD.</param>
/// <param name="BaselineHigh">Baseline mean + 0.5 SD.</param>
/// <param name="BaselineValues">Valid values in the baseline window.</param>
/// <param name="State">The verdict.</param>
public sealed record HrvStatus(
    DateOnly? AsOf,
    int WeekValues,
    double? LnRmssdMean7d,
    double? CvPercent7d,
    double? BaselineMean,
    double? BaselineLow,
    double? BaselineHigh,
    int BaselineValues,
    HrvState State);

/// <summary>
/// HRV rollups from daily morning RMSSD: the 7-day lnRMSSD mean, its coefficient of variation, and a baseline band.
/// </summary>
/// <remarks>
/// Each day's value is ln(RMSSD); values at or below 0 ms, NaN and missing days are skipped (never read as 0). The
/// 7-day window is the as-of day and the six before it. The baseline is the 28 days before that window (the current
/// week excluded): band = baseline mean ± 0.5 × baseline SD. A rising mean with a falling CV reads as adaptation; a
/// falling mean with a rising CV as strain. When a day appears twice, the later entry wins.
/// </remarks>
public static class HrvTrend
{
    /// <summary>Assesses HRV on a day.</summary>
    /// <param name="dailyRmssd">Morning RMSSD in ms per day, in any order.</param>
    /// <param name="asOf">The day to assess; the latest day in the data by default.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    public static HrvStatus Assess(IReadOnlyList<DatedValue> dailyRmssd, DateOnly? asOf = null, HrvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dailyRmssd);
        options ??= HrvOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumWeekValues, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaselineDays, 1, nameof(options));

        var byDay = new Dictionary<DateOnly, double>();
        foreach (var entry in dailyRmssd)
        {
            byDay[entry.Date] = entry.Value;
        }

        if (asOf is null && byDay.Count > 0)
        {
            asOf = byDay.Keys.Max();
        }

        if (asOf is not { } day)
        {
            return new HrvStatus(null, 0, null, null, null, null, null, 0, HrvState.NotSupported);
        }

        var week = Collect(byDay, day.AddDays(-6), day);
        if (week.Count < options.MinimumWeekValues)
        {
            return new HrvStatus(day, week.Count, null, null, null, null, null, 0, HrvState.NotSupported);
        }

        var (weekMean, weekSd) = MeanAndSd(week, options.UseSampleStandardDeviation);
        double? cv = weekMean != 0 ? 100 * weekSd / weekMean : null;
        var baseline = Collect(byDay, day.AddDays(-6 - options.BaselineDays), day.AddDays(-7));
        if (baseline.Count < Math.Max(2, options.MinimumBaselineValues))
        {
            return new HrvStatus(day, week.Count, weekMean, cv, null, null, null, baseline.Count, HrvState.NoBaseline);
        }

        var (baselineMean, baselineSd) = MeanAndSd(baseline, options.UseSampleStandardDeviation);
        var low = baselineMean - (options.BandStandardDeviations * baselineSd);
        var high = baselineMean + (options.BandStandardDeviations * baselineSd);
        var state = weekMean < low ? HrvState.Suppressed : weekMean > high ? HrvState.Elevated : HrvState.Normal;
        return new HrvStatus(day, week.Count, weekMean, cv, baselineMean, low, high, baseline.Count, state);
    }

    private static List<double> Collect(Dictionary<DateOnly, double> byDay, DateOnly from, DateOnly through)
    {
        var values = new List<double>();
        for (var d = from; d <= through; d = d.AddDays(1))
        {
            if (byDay.TryGetValue(d, out var rmssd) && rmssd > 0 && double.IsFinite(rmssd))
            {
                values.Add(Math.Log(rmssd));
            }
        }

        return values;
    }

    private static (double Mean, double Sd) MeanAndSd(List<double> values, bool sample)
    {
        var mean = values.Average();
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        var divisor = sample ? values.Count - 1 : values.Count;
        return (mean, divisor > 0 ? Math.Sqrt(squares / divisor) : 0);
    }
}
