using IcuSync.Sandbox.Data;

namespace IcuSync.Sandbox.Analysis;

/// <summary>Computes interval statistics from streams for the sample ranges of a generated activity's plan.</summary>
internal static class IntervalAnalysis
{
    public static (IReadOnlyList<SandboxInterval> Intervals, IReadOnlyList<SandboxIntervalGroup> Groups) FromPlan(
        ActivityPlan plan, StreamSet streams, Thresholds t)
    {
        var intervals = new List<SandboxInterval>();
        var keys = new List<(int Secs, double Intensity)?>();
        var start = 0;
        for (var s = 0; s < plan.Segments.Count; s++)
        {
            var segment = plan.Segments[s];
            var end = start + segment.Secs;
            var type = segment.Kind is SegmentKind.Work or SegmentKind.Steady ? "WORK" : "RECOVERY";
            var label = segment.Kind switch
            {
                SegmentKind.Warmup => "Warmup",
                SegmentKind.Cooldown => "Cooldown",
                _ => null,
            };
            intervals.Add(Measure(streams, start, end, t) with { Id = intervals.Count + 1, Type = type, Label = label });
            keys.Add(type == "WORK" ? (segment.Secs, Math.Round(segment.Intensity, 3)) : null);
            start = end;
        }

        var groups = new List<SandboxIntervalGroup>();
        var groupIds = new Dictionary<int, string>();
        foreach (var group in intervals.Select((interval, index) => (interval, key: keys[index]))
                     .Where(x => x.key is not null)
                     .GroupBy(x => x.key!.Value, x => x.interval))
        {
            var members = group.ToList();
            if (members.Count < 2)
            {
                continue;
            }

            var avgWatts = Average(members.Select(m => m.AverageWatts));
            var avgHr = Average(members.Select(m => m.AverageHeartrate));
            var id = avgWatts is { } w
                ? FormattableString.Invariant($"{group.Key.Secs}s@{w}w")
                : FormattableString.Invariant($"{group.Key.Secs}s@{avgHr}bpm");
            foreach (var m in members)
            {
                groupIds[m.Id] = id;
            }

            groups.Add(new SandboxIntervalGroup
            {
                Id = id,
                Count = members.Count,
                StartIndex = members[0].StartIndex,
                MovingTime = group.Key.Secs,
                ElapsedTime = (int)Math.Round(members.Average(m => m.ElapsedTime)),
                Distance = Math.Round(members.Average(m => m.Distance ?? 0), 1),
                AverageWatts = avgWatts,
                WeightedAverageWatts = Average(members.Select(m => m.WeightedAverageWatts)),
                MaxWatts = members.Max(m => m.MaxWatts),
                Intensity = Average(members.Select(m => m.Intensity)),
                TrainingLoad = Math.Round(members.Average(m => m.TrainingLoad ?? 0), 1),
                AverageHeartrate = avgHr,
                MaxHeartrate = members.Max(m => m.MaxHeartrate),
                AverageCadence = Math.Round(members.Average(m => m.AverageCadence ?? 0), 1),
                AverageSpeed = Math.Round(members.Average(m => m.AverageSpeed ?? 0), 3),
            });
        }

        var withGroups = intervals.Select(i => groupIds.TryGetValue(i.Id, out var g) ? i with { GroupId = g } : i).ToList();
        return (withGroups, groups);
    }

    /// <summary>Statistics of samples [start, end) of the streams.</summary>
    public static SandboxInterval Measure(StreamSet streams, int start, int end, Thresholds t)
    {
        end = Math.Min(end, streams.Length);
        start = Math.Clamp(start, 0, end);
        var count = end - start;
        var startTime = (int)streams.TimeAt(start);
        var endTime = count == 0 ? startTime : (int)streams.TimeAt(end - 1) + 1;

        int? avgWatts = null, maxWatts = null, minWatts = null, np = null, joules = null, intensity = null, zone = null;
        double? load = null, wkg = null;
        if (streams.Watts is { } watts && count > 0)
        {
            double sum = 0;
            double lo = double.MaxValue, hi = double.MinValue;
            for (var i = start; i < end; i++)
            {
                var w = StreamSet.Value(watts, i);
                sum += w;
                lo = Math.Min(lo, w);
                hi = Math.Max(hi, w);
            }

            avgWatts = (int)Math.Round(sum / count);
            maxWatts = (int)hi;
            minWatts = (int)lo;
            joules = (int)sum;
            np = (int)Math.Round(Normalized(watts, start, end));
            if (t.Weight is { } kg && kg > 0)
            {
                wkg = Math.Round(avgWatts.Value / kg, 2);
            }

            if (t.Ftp is { } ftp && ftp > 0)
            {
                intensity = (int)Math.Round(np.Value * 100.0 / ftp);
                zone = Thresholds.ZoneOf(avgWatts.Value * 100.0 / ftp, t.PowerZones ?? [55, 75, 90, 105, 120, 150, 999]);
                var f = np.Value / (double)ftp;
                load = Math.Round(count / 3600.0 * f * f * 100, 1);
            }
        }

        int? avgHr = null, maxHr = null, minHr = null;
        if (streams.Heartrate is { } hr && count > 0)
        {
            double sum = 0;
            double lo = double.MaxValue, hi = double.MinValue;
            for (var i = start; i < end; i++)
            {
                var h = StreamSet.Value(hr, i);
                sum += h;
                lo = Math.Min(lo, h);
                hi = Math.Max(hi, h);
            }

            avgHr = (int)Math.Round(sum / count);
            maxHr = (int)hi;
            minHr = (int)lo;
        }

        double? cadence = null;
        if (streams["cadence"] is { } cad && count > 0)
        {
            double sum = 0;
            var n = 0;
            for (var i = start; i < end; i++)
            {
                var c = StreamSet.Value(cad, i);
                if (c > 0)
                {
                    sum += c;
                    n++;
                }
            }

            cadence = n == 0 ? 0 : Math.Round(sum / n, 1);
        }

        double? distance = null, avgSpeed = null, maxSpeed = null;
        if (streams["velocity_smooth"] is { } velocity && count > 0)
        {
            double sum = 0, hi = 0;
            for (var i = start; i < end; i++)
            {
                var v = StreamSet.Value(velocity, i);
                sum += v;
                hi = Math.Max(hi, v);
            }

            distance = Math.Round(sum, 1);
            avgSpeed = Math.Round(sum / count, 3);
            maxSpeed = hi;
        }

        double? gain = null, gradient = null;
        if (streams["altitude"] is { } altitude && count > 1)
        {
            double up = 0;
            for (var i = start + 1; i < end; i++)
            {
                var d = StreamSet.Value(altitude, i) - StreamSet.Value(altitude, i - 1);
                if (d > 0)
                {
                    up += d;
                }
            }

            gain = Math.Round(up, 1);
            if (distance is > 0)
            {
                gradient = Math.Round((StreamSet.Value(altitude, end - 1) - StreamSet.Value(altitude, start)) / distance.Value * 100, 2);
            }
        }

        return new SandboxInterval
        {
            StartIndex = start,
            EndIndex = end,
            StartTime = startTime,
            EndTime = endTime,
            MovingTime = count,
            ElapsedTime = endTime - startTime,
            Distance = distance,
            AverageWatts = avgWatts,
            WeightedAverageWatts = np,
            MaxWatts = maxWatts,
            MinWatts = minWatts,
            AverageWattsKg = wkg,
            Intensity = intensity,
            Zone = zone,
            TrainingLoad = load,
            Joules = joules,
            AverageHeartrate = avgHr,
            MinHeartrate = minHr,
            MaxHeartrate = maxHr,
            AverageCadence = cadence,
            AverageSpeed = avgSpeed,
            MaxSpeed = maxSpeed,
            TotalElevationGain = gain,
            AverageGradient = gradient,
        };
    }

    /// <summary>Normalized power with a 30 s rolling mean (Coggan: the first 29 samples give no term).</summary>
    public static double Normalized(IReadOnlyList<double?> watts, int start, int end)
    {
        var count = end - start;
        if (count < 30)
        {
            double plain = 0;
            for (var i = start; i < end; i++)
            {
                plain += StreamSet.Value(watts, i);
            }

            return count == 0 ? 0 : plain / count;
        }

        double window = 0, sum4 = 0;
        var terms = 0;
        for (var i = start; i < end; i++)
        {
            window += StreamSet.Value(watts, i);
            if (i - start >= 30)
            {
                window -= StreamSet.Value(watts, i - 30);
            }

            if (i - start >= 29)
            {
                var rolling = window / 30;
                sum4 += rolling * rolling * rolling * rolling;
                terms++;
            }
        }

        return Math.Pow(sum4 / terms, 0.25);
    }

    private static int? Average(IEnumerable<int?> values)
    {
        var list = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : (int)Math.Round(list.Average());
    }
}
