using IcuSync.Analytics.Load;

namespace IcuSync.Analytics.Tests.Load;

public sealed class HeartRateLoadTests
{
    private static readonly HeartRateProfile Male = new(50, 190, 170, Sex.Male);

    [Fact]
    public void One_hour_at_lthr_scores_hrss_100()
    {
        var result = HeartRateLoad.Compute(TestStreams.Constant(170, 3600), Male)!;

        Assert.Equal(100, result.Hrss!.Value, 9);
        Assert.Equal(3600, result.SecondsCounted);
    }

    [Fact]
    public void Trimp_for_a_steady_hour_is_sixty_minutes_times_the_banister_weighting()
    {
        // x = (155 − 50)/(190 − 50) = 0.75; per minute 0.75 · 0.64 · e^(1.92 · 0.75).
        var expected = 60 * 0.75 * 0.64 * Math.Exp(1.92 * 0.75);

        Assert.Equal(expected, HeartRateLoad.Compute(TestStreams.Constant(155, 3600), Male)!.Trimp, 9);
    }

    [Fact]
    public void Women_use_k_of_1_67()
    {
        var female = Male with { Sex = Sex.Female };
        var expected = 30 * 0.75 * 0.64 * Math.Exp(1.67 * 0.75);

        Assert.Equal(1.67, female.K);
        Assert.Equal(expected, HeartRateLoad.Compute(TestStreams.Constant(155, 1800), female)!.Trimp, 9);
    }

    [Fact]
    public void Heart_rate_below_rest_adds_nothing_and_above_max_counts_as_max()
    {
        var belowRest = HeartRateLoad.Compute(TestStreams.Constant(45, 600), Male)!;
        var aboveMax = HeartRateLoad.Compute(TestStreams.Constant(200, 60), Male)!;

        Assert.Equal(0, belowRest.Trimp);
        Assert.Equal(1 * 0.64 * Math.Exp(1.92), aboveMax.Trimp, 9);
    }

    [Fact]
    public void Zero_and_NaN_heart_rate_samples_are_dropouts_and_skipped()
    {
        double[] hr = [170, 0, double.NaN, 170];

        var result = HeartRateLoad.Compute(hr, Male)!;

        Assert.Equal(2, result.SecondsCounted);
        Assert.Equal(HeartRateLoad.Compute([170, 170], Male)!.Trimp, result.Trimp, 12);
    }

    [Fact]
    public void Without_an_lthr_there_is_trimp_but_no_hrss()
    {
        var result = HeartRateLoad.Compute(TestStreams.Constant(150, 60), Male with { ThresholdHeartRate = null })!;

        Assert.True(result.Trimp > 0);
        Assert.Null(result.Hrss);
    }

    [Fact]
    public void An_unusable_profile_gives_no_load()
    {
        Assert.Null(HeartRateLoad.Compute([150], new HeartRateProfile(60, 60, 55, Sex.Male)));
        Assert.Null(HeartRateLoad.Compute([150], new HeartRateProfile(60, 190, 50, Sex.Male)));
    }

    [Fact]
    public void An_empty_stream_has_zero_load()
    {
        var result = HeartRateLoad.Compute([], Male)!;

        Assert.Equal(0, result.Trimp);
        Assert.Equal(0, result.Hrss);
        Assert.Equal(0, result.SecondsCounted);
    }
}
