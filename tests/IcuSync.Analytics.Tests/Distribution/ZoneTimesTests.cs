using IcuSync.Analytics.Distribution;

namespace IcuSync.Analytics.Tests.Distribution;

public sealed class ZoneTimesTests
{
    [Fact]
    public void A_value_on_a_zone_top_belongs_to_the_lower_zone()
    {
        double[] tops = [100, 200];

        var zones = ZoneTimes.Compute([100, 100.0001, 200, 200.5, 0, 50], tops).ToArray();

        Assert.Equal([3.0, 2, 1], zones);
    }

    [Fact]
    public void Values_above_the_last_top_fall_in_the_open_top_zone()
    {
        var zones = ZoneTimes.Compute([150, 5000], [100, 200]).ToArray();

        Assert.Equal([0.0, 1, 1], zones);
    }

    [Fact]
    public void Coggan_percent_tops_make_seven_power_zones()
    {
        var tops = ZoneTimes.TopsFromPercent(ZoneTimes.CogganPowerTopsPercent.AsSpan(), 200);
        var watts = TestStreams.Concat(
            TestStreams.Constant(110, 10),
            TestStreams.Constant(150, 20),
            TestStreams.Constant(180, 30),
            TestStreams.Constant(210, 40),
            TestStreams.Constant(240, 50),
            TestStreams.Constant(300, 60),
            TestStreams.Constant(301, 70));

        Assert.Equal([110.0, 150, 180, 210, 240, 300], tops.ToArray());
        Assert.Equal([10.0, 20, 30, 40, 50, 60, 70], ZoneTimes.Compute(watts, tops.AsSpan()).ToArray());
    }

    [Fact]
    public void NaN_samples_are_skipped_and_the_sample_spacing_scales_the_time()
    {
        Assert.Equal([2.0, 0], ZoneTimes.Compute([10, double.NaN, 20], [100], secondsPerSample: 1).ToArray());
        Assert.Equal([4.0, 2], ZoneTimes.Compute([10, 20, 300], [100], secondsPerSample: 2).ToArray());
    }

    [Fact]
    public void No_samples_give_zero_time_in_every_zone()
    {
        Assert.Equal([0.0, 0, 0], ZoneTimes.Compute([], [1, 2]).ToArray());
    }

    [Fact]
    public void Zone_tops_must_increase()
    {
        Assert.Throws<ArgumentException>(() => ZoneTimes.Compute([1], [200, 100]).ToArray());
        Assert.Throws<ArgumentException>(() => ZoneTimes.Compute([1], [100, 100]).ToArray());
    }
}
