using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Load;

/// <summary>Pace-based load of one activity.</summary>
/// <param name="MovingSeconds">Seconds with a speed above 0 m/s.</param>
/// <param name="AverageSpeed">Mean speed over the moving seconds, in m/s.</param>
/// <param name="IntensityFactor">Average speed / threshold speed, as a ratio.</param>
/// <param name="Load">Training load in TSS points: moving hours × IF² × 100.</param>
public sealed record PaceLoad(double MovingSeconds, double AverageSpeed, double IntensityFactor, double Load);

/// <summary>
/// Training load ("TSS points") from intensity: load = hours × IF² × 100, so one hour at threshold is 100.
/// </summary>
public static class TrainingLoad
{
    /// <summary>Load from a duration and an intensity factor.</summary>
    /// <param name="seconds">Duration in seconds.</param>
    /// <param name="intensityFactor">Intensity as a ratio of threshold (0.85, not 85).</param>
    /// <returns>Load in TSS points.</returns>
    public static double FromIntensity(double seconds, double intensityFactor) =>
        seconds / 3600.0 * intensityFactor * intensityFactor * 100.0;

    /// <summary>Power-based load: hours × (NP / FTP)² × 100.</summary>
    /// <param name="seconds">Duration in seconds.</param>
    /// <param name="normalizedPower">Normalized Power in watts.</param>
    /// <param name="ftp">Functional threshold power in watts.</param>
    /// <returns>Load in TSS points, or null when FTP is not positive.</returns>
    public static double? FromPower(double seconds, double normalizedPower, double ftp) =>
        ftp > 0 ? FromIntensity(seconds, normalizedPower / ftp) : null;

    /// <summary>Pace-based load (the Intervals.icu form): hours × (speed / threshold speed)² × 100, with no 4th-power normalisation.</summary>
    /// <param name="seconds">Moving time in seconds.</param>
    /// <param name="averageSpeed">Average (ideally grade-adjusted) speed in m/s.</param>
    /// <param name="thresholdSpeed">Threshold speed in m/s.</param>
    /// <returns>Load in TSS points, or null when the threshold speed is not positive.</returns>
    public static double? FromPace(double seconds, double averageSpeed, double thresholdSpeed) =>
        thresholdSpeed > 0 ? FromIntensity(seconds, averageSpeed / thresholdSpeed) : null;

    /// <summary>
    /// Pace-based load from a 1 Hz speed stream: moving time is the samples above 0 m/s, the average speed is taken
    /// over those samples, and load = moving hours × (average speed / threshold speed)² × 100.
    /// </summary>
    /// <param name="speed">1 Hz speed in m/s (drop-outs and stops as 0 or NaN).</param>
    /// <param name="thresholdSpeed">Threshold speed in m/s.</param>
    /// <returns>The load, or null without moving samples or a positive threshold speed.</returns>
    public static PaceLoad? FromPaceStream(ReadOnlySpan<double> speed, double thresholdSpeed)
    {
        if (!(thresholdSpeed > 0))
        {
            return null;
        }

        var moving = 0;
        var sum = 0.0;
        foreach (var sample in speed)
        {
            var value = SampleValue.Output(sample);
            if (value > 0)
            {
                moving++;
                sum += value;
            }
        }

        if (moving == 0)
        {
            return null;
        }

        var average = sum / moving;
        var intensity = average / thresholdSpeed;
        return new PaceLoad(moving, average, intensity, FromIntensity(moving, intensity));
    }

    /// <summary>Converts a pace in seconds per kilometre to a speed in m/s.</summary>
    /// <param name="secondsPerKilometre">Pace in s/km; must be positive.</param>
    public static double SpeedFromPace(double secondsPerKilometre)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondsPerKilometre);
        return 1000.0 / secondsPerKilometre;
    }
}
