using IcuSync.Analytics.Trends;

namespace IcuSync.Analytics.Tests.Trends;

public sealed class PlateauDetectionTests
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);

    [Fact]
    public void A_flat_tail_after_a_build_is_a_28_day_plateau_starting_where_the_build_ended()
    {
        // 28 days rising 0.4/day, then 28 days at 66. Stepping back 7 days puts a 14-day window over the build's
        // last week, whose slope is far above the band, so the start stays at day 28.
        var ctl = TestStreams.Concat(TestStreams.Ramp(55, 0.4, 28), TestStreams.Constant(66, 28));

        var plateau = PlateauDetection.Detect(Day0, ctl)!;

        Assert.True(plateau.Detected);
        Assert.Equal(CtlTrend.Flat, plateau.Trend);
        Assert.Equal(Day0.AddDays(28), plateau.Start);
        Assert.Equal(28, plateau.DurationDays);
        Assert.Equal(0, plateau.SlopePerWeek, 12);
    }

    [Fact]
    public void A_steady_rise_is_rising_with_its_slope_per_week()
    {
        var plateau = PlateauDetection.Detect(Day0, TestStreams.Ramp(50, 0.3, 42))!;

        Assert.False(plateau.Detected);
        Assert.Equal(CtlTrend.Rising, plateau.Trend);
        Assert.Equal(2.1, plateau.SlopePerWeek, 9);
        Assert.Null(plateau.Start);
        Assert.Null(plateau.DurationDays);
    }

    [Fact]
    public void A_steady_fall_is_declining()
    {
        var plateau = PlateauDetection.Detect(Day0, TestStreams.Ramp(80, -0.2, 30))!;

        Assert.Equal(CtlTrend.Declining, plateau.Trend);
        Assert.Equal(-1.4, plateau.SlopePerWeek, 9);
    }

    [Fact]
    public void A_long_flat_series_walks_the_start_back_to_its_first_day()
    {
        var plateau = PlateauDetection.Detect(Day0, TestStreams.Constant(60, 70))!;

        Assert.True(plateau.Detected);
        Assert.Equal(Day0, plateau.Start);
        Assert.Equal(70, plateau.DurationDays);
    }

    [Fact]
    public void A_gentle_slope_under_half_a_point_a_week_counts_as_flat()
    {
        var plateau = PlateauDetection.Detect(Day0, TestStreams.Ramp(60, 0.06, 28))!;

        Assert.Equal(0.42, plateau.SlopePerWeek, 9);
        Assert.Equal(CtlTrend.Flat, plateau.Trend);
        Assert.Equal(0.5, plateau.FlatBandPerWeek);
    }

    [Fact]
    public void With_eight_weeks_of_history_the_band_is_the_sd_of_weekly_changes_but_never_below_half_a_point()
    {
        // Weekly means step up by 2, 0, 2, 0, … : changes alternate 2 and 0, population SD 1 (7 changes: 4 × 2, 3 × 0 → SD ≈ 0.99).
        var ctl = Enumerable.Range(0, 56).Select(d => 50.0 + (2 * ((d / 7 + 1) / 2))).ToArray();
        var weekly = Enumerable.Range(0, 8).Select(w => ctl.Skip(w * 7).Take(7).Average()).ToArray();
        var changes = weekly.Zip(weekly.Skip(1), (a, b) => b - a).ToArray();
        var mean = changes.Average();
        var sd = Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / changes.Length);

        var plateau = PlateauDetection.Detect(Day0, ctl)!;

        Assert.Equal(Math.Max(0.5, sd), plateau.FlatBandPerWeek, 12);
        Assert.Equal(0.5, PlateauDetection.Detect(Day0, TestStreams.Constant(60, 56))!.FlatBandPerWeek);
    }

    [Fact]
    public void Fewer_than_28_days_are_not_supported()
    {
        Assert.Null(PlateauDetection.Detect(Day0, TestStreams.Constant(60, 27)));
        Assert.Null(PlateauDetection.Detect(Day0, []));
    }
}
