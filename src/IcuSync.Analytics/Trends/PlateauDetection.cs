namespace IcuSync.Analytics.Trends;

/// <summary>The direction of the CTL trend over the last 28 days.</summary>
public enum CtlTrend
{
    /// <summary>The slope is at or above the flat band.</summary>
    Rising,

    /// <summary>The slope's magnitude is below the flat band.</summary>
    Flat,

    /// <summary>The slope is at or below minus the flat band.</summary>
    Declining,
}

/// <summary>A CTL plateau verdict.</summary>
/// <param name="Detected">True when CTL has been flat for at least 28 days.</param>
/// <param name="Start">The first day of the plateau; null unless the trend is flat.</param>
/// <param name="DurationDays">Days from the start through the last day, inclusive; null unless the trend is flat.</param>
/// <param name="SlopePerWeek">The least-squares slope of the last 28 days of CTL, in CTL points per week.</param>
/// <param name="Trend">Rising, flat or declining.</param>
/// <param name="FlatBandPerWeek">The slope magnitude, in CTL points per week, below which CTL counts as flat.</param>
public sealed record CtlPlateau(bool Detected, DateOnly? Start, int? DurationDays, double SlopePerWeek, CtlTrend Trend, double FlatBandPerWeek);

/// <summary>
/// Detects a trailing plateau in daily CTL.
/// </summary>
/// <remarks>
/// 1. Fit a least-squares line to the last 28 days of CTL; × 7 gives the slope per week.
/// 2. The flat band is 0.5 CTL/week. With 56 days or more, and so at least 8 weekly means (7-day blocks from the
///    first day; a short last block is still averaged), it becomes the population SD of the week-to-week changes
///    of those means, never below 0.5.
/// 3. |slope| below the band is flat; otherwise rising or declining by its sign.
/// 4. When flat, the start walks back from the 28-day window's first day in 7-day steps while the 14-day window
///    beginning at the candidate is flat too.
/// 5. A plateau is detected when it lasts at least 28 days.
/// </remarks>
public static class PlateauDetection
{
    /// <summary>The fewest days of CTL the detection needs, and the trailing window it fits.</summary>
    public const int MinimumDays = 28;

    /// <summary>The default flat band in CTL points per week.</summary>
    public const double DefaultFlatBandPerWeek = 0.5;

    private const int StepDays = 7;
    private const int CheckDays = 14;
    private const int PersonalisedFromDays = 56;
    private const int PersonalisedFromWeeks = 8;

    /// <summary>Runs the detection over a dense daily CTL series.</summary>
    /// <param name="ctl">One CTL value per day.</param>
    /// <returns>The verdict, or null with fewer than 28 days.</returns>
    public static CtlPlateau? Detect(DailySeries ctl)
    {
        ArgumentNullException.ThrowIfNull(ctl);
        return Detect(ctl.Start, ctl.Values.AsSpan());
    }

    /// <summary>Runs the detection over consecutive days of CTL.</summary>
    /// <param name="firstDay">The day of <paramref name="dailyCtl"/>[0].</param>
    /// <param name="dailyCtl">One CTL value per day, oldest first.</param>
    /// <returns>The verdict, or null with fewer than 28 days.</returns>
    public static CtlPlateau? Detect(DateOnly firstDay, ReadOnlySpan<double> dailyCtl)
    {
        var n = dailyCtl.Length;
        if (n < MinimumDays)
        {
            return null;
        }

        var band = FlatBand(dailyCtl);
        var slope = SlopePerDay(dailyCtl[^MinimumDays..]) * 7;
        var trend = Math.Abs(slope) < band ? CtlTrend.Flat : slope > 0 ? CtlTrend.Rising : CtlTrend.Declining;
        if (trend != CtlTrend.Flat)
        {
            return new CtlPlateau(false, null, null, slope, trend, band);
        }

        var start = n - MinimumDays;
        while (start >= StepDays)
        {
            var candidate = start - StepDays;
            var window = dailyCtl.Slice(candidate, CheckDays);
            if (!(Math.Abs(SlopePerDay(window) * 7) < band))
            {
                break;
            }

            start = candidate;
        }

        var duration = n - start;
        return new CtlPlateau(duration >= MinimumDays, firstDay.AddDays(start), duration, slope, trend, band);
    }

    /// <summary>The least-squares slope of evenly spaced values, per step.</summary>
    internal static double SlopePerDay(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var meanX = (n - 1) / 2.0;
        var meanY = 0.0;
        foreach (var value in values)
        {
            meanY += value;
        }

        meanY /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = i - meanX;
            sxy += dx * (values[i] - meanY);
            sxx += dx * dx;
        }

        return sxx > 0 ? sxy / sxx : 0;
    }

    private static double FlatBand(ReadOnlySpan<double> ctl)
    {
        if (ctl.Length < PersonalisedFromDays)
        {
            return DefaultFlatBandPerWeek;
        }

        var weeks = (ctl.Length + StepDays - 1) / StepDays;
        if (weeks < PersonalisedFromWeeks)
        {
            return DefaultFlatBandPerWeek;
        }

        Span<double> means = weeks <= 512 ? stackalloc double[weeks] : new double[weeks];
        for (var w = 0; w < weeks; w++)
        {
            var block = ctl.Slice(w * StepDays, Math.Min(StepDays, ctl.Length - (w * StepDays)));
            var sum = 0.0;
            foreach (var value in block)
            {
                sum += value;
            }

            means[w] = sum / block.Length;
        }

        var changes = weeks - 1;
        var meanChange = (means[^1] - means[0]) / changes;
        var squares = 0.0;
        for (var w = 1; w < weeks; w++)
        {
            var deviation = means[w] - means[w - 1] - meanChange;
            squares += deviation * deviation;
        }

        return Math.Max(DefaultFlatBandPerWeek, Math.Sqrt(squares / changes));
    }
}
