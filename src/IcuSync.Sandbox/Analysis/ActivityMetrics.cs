using System.Runtime.CompilerServices;
using IcuSync.Sandbox.Data;

namespace IcuSync.Sandbox.Analysis;

/// <summary>Summary numbers of a generated activity, computed from its <see cref="BlockProfile"/>.</summary>
internal sealed record ActivityMetrics
{
    public int MovingTime { get; init; }
    public int ElapsedTime { get; init; }
    public double Distance { get; init; }
    public double AverageSpeed { get; init; }
    public double MaxSpeed { get; init; }
    public double? ElevationGain { get; init; }
    public double? ElevationLoss { get; init; }
    public double? AverageAltitude { get; init; }
    public double? MinAltitude { get; init; }
    public double? MaxAltitude { get; init; }
    public int AverageHeartrate { get; init; }
    public int MaxHeartrate { get; init; }
    public double AverageCadence { get; init; }
    public int? AverageWatts { get; init; }
    public int? NormalizedWatts { get; init; }
    public int? Joules { get; init; }
    public int? JoulesAboveFtp { get; init; }
    public int CoastingTime { get; init; }
    /// <summary>Intensity factor as a fraction (0.85).</summary>
    public double? IntensityFactor { get; init; }
    public int? PowerLoad { get; init; }
    public int HrLoad { get; init; }
    public int? PaceLoad { get; init; }
    public int TrainingLoad { get; init; }
    public double Trimp { get; init; }
    public IReadOnlyList<SandboxZoneTime>? ZoneTimes { get; init; }
    public IReadOnlyList<int>? HrZoneTimes { get; init; }
    public IReadOnlyList<int>? PaceZoneTimes { get; init; }
    public double? Decoupling { get; init; }
    public int Calories { get; init; }
    public IReadOnlyList<string> IntervalSummary { get; init; } = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ActivityMetrics Compute(ActivityPlan plan, BlockProfile profile, Thresholds t)
    {
        var n = profile.Count;
        var secs = BlockProfile.BlockSecs;
        var moving = profile.Samples;
        var hours = moving / 3600.0;

        var distance = 0.0;
        var maxSpeed = 0.0;
        var speed4 = 0.0;
        for (var b = 0; b < n; b++)
        {
            distance += profile.Speed[b] * secs;
            maxSpeed = Math.Max(maxSpeed, profile.Speed[b]);
            var s2 = profile.Speed[b] * profile.Speed[b];
            speed4 += s2 * s2;
        }

        double? gain = null, loss = null, avgAlt = null, minAlt = null, maxAlt = null;
        if (profile.Altitude is { } alt)
        {
            double up = 0, down = 0, sum = 0;
            double lo = double.MaxValue, hi = double.MinValue;
            for (var b = 0; b < n; b++)
            {
                var d = alt[b + 1] - alt[b];
                if (d > 0)
                {
                    up += d;
                }
                else
                {
                    down -= d;
                }

                sum += alt[b];
                lo = Math.Min(lo, alt[b]);
                hi = Math.Max(hi, alt[b]);
            }

            gain = Math.Round(up, 1);
            loss = Math.Round(down, 1);
            avgAlt = Math.Round(sum / n, 1);
            minAlt = lo;
            maxAlt = hi;
        }

        double hrSum = 0, hrMax = 0, trimp = 0;
        var hrZoneTimes = t.HrZones is { Count: > 0 } hz ? new int[hz.Count] : null;
        var maxHr = t.MaxHr ?? plan.Physiology.MaxHr;
        for (var b = 0; b < n; b++)
        {
            var mean = profile.Hr[b] + (BlockProfile.HrWeight * (profile.Hr[b + 1] - profile.Hr[b]));
            hrSum += mean;
            hrMax = Math.Max(hrMax, Math.Max(profile.Hr[b], profile.Hr[b + 1]));
            var reserve = Math.Clamp((mean - t.RestingHr) / (maxHr - t.RestingHr), 0, 1);
            trimp += secs / 60.0 * reserve * 0.64 * Math.Exp(1.92 * reserve);
            if (hrZoneTimes is not null)
            {
                hrZoneTimes[Thresholds.ZoneOf(mean, t.HrZones!) - 1] += secs;
            }
        }

        var avgHr = hrSum / n;
        double cadenceSum = 0;
        var cadenceBlocks = 0;
        var coasting = 0;
        foreach (var c in profile.Cadence)
        {
            if (c > 0)
            {
                cadenceSum += c;
                cadenceBlocks++;
            }
            else
            {
                coasting += secs;
            }
        }

        var lthr = t.Lthr ?? plan.Physiology.Lthr;
        var hrIf = Math.Clamp((avgHr - t.RestingHr) / (double)(lthr - t.RestingHr), 0, 1.3);
        var hrLoad = (int)Math.Round(hours * hrIf * hrIf * 100);

        int? avgWatts = null, np = null, joules = null, joulesAbove = null, powerLoad = null, paceLoad = null;
        double? intensity = null, decoupling = null;
        List<SandboxZoneTime>? zoneTimes = null;
        int[]? paceZoneTimes = null;
        if (profile.Power is { } power && t.Ftp is { } ftp)
        {
            long sum = 0;
            long above = 0;
            foreach (var p in power)
            {
                sum += p;
                above += Math.Max(0, p - ftp);
            }

            avgWatts = (int)Math.Round(sum / (double)n);
            joules = (int)(sum * secs);
            joulesAbove = (int)(above * secs);
            np = (int)Math.Round(Normalized(power));
            intensity = np.Value / (double)ftp;
            powerLoad = (int)Math.Round(hours * intensity.Value * intensity.Value * 100);
            var zones = t.PowerZones ?? [55, 75, 90, 105, 120, 150, 999];
            var perZone = new int[zones.Count];
            var sweet = 0;
            foreach (var p in power)
            {
                var pct = p * 100.0 / ftp;
                perZone[Thresholds.ZoneOf(pct, zones) - 1] += secs;
                if (pct >= t.SweetSpotMin && pct <= t.SweetSpotMax)
                {
                    sweet += secs;
                }
            }

            zoneTimes = [.. perZone.Select((s, i) => new SandboxZoneTime($"Z{i + 1}", s)), new SandboxZoneTime("SS", sweet)];
            decoupling = Decouple(Array.ConvertAll(power, p => (double)p), profile);
        }
        else if (plan.Family != SportFamily.Ride && t.ThresholdSpeed is { } threshold)
        {
            var normalized = Math.Pow(speed4 / n, 0.25);
            intensity = normalized / threshold;
            var exponent = plan.Family == SportFamily.Swim ? 3 : 2;
            paceLoad = (int)Math.Round(hours * Math.Pow(intensity.Value, exponent) * 100);
            decoupling = Decouple(profile.Speed, profile);
            if (t.PaceZones is { Count: > 0 } pz)
            {
                paceZoneTimes = new int[pz.Count];
                foreach (var v in profile.Speed)
                {
                    paceZoneTimes[Thresholds.ZoneOf(v * 100.0 / threshold, pz) - 1] += secs;
                }
            }
        }

        var load = powerLoad ?? paceLoad ?? hrLoad;
        var calories = joules is { } j
            ? (int)Math.Round(j / 1000.0 * 1.02)
            : (int)Math.Round((t.Weight ?? plan.Physiology.Weight) * distance / 1000.0 * (plan.Family == SportFamily.Swim ? 2.8 : 1.0));

        return new ActivityMetrics
        {
            MovingTime = moving,
            ElapsedTime = moving + plan.PauseSecs,
            Distance = Math.Round(distance, 1),
            AverageSpeed = Math.Round(distance / moving, 3),
            MaxSpeed = Math.Round(maxSpeed + 0.12, 3),
            ElevationGain = gain,
            ElevationLoss = loss,
            AverageAltitude = avgAlt,
            MinAltitude = minAlt,
            MaxAltitude = maxAlt,
            AverageHeartrate = (int)Math.Round(avgHr),
            MaxHeartrate = (int)Math.Round(hrMax) + 1,
            AverageCadence = cadenceBlocks == 0 ? 0 : Math.Round(cadenceSum / cadenceBlocks, 1),
            AverageWatts = avgWatts,
            NormalizedWatts = np,
            Joules = joules,
            JoulesAboveFtp = joulesAbove,
            CoastingTime = coasting,
            IntensityFactor = intensity,
            PowerLoad = powerLoad,
            HrLoad = hrLoad,
            PaceLoad = paceLoad,
            TrainingLoad = load,
            Trimp = Math.Round(trimp, 1),
            ZoneTimes = zoneTimes,
            HrZoneTimes = hrZoneTimes,
            PaceZoneTimes = paceZoneTimes,
            Decoupling = decoupling,
            Calories = calories,
            IntervalSummary = Summarize(plan, profile),
        };
    }

    /// <summary>Normalized power: each 30 s block is one rolling-average value.</summary>
    private static double Normalized(int[] power)
    {
        if (power.Length == 0)
        {
            return 0;
        }

        double sum4 = 0;
        foreach (var p in power)
        {
            double p2 = p * p;
            sum4 += p2 * p2;
        }

        return Math.Pow(sum4 / power.Length, 0.25);
    }

    /// <summary>Output-to-heart-rate drift between the two halves, percent (positive = HR drifted up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double? Decouple(double[] output, BlockProfile profile)
    {
        var half = output.Length / 2;
        if (half < 30)
        {
            return null;
        }

        double Ratio(int from, int to)
        {
            double o = 0, h = 0;
            for (var b = from; b < to; b++)
            {
                o += output[b];
                h += profile.Hr[b] + (BlockProfile.HrWeight * (profile.Hr[b + 1] - profile.Hr[b]));
            }

            return o / h;
        }

        var first = Ratio(0, half);
        var second = Ratio(half, output.Length);
        return Math.Round((first - second) / first * 100, 2);
    }

    private static List<string> Summarize(ActivityPlan plan, BlockProfile profile)
    {
        var result = new List<string>();
        var groups = plan.Segments
            .Select((segment, index) => (segment, index))
            .Where(x => x.segment.Kind is SegmentKind.Work || (x.segment.Kind is SegmentKind.Steady && x.segment.Secs >= 1200))
            .GroupBy(x => (x.segment.Secs, Math.Round(x.segment.Intensity, 2)));
        foreach (var group in groups)
        {
            var count = group.Count();
            var secs = group.Key.Secs;
            var duration = secs % 60 == 0 ? $"{secs / 60}m" : $"{secs}s";
            if (profile.Power is { } power)
            {
                double sum = 0;
                var blocks = 0;
                foreach (var (_, index) in group)
                {
                    for (var b = profile.SegmentStarts[index]; b < profile.SegmentStarts[index + 1]; b++)
                    {
                        sum += power[b];
                        blocks++;
                    }
                }

                result.Add(FormattableString.Invariant($"{count}x {duration} {Math.Round(sum / blocks)}w"));
            }
            else
            {
                double sum = 0;
                var blocks = 0;
                foreach (var (_, index) in group)
                {
                    for (var b = profile.SegmentStarts[index]; b < profile.SegmentStarts[index + 1]; b++)
                    {
                        sum += profile.Hr[b];
                        blocks++;
                    }
                }

                result.Add(FormattableString.Invariant($"{count}x {duration} {Math.Round(sum / blocks)}bpm"));
            }
        }

        return result;
    }
}
