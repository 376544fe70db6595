namespace IcuSync.Analytics.Streams;

/// <summary>
/// Turns raw activity streams into the clean 1 Hz series the metrics expect.
/// </summary>
/// <remarks>
/// The metrics in this library read a sample at index <c>i</c> as the value over second <c>i</c> of the activity.
/// Intervals.icu streams carry a <c>time</c> array (seconds from the start) with jumps where the device paused;
/// <see cref="ToOneHertz"/> lays such a stream onto a 1 s grid first.
/// </remarks>
public static class StreamPreparation
{
    /// <summary>Recording gaps up to this long are filled in full; a longer gap gets a single filler sample.</summary>
    public const double DefaultMaximumFilledGapSeconds = 3600;

    /// <summary>
    /// Resamples a stream with a <c>time</c> array onto a 1 Hz grid. Each value lands on the second given by its
    /// rounded time; the seconds a recording gap skipped are filled with zeros (energy-based metrics such as mean-max
    /// and W′ balance then see the pause as rest). A gap longer than <paramref name="maximumFilledGapSeconds"/> gets a
    /// single zero instead, so a multi-hour stop does not dominate the series. Samples whose time does not move
    /// forward are dropped. Non-finite values become 0.
    /// </summary>
    /// <param name="timeSeconds">Seconds from the start for every sample, non-decreasing.</param>
    /// <param name="values">The stream values (W, bpm, m/s …), same length as <paramref name="timeSeconds"/>.</param>
    /// <param name="maximumFilledGapSeconds">The longest gap, in seconds, that is filled second by second.</param>
    /// <returns>A new 1 Hz array.</returns>
    public static double[] ToOneHertz(ReadOnlySpan<double> timeSeconds, ReadOnlySpan<double> values, double maximumFilledGapSeconds = DefaultMaximumFilledGapSeconds)
    {
        if (timeSeconds.Length != values.Length)
        {
            throw new ArgumentException("The time and value streams must have the same length.", nameof(values));
        }

        if (values.IsEmpty)
        {
            return [];
        }

        // First pass sizes the output so the second pass writes without growing.
        long length = 0;
        long previous = long.MinValue;
        for (var i = 0; i < timeSeconds.Length; i++)
        {
            var t = (long)Math.Round(timeSeconds[i], MidpointRounding.AwayFromZero);
            if (previous != long.MinValue && t <= previous)
            {
                continue;
            }

            length += previous == long.MinValue ? 1 : GapFill(t - previous, maximumFilledGapSeconds) + 1;
            previous = t;
        }

        var result = new double[length];
        var at = 0;
        previous = long.MinValue;
        for (var i = 0; i < timeSeconds.Length; i++)
        {
            var t = (long)Math.Round(timeSeconds[i], MidpointRounding.AwayFromZero);
            if (previous != long.MinValue && t <= previous)
            {
                continue;
            }

            if (previous != long.MinValue)
            {
                at += (int)GapFill(t - previous, maximumFilledGapSeconds);
            }

            var value = values[i];
            result[at++] = double.IsFinite(value) ? value : 0;
            previous = t;
        }

        return result;
    }

    /// <summary>
    /// Repairs power drop-outs in place: a non-finite or negative sample becomes 0, and a lone 0 between two non-zero
    /// samples is taken as a sensor drop-out and holds the previous value (712, 398, 0, 298 → 712, 398, 398, 298).
    /// Runs of two or more zeros are real coasting and stay.
    /// </summary>
    /// <param name="watts">1 Hz power in watts; modified in place.</param>
    public static void RepairPowerDropouts(Span<double> watts)
    {
        for (var i = 0; i < watts.Length; i++)
        {
            if (!double.IsFinite(watts[i]) || watts[i] < 0)
            {
                watts[i] = 0;
            }
        }

        for (var i = 1; i < watts.Length - 1; i++)
        {
            if (watts[i] == 0 && watts[i - 1] > 0 && watts[i + 1] > 0)
            {
                watts[i] = watts[i - 1];
            }
        }
    }

    private static long GapFill(long step, double maximumFilledGapSeconds)
    {
        var missing = step - 1;
        if (missing <= 0)
        {
            return 0;
        }

        return missing <= maximumFilledGapSeconds ? missing : 1;
    }
}
