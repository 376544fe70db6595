using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace IcuSync.Analytics.Distribution;

/// <summary>
/// Time in zones from a 1 Hz stream and a list of zone tops.
/// </summary>
/// <remarks>
/// k strictly increasing tops t₁ … t_k make k + 1 right-closed zones: zone 1 is (−∞, t₁], zone i is (t_{i−1}, t_i],
/// and the last zone is everything above t_k. A value exactly on a top belongs to the lower zone. So the Coggan tops
/// 55, 75, 90, 105, 120, 150 % of FTP give seven zones, Z7 being above 150 %. Intervals.icu lists the top of its last
/// zone as well (999 % or max HR); drop that final value before calling. Non-finite samples are skipped; 0 W counts
/// in zone 1.
/// </remarks>
public static class ZoneTimes
{
    /// <summary>Coggan's power zone tops in % of FTP (Z1 ≤ 55 … Z6 ≤ 150, Z7 above).</summary>
    public static ImmutableArray<double> CogganPowerTopsPercent { get; } = [55, 75, 90, 105, 120, 150];

    /// <summary>Seconds in each zone.</summary>
    /// <param name="samples">A 1 Hz stream (W, bpm, m/s).</param>
    /// <param name="zoneTops">The zone tops in the stream's unit, strictly increasing.</param>
    /// <param name="secondsPerSample">The sample spacing in seconds; 1 by default.</param>
    /// <returns>zoneTops.Length + 1 durations in seconds.</returns>
    public static ImmutableArray<double> Compute(ReadOnlySpan<double> samples, ReadOnlySpan<double> zoneTops, double secondsPerSample = 1)
    {
        for (var i = 0; i < zoneTops.Length; i++)
        {
            if (!double.IsFinite(zoneTops[i]) || (i > 0 && zoneTops[i] <= zoneTops[i - 1]))
            {
                throw new ArgumentException("Zone tops must be finite and strictly increasing.", nameof(zoneTops));
            }
        }

        var counts = new long[zoneTops.Length + 1];
        foreach (var sample in samples)
        {
            if (!double.IsFinite(sample))
            {
                continue;
            }

            // Count the tops strictly below the sample: that is its zone index (right-closed bins).
            var lo = 0;
            var hi = zoneTops.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (zoneTops[mid] < sample)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            counts[lo]++;
        }

        var seconds = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            seconds[i] = counts[i] * secondsPerSample;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(seconds);
    }

    /// <summary>Converts zone tops given in percent of a threshold (FTP, LTHR, threshold speed) to absolute values.</summary>
    /// <param name="topsPercent">Tops in percent, e.g. 55, 75, 90.</param>
    /// <param name="threshold">The threshold in the stream's unit (W, bpm, m/s).</param>
    public static ImmutableArray<double> TopsFromPercent(ReadOnlySpan<double> topsPercent, double threshold)
    {
        var tops = new double[topsPercent.Length];
        for (var i = 0; i < tops.Length; i++)
        {
            tops[i] = topsPercent[i] * threshold / 100.0;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(tops);
    }
}
