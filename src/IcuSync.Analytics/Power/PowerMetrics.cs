using IcuSync.Analytics.Load;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Power;

/// <summary>Average power, work and the power-based headline numbers of one activity.</summary>
/// <param name="DurationSeconds">The number of 1 Hz samples, in seconds.</param>
/// <param name="AveragePower">Mean power in watts over every sample (drop-outs count as 0 W); null for an empty stream.</param>
/// <param name="NormalizedPower">Normalized Power in watts; null when the stream is shorter than the rolling window.</param>
/// <param name="IntensityFactor">NP / FTP as a ratio (0.85, not 85); null without NP or a positive FTP.</param>
/// <param name="Load">Training load (TSS points): hours × IF² × 100; null when IF is null.</param>
/// <param name="VariabilityIndex">NP / average power; null without NP or when the average is 0.</param>
/// <param name="WorkJoules">Total work in joules (the sum of 1 Hz watts).</param>
public sealed record PowerSummary(
    int DurationSeconds,
    double? AveragePower,
    double? NormalizedPower,
    double? IntensityFactor,
    double? Load,
    double? VariabilityIndex,
    double WorkJoules);

/// <summary>
/// Normalized Power (NP), Intensity Factor (IF), Variability Index (VI) and power-based training load.
/// </summary>
/// <remarks>
/// NP follows Coggan's definition with full windows only: the 30 s rolling mean first exists at the 30th sample,
/// each rolling mean is raised to the 4th power, those are averaged, and the 4th root is taken. The first 29
/// samples therefore add no term of their own. Non-finite or negative samples count as 0 W. No rounding is applied.
/// </remarks>
public static class PowerMetrics
{
    /// <summary>The default rolling window for NP, in seconds (samples at 1 Hz).</summary>
    public const int DefaultWindowSeconds = 30;

    /// <summary>Normalized Power in watts over a 1 Hz power stream.</summary>
    /// <param name="watts">1 Hz power in watts.</param>
    /// <param name="windowSeconds">The rolling-mean window in seconds; 30 by default.</param>
    /// <returns>NP in watts, or null when the stream has fewer samples than the window.</returns>
    public static double? NormalizedPower(ReadOnlySpan<double> watts, int windowSeconds = DefaultWindowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        if (watts.Length < windowSeconds)
        {
            return null;
        }

        var windowSum = 0.0;
        for (var i = 0; i < windowSeconds; i++)
        {
            windowSum += SampleValue.Output(watts[i]);
        }

        var sumOfFourthPowers = FourthPower(windowSum / windowSeconds);
        for (var i = windowSeconds; i < watts.Length; i++)
        {
            windowSum += SampleValue.Output(watts[i]) - SampleValue.Output(watts[i - windowSeconds]);
            sumOfFourthPowers += FourthPower(Math.Max(0, windowSum) / windowSeconds);
        }

        var terms = watts.Length - windowSeconds + 1;
        return Math.Sqrt(Math.Sqrt(sumOfFourthPowers / terms));
    }

    /// <summary>
    /// Average power, work, NP, IF, load and VI of a 1 Hz power stream. The load's duration is the whole stream
    /// (one second per sample), the same sample set NP is computed over, so one hour at exactly FTP gives 100.
    /// </summary>
    /// <param name="watts">1 Hz power in watts.</param>
    /// <param name="ftp">Functional threshold power in watts; IF and load are null when it is missing or not positive.</param>
    /// <param name="windowSeconds">The NP rolling window in seconds.</param>
    public static PowerSummary Summarize(ReadOnlySpan<double> watts, double? ftp = null, int windowSeconds = DefaultWindowSeconds)
    {
        var work = 0.0;
        foreach (var sample in watts)
        {
            work += SampleValue.Output(sample);
        }

        double? average = watts.IsEmpty ? null : work / watts.Length;
        var np = NormalizedPower(watts, windowSeconds);
        double? intensity = np is { } n && ftp is > 0 and < double.PositiveInfinity ? n / ftp.Value : null;
        double? load = intensity is { } f ? TrainingLoad.FromIntensity(watts.Length, f) : null;
        double? variability = np is { } v && average is > 0 ? v / average.Value : null;
        return new PowerSummary(watts.Length, average, np, intensity, load, variability, work);
    }

    private static double FourthPower(double x)
    {
        var square = x * x;
        return square * square;
    }
}
