using IcuSync.Analytics.Power;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Endurance;

/// <summary>Aerobic decoupling of one steady effort.</summary>
/// <param name="FirstHalfEfficiency">Output / HR over the first half (W/bpm, or m/s per bpm).</param>
/// <param name="SecondHalfEfficiency">Output / HR over the second half.</param>
/// <param name="Percent">(EF₁ − EF₂) / EF₁ × 100; positive means heart rate drifted up against output.</param>
public sealed record DecouplingResult(double FirstHalfEfficiency, double SecondHalfEfficiency, double Percent);

/// <summary>
/// Efficiency factor and aerobic decoupling (Pw:HR for power, Pa:HR for speed).
/// </summary>
/// <remarks>
/// EF = NP / average HR for power (W/bpm). For decoupling the stream is split into halves by sample count (the first
/// half is samples [0, n/2), the second [n/2, n)); in each half the average output (power, or speed for runs) and
/// the average HR are taken over the samples with HR above 0, and EF of the half is their ratio. Friel reads below
/// 5 % as well coupled, 5–10 % as moderate and above 10 % as high; pick a steady segment without the warm-up.
/// </remarks>
public static class AerobicDecoupling
{
    /// <summary>The fewest samples with a heart rate each half needs.</summary>
    public const int MinimumSamplesPerHalf = 2;

    /// <summary>Efficiency factor: an output (NP in W, or a speed in m/s) divided by the average heart rate in bpm.</summary>
    /// <param name="output">The output measure.</param>
    /// <param name="averageHeartRate">Average heart rate in bpm.</param>
    /// <returns>EF, or null when the heart rate is not positive.</returns>
    public static double? EfficiencyFactor(double output, double averageHeartRate) =>
        averageHeartRate > 0 && double.IsFinite(output) ? output / averageHeartRate : null;

    /// <summary>EF of a ride: NP (30 s, full windows) over the mean of the heart-rate samples above 0.</summary>
    /// <param name="watts">1 Hz power in watts.</param>
    /// <param name="heartRate">1 Hz heart rate in bpm.</param>
    /// <returns>EF in W/bpm, or null without NP (under 30 s) or heart rate.</returns>
    public static double? PowerEfficiencyFactor(ReadOnlySpan<double> watts, ReadOnlySpan<double> heartRate)
    {
        var np = PowerMetrics.NormalizedPower(watts);
        var hr = AverageHeartRate(heartRate);
        return np is { } n && hr is { } h ? EfficiencyFactor(n, h) : null;
    }

    /// <summary>The mean of the heart-rate samples above 0 bpm, or null when there are none.</summary>
    /// <param name="heartRate">1 Hz heart rate in bpm.</param>
    public static double? AverageHeartRate(ReadOnlySpan<double> heartRate)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var sample in heartRate)
        {
            if (SampleValue.IsHeartRate(sample))
            {
                sum += sample;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }

    /// <summary>Decoupling between the two halves of a stream.</summary>
    /// <param name="output">1 Hz output: power in W, or speed in m/s for runs. Non-finite or negative values count as 0.</param>
    /// <param name="heartRate">1 Hz heart rate in bpm, the same length as <paramref name="output"/>.</param>
    /// <returns>The result, or null when a half has fewer than two heart-rate samples or EF₁ is 0.</returns>
    public static DecouplingResult? Compute(ReadOnlySpan<double> output, ReadOnlySpan<double> heartRate)
    {
        if (output.Length != heartRate.Length)
        {
            throw new ArgumentException("The output and heart-rate streams must have the same length.", nameof(heartRate));
        }

        var middle = output.Length / 2;
        var first = HalfEfficiency(output[..middle], heartRate[..middle]);
        var second = HalfEfficiency(output[middle..], heartRate[middle..]);
        if (first is not { } ef1 || second is not { } ef2 || !(ef1 > 0))
        {
            return null;
        }

        return new DecouplingResult(ef1, ef2, (ef1 - ef2) / ef1 * 100);
    }

    private static double? HalfEfficiency(ReadOnlySpan<double> output, ReadOnlySpan<double> heartRate)
    {
        var outputSum = 0.0;
        var heartRateSum = 0.0;
        var count = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (SampleValue.IsHeartRate(heartRate[i]))
            {
                outputSum += SampleValue.Output(output[i]);
                heartRateSum += heartRate[i];
                count++;
            }
        }

        return count < MinimumSamplesPerHalf ? null : outputSum / heartRateSum;
    }
}
