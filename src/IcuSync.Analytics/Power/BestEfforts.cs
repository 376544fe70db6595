using System.Buffers;
using System.Collections.Immutable;

namespace IcuSync.Analytics.Power;

/// <summary>How far apart two best efforts of the same duration must be.</summary>
public enum BestEffortSpacing
{
    /// <summary>The default: efforts may not share a sample, but one may start right where the previous one ended.</summary>
    NoSharedSamples,

    /// <summary>
    /// The sweatpy rule: at least one sample must lie between two efforts, so windows that merely touch a chosen
    /// one are excluded too (end indices within ±duration of a chosen end index are masked).
    /// </summary>
    OneSampleGap,
}

/// <summary>One best effort: a window of consecutive 1 Hz samples.</summary>
/// <param name="StartIndex">Index of the window's first sample (second from the start).</param>
/// <param name="EndIndex">Index of the window's last sample, inclusive: StartIndex + DurationSeconds − 1.</param>
/// <param name="DurationSeconds">The window length in seconds.</param>
/// <param name="Mean">The window's mean, in the stream's unit (W, bpm or m/s).</param>
public sealed record BestEffort(int StartIndex, int EndIndex, int DurationSeconds, double Mean);

/// <summary>
/// The top efforts of one duration that do not overlap.
/// </summary>
/// <remarks>
/// Greedy selection: take the window with the highest mean (the earliest on a tie), exclude every window that
/// overlaps it under the chosen <see cref="BestEffortSpacing"/>, and repeat until <c>count</c> efforts are found or
/// no window is left. Non-finite and negative samples count as 0.
/// </remarks>
public static class BestEfforts
{
    /// <summary>Finds up to <paramref name="count"/> non-overlapping best efforts, best first.</summary>
    /// <param name="samples">A 1 Hz stream.</param>
    /// <param name="durationSeconds">The effort length in seconds (at least 1).</param>
    /// <param name="count">How many efforts to return at most (at least 1).</param>
    /// <param name="spacing">The overlap rule; <see cref="BestEffortSpacing.NoSharedSamples"/> by default.</param>
    /// <returns>The efforts in rank order; empty when the stream is shorter than the duration.</returns>
    public static ImmutableArray<BestEffort> Find(ReadOnlySpan<double> samples, int durationSeconds, int count, BestEffortSpacing spacing = BestEffortSpacing.NoSharedSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(durationSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var n = samples.Length;
        if (n < durationSeconds)
        {
            return [];
        }

        var windows = n - durationSeconds + 1;
        var prefix = ArrayPool<double>.Shared.Rent(n + 1);
        var excluded = ArrayPool<bool>.Shared.Rent(windows);
        try
        {
            var sums = MeanMax.BuildPrefixSums(samples, prefix);
            Array.Clear(excluded, 0, windows);
            var reach = spacing == BestEffortSpacing.NoSharedSamples ? durationSeconds - 1 : durationSeconds;
            var found = ImmutableArray.CreateBuilder<BestEffort>(Math.Min(count, windows));
            while (found.Count < count)
            {
                var bestStart = -1;
                var bestSum = double.NegativeInfinity;
                for (var start = 0; start < windows; start++)
                {
                    if (excluded[start])
                    {
                        continue;
                    }

                    var sum = sums[start + durationSeconds] - sums[start];
                    if (sum > bestSum)
                    {
                        bestSum = sum;
                        bestStart = start;
                    }
                }

                if (bestStart < 0)
                {
                    break;
                }

                found.Add(new BestEffort(bestStart, bestStart + durationSeconds - 1, durationSeconds, bestSum / durationSeconds));
                var from = Math.Max(0, bestStart - reach);
                var to = Math.Min(windows - 1, bestStart + reach);
                Array.Fill(excluded, true, from, to - from + 1);
            }

            return found.DrainToImmutable();
        }
        finally
        {
            ArrayPool<double>.Shared.Return(prefix);
            ArrayPool<bool>.Shared.Return(excluded);
        }
    }
}
