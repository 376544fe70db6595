using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace IcuSync.Analytics.Power;

/// <summary>
/// A mean-maximal curve: for each duration, the highest mean of any window of that many consecutive 1 Hz samples.
/// </summary>
/// <param name="Durations">Window lengths in seconds, strictly increasing.</param>
/// <param name="Values">The best mean for each duration, in the stream's unit (W, bpm or m/s).</param>
public sealed record MeanMaxCurve(ImmutableArray<int> Durations, ImmutableArray<double> Values)
{
    /// <summary>A curve with no points.</summary>
    public static MeanMaxCurve Empty { get; } = new([], []);

    /// <summary>The number of points.</summary>
    public int Count => Durations.IsDefault ? 0 : Durations.Length;

    /// <summary>The best mean for a duration in seconds, or null when the curve has no point at that duration.</summary>
    public double? ValueAt(int seconds)
    {
        if (Count == 0)
        {
            return null;
        }

        var index = Durations.AsSpan().BinarySearch(seconds);
        return index >= 0 ? Values[index] : null;
    }

    /// <summary>
    /// The monotone envelope: each value raised to the best value at any longer duration, so the curve never
    /// increases with duration. Built backwards from the longest duration. Use it for display and CP fitting;
    /// the raw curve can rise (two hard blocks split by a short rest can make 121 s beat 120 s).
    /// </summary>
    public MeanMaxCurve Envelope()
    {
        if (Count == 0)
        {
            return this;
        }

        var values = Values.ToArray();
        for (var i = values.Length - 2; i >= 0; i--)
        {
            if (values[i + 1] > values[i])
            {
                values[i] = values[i + 1];
            }
        }

        return new MeanMaxCurve(Durations, ImmutableCollectionsMarshal.AsImmutableArray(values));
    }
}
