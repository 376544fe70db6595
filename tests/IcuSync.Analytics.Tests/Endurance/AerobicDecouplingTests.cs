using IcuSync.Analytics.Endurance;

namespace IcuSync.Analytics.Tests.Endurance;

public sealed class AerobicDecouplingTests
{
    [Fact]
    public void Heart_rate_drifting_up_at_steady_power_is_positive_decoupling()
    {
        // EF₁ = 200/140, EF₂ = 200/147: (EF₁ − EF₂)/EF₁ = 1 − 140/147 = 4.76 %.
        var watts = TestStreams.Constant(200, 3600);
        var hr = TestStreams.Concat(TestStreams.Constant(140, 1800), TestStreams.Constant(147, 1800));

        var result = AerobicDecoupling.Compute(watts, hr)!;

        Assert.Equal(200.0 / 140, result.FirstHalfEfficiency, 12);
        Assert.Equal(200.0 / 147, result.SecondHalfEfficiency, 12);
        Assert.Equal((1 - (140.0 / 147)) * 100, result.Percent, 9);
    }

    [Fact]
    public void Output_falling_at_steady_heart_rate_is_also_positive_and_rising_output_is_negative()
    {
        var hr = TestStreams.Constant(150, 1000);
        var fading = TestStreams.Concat(TestStreams.Constant(250, 500), TestStreams.Constant(225, 500));
        var building = TestStreams.Concat(TestStreams.Constant(225, 500), TestStreams.Constant(250, 500));

        Assert.Equal(10, AerobicDecoupling.Compute(fading, hr)!.Percent, 9);
        Assert.Equal((225 - 250) / 225.0 * 100, AerobicDecoupling.Compute(building, hr)!.Percent, 9);
    }

    [Fact]
    public void Samples_without_heart_rate_are_left_out_of_both_averages()
    {
        // The 0 bpm seconds carry 1000 W; if they counted, the first half's output would jump.
        double[] watts = [200, 1000, 200, 200, 200, 200];
        double[] hr = [100, 0, 100, 100, double.NaN, 100];

        var result = AerobicDecoupling.Compute(watts, hr)!;

        Assert.Equal(2, result.FirstHalfEfficiency, 12);
        Assert.Equal(2, result.SecondHalfEfficiency, 12);
        Assert.Equal(0, result.Percent, 12);
    }

    [Fact]
    public void Halves_split_by_sample_count_with_the_odd_sample_in_the_second_half()
    {
        double[] speed = [3, 3, 4, 4, 4];
        double[] hr = [150, 150, 150, 150, 150];

        var result = AerobicDecoupling.Compute(speed, hr)!;

        Assert.Equal(3 / 150.0, result.FirstHalfEfficiency, 12);
        Assert.Equal(4 / 150.0, result.SecondHalfEfficiency, 12);
    }

    [Fact]
    public void Too_little_heart_rate_or_no_output_gives_no_decoupling()
    {
        Assert.Null(AerobicDecoupling.Compute([200, 200, 200], [140, 140, 140]));
        Assert.Null(AerobicDecoupling.Compute([], []));
        Assert.Null(AerobicDecoupling.Compute(new double[10], TestStreams.Constant(140, 10)));
        Assert.Null(AerobicDecoupling.Compute(TestStreams.Constant(200, 10), new double[10]));
    }

    [Fact]
    public void Streams_of_different_lengths_are_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => AerobicDecoupling.Compute([1, 2, 3], [1, 2]));
    }

    [Fact]
    public void Efficiency_factor_is_np_over_average_heart_rate()
    {
        var watts = TestStreams.Constant(220, 600);
        var hr = TestStreams.Concat(TestStreams.Constant(140, 300), TestStreams.Constant(0, 10), TestStreams.Constant(150, 290));
        var averageHr = ((140.0 * 300) + (150.0 * 290)) / 590;

        Assert.Equal(averageHr, AerobicDecoupling.AverageHeartRate(hr)!.Value, 12);
        Assert.Equal(220 / averageHr, AerobicDecoupling.PowerEfficiencyFactor(watts, hr)!.Value, 9);
        Assert.Null(AerobicDecoupling.PowerEfficiencyFactor(TestStreams.Constant(220, 20), TestStreams.Constant(140, 20)));
        Assert.Null(AerobicDecoupling.EfficiencyFactor(220, 0));
    }
}
