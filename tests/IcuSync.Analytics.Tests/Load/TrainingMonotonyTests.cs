using IcuSync.Analytics.Load;

namespace IcuSync.Analytics.Tests.Load;

public sealed class TrainingMonotonyTests
{
    [Fact]
    public void A_hand_worked_week_gives_monotony_two_and_strain_560()
    {
        // Loads 10…70: mean 40, population variance (900+400+100+0+100+400+900)/7 = 400, SD 20.
        var result = TrainingMonotony.Compute([10, 20, 30, 40, 50, 60, 70])!;

        Assert.Equal(280, result.WeeklyLoad, 12);
        Assert.Equal(40, result.MeanLoad, 12);
        Assert.Equal(20, result.StandardDeviation, 12);
        Assert.Equal(2, result.Monotony!.Value, 12);
        Assert.Equal(560, result.Strain!.Value, 9);
    }

    [Fact]
    public void The_sample_sd_option_divides_by_six()
    {
        var result = TrainingMonotony.Compute([10, 20, 30, 40, 50, 60, 70], new MonotonyOptions { UseSampleStandardDeviation = true })!;

        Assert.Equal(Math.Sqrt(2800 / 6.0), result.StandardDeviation, 12);
        Assert.Equal(40 / Math.Sqrt(2800 / 6.0), result.Monotony!.Value, 12);
    }

    [Fact]
    public void Only_the_last_seven_days_count()
    {
        double[] loads = [999, 999, 10, 20, 30, 40, 50, 60, 70];

        Assert.Equal(2, TrainingMonotony.Compute(loads)!.Monotony!.Value, 12);
    }

    [Fact]
    public void Identical_loads_hit_the_cap_of_ten()
    {
        var result = TrainingMonotony.Compute(TestStreams.Constant(50, 7))!;

        Assert.Equal(10, result.Monotony);
        Assert.Equal(3500, result.Strain!.Value, 9);
    }

    [Fact]
    public void Near_identical_loads_are_capped_at_ten()
    {
        Assert.Equal(10, TrainingMonotony.Compute([100, 100, 100, 100, 100, 100, 101])!.Monotony);
    }

    [Fact]
    public void A_week_of_rest_has_no_monotony()
    {
        var result = TrainingMonotony.Compute(new double[7])!;

        Assert.Null(result.Monotony);
        Assert.Null(result.Strain);
        Assert.Equal(0, result.WeeklyLoad);
    }

    [Fact]
    public void Fewer_than_seven_days_give_no_result()
    {
        Assert.Null(TrainingMonotony.Compute([100]));
        Assert.Null(TrainingMonotony.Compute([]));
    }
}
