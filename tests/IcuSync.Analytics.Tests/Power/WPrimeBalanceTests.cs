using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests.Power;

public sealed class WPrimeBalanceTests
{
    [Theory]
    [InlineData(WPrimeBalanceModel.Differential)]
    [InlineData(WPrimeBalanceModel.Integral)]
    public void Riding_below_cp_keeps_the_balance_full(WPrimeBalanceModel model)
    {
        var result = WPrimeBalance.Compute(TestStreams.Constant(200, 600), 250, 20_000, model)!;

        Assert.All(result.BalanceJoules, b => Assert.Equal(20_000, b));
        Assert.Equal(20_000, result.Summary.MinimumJoules);
        Assert.Equal(0, result.Summary.MinimumAtSeconds);
        Assert.Equal(0, result.Summary.MaxDepletionJoules);
        Assert.Equal(0, result.Summary.SecondsBelowQuarter);
    }

    [Fact]
    public void The_differential_form_spends_p_minus_cp_each_second_above_cp()
    {
        var result = WPrimeBalance.Compute(TestStreams.Constant(300, 100), 250, 20_000)!;

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(20_000 - (50.0 * (i + 1)), result.BalanceJoules[i], 9);
        }

        Assert.Equal(15_000, result.Summary.MinimumJoules, 9);
        Assert.Equal(100, result.Summary.MinimumAtSeconds);
        Assert.Equal(5_000, result.Summary.MaxDepletionJoules, 9);
        Assert.Null(result.Summary.TauSeconds);
    }

    [Fact]
    public void The_differential_form_recovers_a_constant_share_of_the_deficit_each_second()
    {
        // 100 s at CP + 100 W leaves a 10 kJ deficit; at 150 W (D = 100 W) each second keeps (1 − 100/20000) of it.
        var watts = TestStreams.Concat(TestStreams.Constant(350, 100), TestStreams.Constant(150, 300));
        var result = WPrimeBalance.Compute(watts, 250, 20_000)!;

        for (var k = 1; k <= 300; k++)
        {
            var deficit = 10_000 * Math.Pow(1 - (100.0 / 20_000), k);
            Assert.Equal(20_000 - deficit, result.BalanceJoules[99 + k], 6);
        }
    }

    [Fact]
    public void The_integral_tau_matches_skibas_reference_values()
    {
        Assert.Equal(862, WPrimeBalance.IntegralTau(0), 12);
        Assert.Equal(546 * Math.Exp(-1) + 316, WPrimeBalance.IntegralTau(100), 12);
        Assert.Equal(516.86, WPrimeBalance.IntegralTau(100), 2);
    }

    [Fact]
    public void The_integral_form_equals_skibas_sum_written_out()
    {
        var watts = TestStreams.Ride(900, seed: 7);
        const double cp = 230;
        const double wPrime = 18_000;
        var below = watts.Where(p => p < cp).ToArray();
        var tau = 546 * Math.Exp(-0.01 * (cp - below.Average())) + 316;

        var result = WPrimeBalance.Compute(watts, cp, wPrime, WPrimeBalanceModel.Integral)!;

        Assert.Equal(tau, result.Summary.TauSeconds!.Value, 9);
        for (var t = 0; t < watts.Length; t += 37)
        {
            var spent = 0.0;
            for (var u = 0; u <= t; u++)
            {
                spent += Math.Max(0, watts[u] - cp) * Math.Exp(-(t - u) / tau);
            }

            Assert.Equal(wPrime - spent, result.BalanceJoules[t], 6);
        }
    }

    [Fact]
    public void With_no_sample_below_cp_the_integral_uses_d_cp_equal_to_cp()
    {
        var result = WPrimeBalance.Compute(TestStreams.Constant(300, 10), 250, 20_000, WPrimeBalanceModel.Integral)!;

        Assert.Equal(WPrimeBalance.IntegralTau(250), result.Summary.TauSeconds!.Value, 12);
        var q = Math.Exp(-1 / result.Summary.TauSeconds.Value);
        Assert.Equal(20_000 - (50 * (1 - Math.Pow(q, 10)) / (1 - q)), result.BalanceJoules[9], 9);
    }

    [Fact]
    public void Time_below_a_quarter_of_w_prime_counts_the_seconds_closing_under_25_percent()
    {
        // 20 kJ at 100 W over CP: below 5000 J from second 151 (balance 4900) to 200 (balance 0).
        var result = WPrimeBalance.Compute(TestStreams.Constant(350, 200), 250, 20_000)!;

        Assert.Equal(50, result.Summary.SecondsBelowQuarter);
        Assert.Equal(0, result.Summary.MinimumJoules, 9);
    }

    [Fact]
    public void The_balance_may_go_negative_and_is_not_clamped()
    {
        var result = WPrimeBalance.Compute(TestStreams.Constant(400, 200), 250, 20_000)!;

        Assert.Equal(20_000 - 30_000, result.Summary.MinimumJoules, 9);
        Assert.Equal(30_000, result.Summary.MaxDepletionJoules, 9);
    }

    [Fact]
    public void Dropouts_read_as_zero_watts_and_recover()
    {
        double[] watts = [400, double.NaN, 400];
        double[] zeros = [400, 0, 400];

        Assert.Equal(
            WPrimeBalance.Compute(zeros, 250, 20_000)!.BalanceJoules.ToArray(),
            WPrimeBalance.Compute(watts, 250, 20_000)!.BalanceJoules.ToArray());
    }

    [Theory]
    [InlineData(0, 20_000)]
    [InlineData(250, 0)]
    [InlineData(-1, 20_000)]
    [InlineData(double.NaN, 20_000)]
    public void Without_positive_cp_and_w_prime_there_is_no_balance(double cp, double wPrime)
    {
        Assert.Null(WPrimeBalance.Compute(TestStreams.Constant(300, 10), cp, wPrime));
    }

    [Fact]
    public void An_empty_stream_has_a_full_balance_and_no_minimum_time()
    {
        var result = WPrimeBalance.Compute([], 250, 20_000)!;

        Assert.Empty(result.BalanceJoules);
        Assert.Equal(20_000, result.Summary.MinimumJoules);
        Assert.Equal(0, result.Summary.MinimumAtSeconds);
    }

    [Fact]
    public void A_tiny_w_prime_cannot_overshoot_on_recovery()
    {
        // CP − P = 300 W is larger than W′ = 100 J: an uncapped Euler step would jump to 0 + 300·100/100 = 300 J.
        var result = WPrimeBalance.Compute([400, 0, 0], 300, 100)!;

        Assert.Equal(0, result.BalanceJoules[0], 12);
        Assert.Equal(100, result.BalanceJoules[1], 12);
        Assert.Equal(100, result.BalanceJoules[2], 12);
    }

    [Fact]
    public void The_buffer_overload_matches_the_allocating_one()
    {
        var ride = TestStreams.Ride(1200);
        var buffer = new double[ride.Length + 5];

        var summary = WPrimeBalance.Compute(ride, 240, 15_000, buffer)!;
        var result = WPrimeBalance.Compute(ride, 240, 15_000)!;

        Assert.Equal(result.Summary, summary);
        Assert.Equal(result.BalanceJoules, buffer.Take(ride.Length));
    }
}
