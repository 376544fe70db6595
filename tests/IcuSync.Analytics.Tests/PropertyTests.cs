using CsCheck;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests;

public sealed class PropertyTests
{
    private static readonly Gen<double[]> Watts = Gen.Double[0, 1500].Array[1, 400];

    [Fact]
    public void Mean_max_at_one_second_equals_the_largest_sample()
    {
        Watts.Sample(watts =>
        {
            Assert.Equal(watts.Max(), MeanMax.Compute(watts).ValueAt(1));
            Assert.Equal(watts.Max(), MeanMax.ComputeStandard(watts).ValueAt(1));
        });
    }

    [Fact]
    public void The_monotone_envelope_never_increases_and_never_falls_below_the_raw_curve()
    {
        Watts.Sample(watts =>
        {
            var raw = MeanMax.Compute(watts);
            var envelope = raw.Envelope();
            for (var i = 1; i < envelope.Count; i++)
            {
                Assert.True(envelope.Values[i] <= envelope.Values[i - 1]);
            }

            for (var i = 0; i < raw.Count; i++)
            {
                Assert.True(envelope.Values[i] >= raw.Values[i]);
            }
        });
    }

    [Fact]
    public void Mean_max_of_every_duration_matches_a_brute_force_window_scan()
    {
        Gen.Double[0, 1000].Array[1, 60].Sample(watts =>
        {
            var curve = MeanMax.Compute(watts);
            for (var d = 1; d <= watts.Length; d++)
            {
                var best = Enumerable.Range(0, watts.Length - d + 1).Max(s => watts.Skip(s).Take(d).Average());
                Assert.Equal(best, curve.ValueAt(d)!.Value, 1e-6);
            }
        });
    }

    [Fact]
    public void Ctl_of_a_constant_load_converges_to_that_load()
    {
        Gen.Select(Gen.Double[0, 500], Gen.Double[0, 200], Gen.Double[0, 300]).Sample((load, seedCtl, seedAtl) =>
        {
            var options = new PmcOptions { Seed = new PmcSeed(seedCtl, seedAtl) };
            var last = Pmc.Compute(new DateOnly(2020, 1, 1), TestStreams.Constant(load, 1500), options).Last!.Value;

            // An absolute tolerance: rounding both sides to 6 places fails when they straddle a rounding boundary
            // (0.0007625 vs 0.00076250000003, CsCheck seed 0CDAUhvtyjz2).
            Assert.Equal(load, last.Ctl, 1e-6);
            Assert.Equal(load, last.Atl, 1e-6);
            Assert.Equal(0, last.Tsb, 1e-6);
        });
    }

    [Fact]
    public void W_prime_balance_never_exceeds_w_prime()
    {
        Gen.Select(Watts, Gen.Double[1, 600], Gen.Double[1, 40_000], Gen.Bool).Sample((watts, cp, wPrime, integral) =>
        {
            var model = integral ? WPrimeBalanceModel.Integral : WPrimeBalanceModel.Differential;
            var result = WPrimeBalance.Compute(watts, cp, wPrime, model)!;

            Assert.All(result.BalanceJoules, b => Assert.True(b <= wPrime, $"{b} > {wPrime}"));
            Assert.True(result.Summary.MinimumJoules <= wPrime);
        });
    }

    [Fact]
    public void Best_efforts_never_overlap_and_come_best_first()
    {
        Gen.Select(Watts, Gen.Int[1, 30], Gen.Int[1, 6]).Sample((watts, duration, count) =>
        {
            var efforts = BestEfforts.Find(watts, duration, count);
            for (var i = 0; i < efforts.Length; i++)
            {
                Assert.Equal(duration - 1, efforts[i].EndIndex - efforts[i].StartIndex);
                for (var j = i + 1; j < efforts.Length; j++)
                {
                    Assert.True(efforts[i].EndIndex < efforts[j].StartIndex || efforts[j].EndIndex < efforts[i].StartIndex);
                    Assert.True(efforts[i].Mean >= efforts[j].Mean);
                }
            }
        });
    }
}
