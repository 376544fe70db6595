using System.Runtime.CompilerServices;

namespace IcuSync.Sandbox.Data;

/// <summary>
/// A generated activity at 30-second resolution. Summaries are computed from the blocks; the 1 Hz streams expand
/// each block with zero-sum noise pairs, so stream averages (power, cadence, speed, distance) match the summary
/// exactly and heart rate to within rounding.
/// </summary>
internal sealed class BlockProfile
{
    public const int BlockSecs = 30;

    /// <summary>Mean position of a block's samples between its two HR nodes (samples j/30 for j = 0…29).</summary>
    public const double HrWeight = (BlockSecs - 1) / (2.0 * BlockSecs);

    private BlockProfile(int count)
    {
        Count = count;
        Speed = new double[count];
        Hr = new double[count + 1];
        Cadence = new int[count];
    }

    public int Count { get; }

    /// <summary>Watts per block, or null when the activity has no power.</summary>
    public int[]? Power { get; private init; }

    /// <summary>m/s per block, rounded to 3 decimals.</summary>
    public double[] Speed { get; }

    /// <summary>Altitude at block boundaries (Count + 1 nodes), meters; null for swims.</summary>
    public double[]? Altitude { get; private init; }

    /// <summary>Heart rate at block boundaries (Count + 1 nodes), bpm.</summary>
    public double[] Hr { get; }

    public int[] Cadence { get; }

    /// <summary>First block of each plan segment, plus a final entry equal to <see cref="Count"/>.</summary>
    public int[] SegmentStarts { get; private init; } = [];

    /// <summary>Block before whose first sample the recording pauses, or -1.</summary>
    public int PauseBlock { get; private init; } = -1;

    public int Samples => Count * BlockSecs;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BlockProfile Build(ActivityPlan plan)
    {
        var count = plan.Segments.Sum(s => s.Secs) / BlockSecs;
        var hasPower = plan.HasPower;
        var phys = plan.Physiology;
        var rng = new DeterministicRandom(DeterministicRandom.Mix(plan.Seed, 1));
        var starts = new int[plan.Segments.Count + 1];
        var profile = new BlockProfile(count)
        {
            Power = hasPower ? new int[count] : null,
            Altitude = plan.Family == SportFamily.Swim ? null : new double[count + 1],
            SegmentStarts = starts,
            PauseBlock = plan.PauseSecs > 0 ? count / 2 : -1,
        };

        var grade = 0.0;
        var hr = phys.RestingHr + 28.0;
        profile.Hr[0] = Math.Round(hr, 1);
        if (profile.Altitude is not null)
        {
            profile.Altitude[0] = Math.Round(plan.StartAltitude, 1);
        }

        var block = 0;
        for (var s = 0; s < plan.Segments.Count; s++)
        {
            var segment = plan.Segments[s];
            starts[s] = block;
            var blocks = segment.Secs / BlockSecs;
            for (var k = 0; k < blocks; k++, block++)
            {
                if (plan.Outdoor && plan.Family != SportFamily.Swim)
                {
                    grade = Math.Clamp((grade * 0.9) + (rng.Gaussian() * 0.0075), -0.07, 0.085);
                }

                double effort;
                double speed;
                var cadence = 0;
                switch (plan.Family)
                {
                    case SportFamily.Ride:
                        {
                            var ftp = phys.Ftp ?? 200;
                            var variation = plan.Outdoor ? Math.Clamp(grade * 3.0, -0.25, 0.3) : 0.0;
                            var jitter = rng.Gaussian() * (segment.Kind == SegmentKind.Work ? 0.02 : 0.035);
                            var watts = (int)Math.Round(ftp * segment.Intensity * (1 + variation + jitter));
                            var coasting = plan.Outdoor && grade < -0.045 && rng.Chance(0.6);
                            watts = coasting ? 0 : Math.Max(watts, 30);
                            if (profile.Power is not null)
                            {
                                profile.Power[block] = watts;
                            }

                            effort = watts / (double)ftp;
                            var flat = 1.425 * Math.Cbrt(Math.Max(watts, 60));
                            speed = Math.Clamp(flat * (1 - (grade * 7.0)), 2.2, 17.5);
                            cadence = coasting ? 0 : (int)Math.Round(Math.Clamp(87 + ((effort - 0.7) * 22) - (grade * 140) + (rng.Gaussian() * 2), 58, 118));
                            break;
                        }

                    case SportFamily.Run:
                        {
                            var threshold = phys.ThresholdSpeed ?? 3.5;
                            speed = threshold * segment.Intensity * (1 - (Math.Clamp(grade, -0.04, 0.04) * 2.5)) * (1 + (rng.Gaussian() * 0.012));
                            effort = segment.Intensity;
                            cadence = (int)Math.Round(Math.Clamp(83 + ((segment.Intensity - 0.75) * 16) + (rng.Gaussian() * 1.2), 74, 98));
                            break;
                        }

                    default:
                        {
                            var threshold = phys.ThresholdSpeed ?? 1.0;
                            speed = threshold * segment.Intensity * (1 + (rng.Gaussian() * 0.02));
                            effort = segment.Intensity;
                            cadence = (int)Math.Round(Math.Clamp(27 + (segment.Intensity * 6) + rng.Gaussian(), 18, 40));
                            break;
                        }
                }

                speed = Math.Round(speed, 3);
                profile.Speed[block] = speed;
                profile.Cadence[block] = cadence;
                if (profile.Altitude is not null)
                {
                    var climb = plan.Outdoor ? speed * BlockSecs * grade : 0.0;
                    profile.Altitude[block + 1] = Math.Round(profile.Altitude[block] + climb, 1);
                }

                var hours = block * BlockSecs / 3600.0;
                var target = phys.Lthr * (0.6 + (0.37 * effort)) * (1 + (0.03 * hours));
                if (plan.Family == SportFamily.Swim)
                {
                    target *= 0.94;
                }

                target = Math.Clamp(target, phys.RestingHr + 12, phys.MaxHr - 1);
                hr += (target - hr) * 0.63;
                profile.Hr[block + 1] = Math.Round(hr, 1);
            }
        }

        starts[^1] = block;
        return profile;
    }
}
