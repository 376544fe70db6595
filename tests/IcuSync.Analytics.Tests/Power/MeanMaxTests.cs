using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests.Power;

public sealed class MeanMaxTests
{
    [Fact]
    public void A_constant_stream_has_the_same_mean_max_at_every_duration()
    {
        var curve = MeanMax.Compute(TestStreams.Constant(237.5, 400));

        Assert.Equal(400, curve.Count);
        Assert.Equal(Enumerable.Range(1, 400), curve.Durations);
        Assert.All(curve.Values, v => Assert.Equal(237.5, v, 9));
    }

    [Fact]
    public void A_rising_ramp_peaks_on_its_last_samples()
    {
        // p[i] = 100 + 2i; the best d-second window is the last one: mean = p[n−1] − (d − 1).
        const int n = 500;
        var curve = MeanMax.Compute(TestStreams.Ramp(100, 2, n));

        for (var d = 1; d <= n; d++)
        {
            Assert.Equal(100 + (2 * (n - 1)) - (d - 1), curve.ValueAt(d)!.Value, 7);
        }
    }

    [Fact]
    public void The_one_second_value_is_the_largest_sample_and_the_whole_stream_value_is_the_mean()
    {
        var ride = TestStreams.Ride(1800);
        var curve = MeanMax.Compute(ride);

        Assert.Equal(ride.Max(), curve.ValueAt(1));
        Assert.Equal(ride.Average(), curve.ValueAt(ride.Length)!.Value, 9);
    }

    [Fact]
    public void The_raw_curve_can_rise_with_duration_and_the_envelope_removes_the_rise()
    {
        // 60 s at 400 W, 1 s at 0 W, 60 s at 400 W: every 120 s window holds the zero, the 121 s window is the lot.
        var watts = TestStreams.Concat(TestStreams.Constant(400, 60), [0], TestStreams.Constant(400, 60));
        var raw = MeanMax.Compute(watts);
        var envelope = raw.Envelope();

        Assert.Equal(400.0 * 119 / 120, raw.ValueAt(120)!.Value, 9);
        Assert.Equal(400.0 * 120 / 121, raw.ValueAt(121)!.Value, 9);
        Assert.True(raw.ValueAt(121) > raw.ValueAt(120));
        Assert.Equal(400.0 * 120 / 121, envelope.ValueAt(120)!.Value, 9);
        Assert.Equal(raw.Durations.ToArray(), envelope.Durations.ToArray());
    }

    [Fact]
    public void A_grid_curve_matches_the_full_curve_at_its_durations_and_skips_longer_ones()
    {
        var ride = TestStreams.Ride(3000);
        var full = MeanMax.Compute(ride);
        var grid = MeanMax.ComputeStandard(ride);

        Assert.All(grid.Durations, d => Assert.True(d <= 3000));
        Assert.Equal(MeanMax.StandardDurations.Count(d => d <= 3000), grid.Count);
        for (var i = 0; i < grid.Count; i++)
        {
            Assert.Equal(full.ValueAt(grid.Durations[i])!.Value, grid.Values[i], 9);
        }
    }

    [Fact]
    public void The_standard_grid_runs_from_one_second_to_six_hours_in_about_a_hundred_steps()
    {
        var grid = MeanMax.StandardDurations;

        Assert.Equal(1, grid[0]);
        Assert.Equal(6 * 3600, grid[^1]);
        Assert.InRange(grid.Length, 85, 110);
        Assert.True(grid.Zip(grid.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Requested_durations_are_sorted_and_deduplicated()
    {
        var curve = MeanMax.Compute(TestStreams.Ramp(0, 1, 100), [60, 5, 5, 1, 500]);

        Assert.Equal([1, 5, 60], curve.Durations.ToArray());
        Assert.Null(curve.ValueAt(500));
    }

    [Fact]
    public void A_duration_below_one_second_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanMax.Compute([1, 2, 3], [0]));
    }

    [Fact]
    public void Dropouts_count_as_zero_in_numerator_and_denominator_alike()
    {
        var curve = MeanMax.Compute([100, double.NaN, 100, -5]);

        Assert.Equal(100, curve.ValueAt(1));
        Assert.Equal(50, curve.ValueAt(2)!.Value, 12);
        Assert.Equal(200.0 / 3, curve.ValueAt(3)!.Value, 12);
        Assert.Equal(50, curve.ValueAt(4)!.Value, 12);
    }

    [Fact]
    public void An_empty_stream_has_an_empty_curve()
    {
        Assert.Equal(0, MeanMax.Compute([]).Count);
        Assert.Equal(0, MeanMax.ComputeStandard([]).Count);
        Assert.Equal(0, MeanMax.Compute([]).Envelope().Count);
    }

    [Fact]
    public void A_stream_shorter_than_thirty_seconds_still_has_a_curve()
    {
        var curve = MeanMax.Compute(TestStreams.Ramp(10, 10, 12));

        Assert.Equal(12, curve.Count);
        Assert.Equal(120, curve.ValueAt(1));
        Assert.Equal(65, curve.ValueAt(12)!.Value, 9);
    }
}
