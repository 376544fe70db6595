using System.Runtime.CompilerServices;

namespace IcuSync.Sandbox.Data;

/// <summary>Expands a <see cref="BlockProfile"/> into 1 Hz streams (deterministic from the plan's seed).</summary>
internal static class StreamSynthesizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<SandboxStream> Synthesize(ActivityPlan plan)
    {
        var profile = BlockProfile.Build(plan);
        var n = profile.Samples;
        var streams = new List<SandboxStream>(7);

        var time = new double?[n];
        for (var i = 0; i < n; i++)
        {
            var block = i / BlockProfile.BlockSecs;
            time[i] = i + (profile.PauseBlock >= 0 && block >= profile.PauseBlock ? plan.PauseSecs : 0);
        }

        streams.Add(new SandboxStream { Type = "time", Data = time });

        if (profile.Power is { } power)
        {
            var rng = new DeterministicRandom(DeterministicRandom.Mix(plan.Seed, 101));
            var watts = new double?[n];
            var e = 0;
            for (var i = 0; i < n; i++)
            {
                var p = power[i / BlockProfile.BlockSecs];
                if (i % 2 == 0)
                {
                    var amplitude = Math.Min(12, p / 10);
                    e = amplitude == 0 ? 0 : rng.Int(-amplitude, amplitude);
                }
                else
                {
                    e = -e;
                }

                watts[i] = p == 0 ? 0 : p + e;
            }

            streams.Add(new SandboxStream { Type = "watts", Data = watts });
        }

        {
            var rng = new DeterministicRandom(DeterministicRandom.Mix(plan.Seed, 102));
            var heartrate = new double?[n];
            var e = 0;
            for (var i = 0; i < n; i++)
            {
                var block = i / BlockProfile.BlockSecs;
                var j = i % BlockProfile.BlockSecs;
                var value = profile.Hr[block] + ((profile.Hr[block + 1] - profile.Hr[block]) * j / BlockProfile.BlockSecs);
                e = i % 2 == 0 ? rng.Int(-1, 1) : -e;
                heartrate[i] = Math.Round(value) + e;
            }

            streams.Add(new SandboxStream { Type = "heartrate", Data = heartrate });
        }

        {
            var rng = new DeterministicRandom(DeterministicRandom.Mix(plan.Seed, 103));
            var cadence = new double?[n];
            var e = 0;
            for (var i = 0; i < n; i++)
            {
                var c = profile.Cadence[i / BlockProfile.BlockSecs];
                e = i % 2 == 0 ? rng.Int(-2, 2) : -e;
                cadence[i] = c == 0 ? 0 : c + e;
            }

            streams.Add(new SandboxStream { Type = "cadence", Data = cadence });
        }

        var velocity = new double?[n];
        var distance = new double?[n];
        {
            var rng = new DeterministicRandom(DeterministicRandom.Mix(plan.Seed, 104));
            var e = 0.0;
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = profile.Speed[i / BlockProfile.BlockSecs];
                e = i % 2 == 0 ? Math.Round(rng.Range(-0.12, 0.12), 3) : -e;
                var value = Math.Round(v + e, 3);
                velocity[i] = value;
                sum += value;
                distance[i] = Math.Round(sum, 1);
            }
        }

        streams.Add(new SandboxStream { Type = "velocity_smooth", Data = velocity });
        streams.Add(new SandboxStream { Type = "distance", Data = distance });

        if (profile.Altitude is { } nodes)
        {
            var altitude = new double?[n];
            for (var i = 0; i < n; i++)
            {
                var block = i / BlockProfile.BlockSecs;
                var j = i % BlockProfile.BlockSecs;
                altitude[i] = Math.Round(nodes[block] + ((nodes[block + 1] - nodes[block]) * j / BlockProfile.BlockSecs), 1);
            }

            streams.Add(new SandboxStream { Type = "altitude", Data = altitude });
        }

        return streams;
    }

    /// <summary>The stream types a generated activity of this plan has.</summary>
    public static IReadOnlyList<string> TypesFor(ActivityPlan plan)
    {
        var types = new List<string> { "time" };
        if (plan.HasPower)
        {
            types.Add("watts");
        }

        types.AddRange(["heartrate", "cadence", "velocity_smooth", "distance"]);
        if (plan.Family != SportFamily.Swim)
        {
            types.Add("altitude");
        }

        return types;
    }
}
