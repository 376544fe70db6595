using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IcuSync.Analytics.Streams;

namespace IcuSync.Analytics.Power;

/// <summary>
/// Mean-maximal curves over 1 Hz streams (power in W, heart rate in bpm, speed in m/s).
/// </summary>
/// <remarks>
/// MM(d) is the maximum over every start index of the mean of d consecutive samples, for d from 1 s up to the whole
/// stream. It is computed exactly from prefix sums (each duration is one vectorised pass), and it is returned raw:
/// it is not forced monotone (see <see cref="MeanMaxCurve.Envelope"/>). Non-finite and negative samples count as 0,
/// in the numerator and the denominator alike, so a drop-out reads as a second at zero.
/// </remarks>
public static class MeanMax
{
    private static readonly int[] StandardGrid =
    [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 16, 18, 20, 22, 25, 28, 30, 35, 40, 45, 50, 55, 60, 70, 75, 80, 90,
        100, 105, 120, 135, 150, 165, 180, 210, 240, 270, 300, 330, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900,
        960, 1080, 1200, 1320, 1440, 1500, 1680, 1800, 2100, 2400, 2700, 3000, 3300, 3600, 3900, 4200, 4500, 4800,
        5400, 6000, 6600, 7200, 7800, 8400, 9000, 9600, 10800, 11400, 12000, 12600, 13200, 14400, 15000, 15600, 16200,
        17100, 18000, 18900, 19800, 20700, 21600,
    ];

    /// <summary>
    /// The standard duration grid, 1 s to 6 h (about 90 points): every second to 10 s, then progressively wider steps
    /// (about 5–12 % apart). Used for compact curves and for the points CP models are fitted on.
    /// </summary>
    public static ImmutableArray<int> StandardDurations { get; } = ImmutableCollectionsMarshal.AsImmutableArray(StandardGrid);

    /// <summary>
    /// The full-resolution curve: one point for every duration from 1 s to the whole stream.
    /// O(n²) work, vectorised; about 10 ms for a 2 h ride.
    /// </summary>
    /// <param name="samples">A 1 Hz stream.</param>
    /// <returns>The raw curve; empty for an empty stream.</returns>
    public static MeanMaxCurve Compute(ReadOnlySpan<double> samples)
    {
        var n = samples.Length;
        if (n == 0)
        {
            return MeanMaxCurve.Empty;
        }

        var durations = new int[n];
        var values = new double[n];
        var prefix = ArrayPool<double>.Shared.Rent(n + 1);
        try
        {
            var sums = BuildPrefixSums(samples, prefix);
            values[0] = MaxSample(samples);
            durations[0] = 1;
            for (var d = 2; d <= n; d++)
            {
                durations[d - 1] = d;
                values[d - 1] = MaxWindowSum(sums, d) / d;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(prefix);
        }

        return new MeanMaxCurve(ImmutableCollectionsMarshal.AsImmutableArray(durations), ImmutableCollectionsMarshal.AsImmutableArray(values));
    }

    /// <summary>
    /// The curve at chosen durations only: O(n) per duration. Durations longer than the stream are left out; the rest
    /// are sorted and de-duplicated.
    /// </summary>
    /// <param name="samples">A 1 Hz stream.</param>
    /// <param name="durations">Window lengths in seconds, each at least 1.</param>
    public static MeanMaxCurve Compute(ReadOnlySpan<double> samples, ReadOnlySpan<int> durations)
    {
        var n = samples.Length;
        var wanted = new List<int>(durations.Length);
        foreach (var d in durations)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(durations));
            if (d <= n)
            {
                wanted.Add(d);
            }
        }

        if (wanted.Count == 0)
        {
            return MeanMaxCurve.Empty;
        }

        wanted.Sort();
        var distinct = new List<int>(wanted.Count);
        foreach (var d in wanted)
        {
            if (distinct.Count == 0 || distinct[^1] != d)
            {
                distinct.Add(d);
            }
        }

        var values = new double[distinct.Count];
        var prefix = ArrayPool<double>.Shared.Rent(n + 1);
        try
        {
            var sums = BuildPrefixSums(samples, prefix);
            for (var k = 0; k < distinct.Count; k++)
            {
                var d = distinct[k];
                values[k] = d == 1 ? MaxSample(samples) : MaxWindowSum(sums, d) / d;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(prefix);
        }

        return new MeanMaxCurve([.. distinct], ImmutableCollectionsMarshal.AsImmutableArray(values));
    }

    /// <summary>The curve on <see cref="StandardDurations"/> (durations longer than the stream are left out).</summary>
    /// <param name="samples">A 1 Hz stream.</param>
    public static MeanMaxCurve ComputeStandard(ReadOnlySpan<double> samples) => Compute(samples, StandardGrid);

    /// <summary>Fills <paramref name="prefix"/>[0..n] with running sums of the cleaned samples and returns that span.</summary>
    internal static ReadOnlySpan<double> BuildPrefixSums(ReadOnlySpan<double> samples, double[] prefix)
    {
        var sum = 0.0;
        prefix[0] = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            sum += SampleValue.Output(samples[i]);
            prefix[i + 1] = sum;
        }

        return prefix.AsSpan(0, samples.Length + 1);
    }

    // The 1 s value is read straight from the samples so that it equals the largest sample exactly
    // (a prefix-sum difference can be off by an ulp).
    private static double MaxSample(ReadOnlySpan<double> samples)
    {
        var best = 0.0;
        foreach (var sample in samples)
        {
            var value = SampleValue.Output(sample);
            if (value > best)
            {
                best = value;
            }
        }

        return best;
    }

    /// <summary>The largest sum of <paramref name="duration"/> consecutive samples, from prefix sums of length n + 1.</summary>
    internal static double MaxWindowSum(ReadOnlySpan<double> prefix, int duration)
    {
        var windows = prefix.Length - duration;
        ref var lo = ref MemoryMarshal.GetReference(prefix);
        ref var hi = ref Unsafe.Add(ref lo, duration);
        var best = double.NegativeInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && windows >= Vector<double>.Count * 4)
        {
            // Four independent maxima hide the max instruction's latency. MaxNative maps straight to the hardware
            // instruction; its NaN handling does not matter because the sums are finite.
            var width = Vector<double>.Count;
            var best0 = new Vector<double>(double.NegativeInfinity);
            var best1 = best0;
            var best2 = best0;
            var best3 = best0;
            for (; i <= windows - (4 * width); i += 4 * width)
            {
                best0 = Vector.MaxNative(best0, Vector.LoadUnsafe(ref hi, (nuint)i) - Vector.LoadUnsafe(ref lo, (nuint)i));
                best1 = Vector.MaxNative(best1, Vector.LoadUnsafe(ref hi, (nuint)(i + width)) - Vector.LoadUnsafe(ref lo, (nuint)(i + width)));
                best2 = Vector.MaxNative(best2, Vector.LoadUnsafe(ref hi, (nuint)(i + (2 * width))) - Vector.LoadUnsafe(ref lo, (nuint)(i + (2 * width))));
                best3 = Vector.MaxNative(best3, Vector.LoadUnsafe(ref hi, (nuint)(i + (3 * width))) - Vector.LoadUnsafe(ref lo, (nuint)(i + (3 * width))));
            }

            var merged = Vector.Max(Vector.Max(best0, best1), Vector.Max(best2, best3));
            for (var lane = 0; lane < width; lane++)
            {
                best = Math.Max(best, merged[lane]);
            }
        }

        for (; i < windows; i++)
        {
            var sum = Unsafe.Add(ref hi, i) - Unsafe.Add(ref lo, i);
            if (sum > best)
            {
                best = sum;
            }
        }

        return best;
    }
}
