using IcuSync.Analytics.Streams;
using IcuSync.Intervals;

namespace IcuSync.Server.Coaching;

/// <summary>
/// One activity's streams, ready for IcuSync.Analytics, in two shapes:
/// <list type="bullet">
/// <item><see cref="Recorded"/>: the samples as recorded, one per second of recording and aligned by index (device
/// pauses are left out, as Intervals.icu leaves them out of NP). Missing samples are NaN.</item>
/// <item><see cref="ElapsedWatts"/>: power laid on a 1 s grid of elapsed time, pauses of up to an hour filled with
/// 0 W, for the energy metrics (mean-max, W′ balance) that must see a pause as rest.</item>
/// </list>
/// Units: W, bpm, m/s, rpm.
/// </summary>
public sealed record ActivityStreamSeries(ActivityStreams Recorded, ReadOnlyMemory<double> ElapsedWatts, int ElapsedSeconds)
{
    /// <summary>Seconds of recording (the number of recorded samples).</summary>
    public int RecordedSeconds => Recorded.DurationSeconds;

    /// <summary>True when a power stream with at least one non-zero sample exists.</summary>
    public bool HasPower => !Recorded.Watts.IsEmpty;

    /// <summary>True when a heart-rate stream with at least one positive sample exists.</summary>
    public bool HasHeartRate => !Recorded.HeartRate.IsEmpty;

    /// <summary>True when a speed stream with at least one positive sample exists.</summary>
    public bool HasSpeed => !Recorded.Speed.IsEmpty;

    /// <summary>
    /// Builds the series from Intervals.icu's stream list (<c>time</c>, <c>watts</c>, <c>heartrate</c>,
    /// <c>velocity_smooth</c>, <c>cadence</c>, <c>altitude</c>, <c>distance</c>). A stream that is absent, all null or
    /// all zero counts as not recorded. Streams are aligned to the <c>time</c> stream's length.
    /// </summary>
    public static ActivityStreamSeries From(IReadOnlyList<ActivityStreamDto> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var time = Find(streams, "time");
        var length = time?.Count ?? streams.Where(s => s.Data is not null).Select(s => s.Data!.Count).DefaultIfEmpty(0).Max();
        var watts = Values(streams, "watts", length);
        var recorded = new ActivityStreams
        {
            Watts = Memory(watts),
            HeartRate = Memory(Values(streams, "heartrate", length)),
            Speed = Memory(Values(streams, "velocity_smooth", length)),
            Cadence = Memory(Values(streams, "cadence", length)),
            Altitude = Memory(Values(streams, "altitude", length)),
            Distance = Memory(Values(streams, "distance", length)),
        };

        var seconds = ElapsedTime(time, length, out var clock);
        ReadOnlyMemory<double> elapsedWatts = default;
        if (watts is not null)
        {
            elapsedWatts = clock is null ? watts : StreamPreparation.ToOneHertz(clock, watts);
            seconds = Math.Max(seconds, elapsedWatts.Length);
        }

        return new ActivityStreamSeries(recorded, elapsedWatts, seconds);
    }

    private static ReadOnlyMemory<double> Memory(double[]? values) => values is null ? ReadOnlyMemory<double>.Empty : values;

    private static IReadOnlyList<double?>? Find(IReadOnlyList<ActivityStreamDto> streams, string type) =>
        streams.FirstOrDefault(s => string.Equals(s.Type, type, StringComparison.Ordinal) && s.AllNull != true && s.Data is { Count: > 0 })?.Data;

    private static double[]? Values(IReadOnlyList<ActivityStreamDto> streams, string type, int length)
    {
        if (Find(streams, type) is not { } data)
        {
            return null;
        }

        var values = new double[length];
        var recorded = false;
        for (var i = 0; i < length; i++)
        {
            var value = i < data.Count && data[i] is { } v && double.IsFinite(v) ? v : double.NaN;
            values[i] = value;
            recorded |= value > 0;
        }

        return recorded ? values : null;
    }

    /// <summary>Elapsed seconds from the time stream; <paramref name="clock"/> is null when the stream is missing or unusable.</summary>
    private static int ElapsedTime(IReadOnlyList<double?>? time, int length, out double[]? clock)
    {
        clock = null;
        if (time is null || time.Count != length || length == 0)
        {
            return length;
        }

        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            if (time[i] is not { } t || !double.IsFinite(t) || (i > 0 && t < values[i - 1]))
            {
                return length;
            }

            values[i] = t;
        }

        clock = values;
        return (int)Math.Round(values[^1] - values[0]) + 1;
    }
}
