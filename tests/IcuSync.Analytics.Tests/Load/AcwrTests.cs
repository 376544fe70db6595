using IcuSync.Analytics.Load;

namespace IcuSync.Analytics.Tests.Load;

public sealed class AcwrTests
{
    private static readonly AcwrOptions Rolling = new() { Method = AcwrMethod.RollingCoupled };

    // 21 days at 100 then a 7-day block at 200.
    private static readonly double[] StepUp = [.. TestStreams.Constant(100, 21), .. TestStreams.Constant(200, 7)];

    [Fact]
    public void Under_28_days_of_data_there_is_no_ratio()
    {
        Assert.Null(Acwr.Compute(TestStreams.Constant(100, 27)));
        Assert.Null(Acwr.Compute(TestStreams.Constant(100, 27), Rolling));
        Assert.Null(Acwr.Compute([100]));
        Assert.Null(Acwr.Compute([]));
    }

    [Fact]
    public void Constant_load_gives_a_ratio_of_one_either_way()
    {
        Assert.Equal(1, Acwr.Compute(TestStreams.Constant(80, 28))!.Ratio!.Value, 12);
        Assert.Equal(1, Acwr.Compute(TestStreams.Constant(80, 28), Rolling)!.Ratio!.Value, 12);
    }

    [Fact]
    public void The_rolling_variant_couples_the_acute_week_into_the_chronic_month()
    {
        // acute = 200; chronic = (21·100 + 7·200)/28 = 125; ratio 1.6.
        var result = Acwr.Compute(StepUp, Rolling)!;

        Assert.Equal(200, result.Acute, 12);
        Assert.Equal(125, result.Chronic, 12);
        Assert.Equal(1.6, result.Ratio!.Value, 12);
    }

    [Fact]
    public void The_ewma_variant_is_seeded_with_the_first_load_and_uses_two_over_n_plus_one()
    {
        // Seeded at 100 it stays 100 for 21 days; 7 days at 200 then leave 200 − 100·(1 − λ)^7.
        var acute = 200 - (100 * Math.Pow(1 - 0.25, 7));
        var chronic = 200 - (100 * Math.Pow(1 - (2.0 / 29), 7));

        var result = Acwr.Compute(StepUp)!;

        Assert.Equal(AcwrMethod.Ewma, result.Method);
        Assert.Equal(acute, result.Acute, 9);
        Assert.Equal(chronic, result.Chronic, 9);
        Assert.Equal(acute / chronic, result.Ratio!.Value, 9);
        Assert.Equal(28, result.Days);
    }

    [Fact]
    public void A_long_break_gives_no_ratio_instead_of_infinity()
    {
        Assert.Null(Acwr.Compute(new double[40])!.Ratio);
        Assert.Null(Acwr.Compute(new double[40], Rolling)!.Ratio);
    }

    [Fact]
    public void The_daily_series_agrees_with_the_last_day_result()
    {
        var loads = TestStreams.Ride(60, seed: 5).Select(w => w / 4).ToArray();

        foreach (var options in new[] { AcwrOptions.Default, Rolling })
        {
            var series = Acwr.Series(loads, options);
            Assert.All(series.Take(27), r => Assert.Null(r));
            for (var d = 27; d < loads.Length; d++)
            {
                Assert.Equal(Acwr.Compute(loads.AsSpan(0, d + 1), options)!.Ratio!.Value, series[d]!.Value, 9);
            }
        }
    }
}
