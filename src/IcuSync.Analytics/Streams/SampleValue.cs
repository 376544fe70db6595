using System.Runtime.CompilerServices;

namespace IcuSync.Analytics.Streams;

/// <summary>How the stream metrics read one sample.</summary>
internal static class SampleValue
{
    /// <summary>
    /// An output sample (W, m/s): a drop-out (NaN, ±∞) or a negative reading counts as 0, so it stays in both the
    /// numerator and the denominator of every mean, as a second of zero output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Output(double value) => value > 0 && value < double.PositiveInfinity ? value : 0;

    /// <summary>A heart-rate sample is usable only when it is finite and above 0 bpm; anything else is a drop-out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHeartRate(double value) => value > 0 && value < double.PositiveInfinity;
}
