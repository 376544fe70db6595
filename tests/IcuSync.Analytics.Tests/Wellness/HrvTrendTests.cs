using IcuSync.Analytics.Wellness;

namespace IcuSync.Analytics.Tests.Wellness;

public sealed class HrvTrendTests
{
    private static readonly DateOnly Today = new(2024, 6, 30);

    /// <summary>Days ending today, oldest first, each with RMSSD = e^(ln value).</summary>
    private static List<DatedValue> Days(params double[] lnValues) =>
        lnValues.Select((ln, i) => new DatedValue(Today.AddDays(i - lnValues.Length + 1), Math.Exp(ln))).ToList();

    // 28 baseline days alternating ln 4.0 and 4.2: mean 4.1, population SD 0.1, band 4.05 … 4.15.
    private static double[] Baseline() => Enumerable.Range(0, 28).Select(i => i % 2 == 0 ? 4.0 : 4.2).ToArray();

    [Fact]
    public void The_seven_day_mean_and_cv_come_from_ln_rmssd_with_population_sd()
    {
        // Week ln values 3.9 ×3, 4.1 ×4: mean = 28.1/7; CV = 100 · SD / mean.
        double[] week = [3.9, 4.1, 3.9, 4.1, 3.9, 4.1, 4.1];
        var mean = week.Average();
        var sd = Math.Sqrt(week.Sum(v => (v - mean) * (v - mean)) / 7);

        var status = HrvTrend.Assess(Days([.. Baseline(), .. week]));

        Assert.Equal(Today, status.AsOf);
        Assert.Equal(7, status.WeekValues);
        Assert.Equal(mean, status.LnRmssdMean7d!.Value, 9);
        Assert.Equal(100 * sd / mean, status.CvPercent7d!.Value, 9);
    }

    [Fact]
    public void The_sample_sd_option_divides_by_n_minus_one()
    {
        double[] week = [3.9, 4.1, 3.9, 4.1, 3.9, 4.1, 4.1];
        var mean = week.Average();
        var sd = Math.Sqrt(week.Sum(v => (v - mean) * (v - mean)) / 6);

        var status = HrvTrend.Assess(Days([.. Baseline(), .. week]), options: new HrvOptions { UseSampleStandardDeviation = true });

        Assert.Equal(100 * sd / mean, status.CvPercent7d!.Value, 9);
    }

    [Fact]
    public void The_band_is_the_28_day_baseline_mean_plus_or_minus_half_an_sd()
    {
        var status = HrvTrend.Assess(Days([.. Baseline(), 4.1, 4.1, 4.1, 4.1, 4.1, 4.1, 4.1]));

        Assert.Equal(4.1, status.BaselineMean!.Value, 9);
        Assert.Equal(4.05, status.BaselineLow!.Value, 9);
        Assert.Equal(4.15, status.BaselineHigh!.Value, 9);
        Assert.Equal(28, status.BaselineValues);
        Assert.Equal(HrvState.Normal, status.State);
        Assert.Equal(0, status.CvPercent7d!.Value, 9);
    }

    [Theory]
    [InlineData(3.9, HrvState.Suppressed)]
    [InlineData(4.3, HrvState.Elevated)]
    [InlineData(4.15, HrvState.Normal)]
    public void A_week_outside_the_band_is_suppressed_or_elevated(double weekLn, HrvState expected)
    {
        var status = HrvTrend.Assess(Days([.. Baseline(), .. Enumerable.Repeat(weekLn, 7)]));

        Assert.Equal(expected, status.State);
    }

    [Fact]
    public void Days_before_the_baseline_window_are_ignored()
    {
        // 10 wild days before the 28-day baseline change nothing.
        var status = HrvTrend.Assess(Days([.. Enumerable.Repeat(6.0, 10), .. Baseline(), .. Enumerable.Repeat(4.1, 7)]));

        Assert.Equal(4.1, status.BaselineMean!.Value, 9);
    }

    [Fact]
    public void Fewer_than_seven_values_in_the_week_are_not_supported()
    {
        var days = Days([.. Baseline(), 4.1, 4.1, 4.1, 4.1, 4.1, 4.1, 4.1]);
        days.RemoveAt(days.Count - 3);

        var status = HrvTrend.Assess(days);

        Assert.Equal(HrvState.NotSupported, status.State);
        Assert.Equal(6, status.WeekValues);
        Assert.Null(status.LnRmssdMean7d);
        Assert.Null(status.BaselineLow);
    }

    [Fact]
    public void Missing_and_non_positive_readings_are_gaps_never_zero()
    {
        var days = Days([.. Baseline(), 4.1, 4.1, 4.1, 4.1, 4.1, 4.1, 4.1]);
        days[^1] = days[^1] with { Value = 0 };
        days[^2] = days[^2] with { Value = double.NaN };

        var relaxed = HrvTrend.Assess(days, options: new HrvOptions { MinimumWeekValues = 3 });

        Assert.Equal(5, relaxed.WeekValues);
        Assert.Equal(4.1, relaxed.LnRmssdMean7d!.Value, 9);
    }

    [Fact]
    public void A_supported_week_without_enough_history_has_no_baseline()
    {
        var status = HrvTrend.Assess(Days(4.0, 4.1, 4.2, 4.1, 4.0, 4.1, 4.2));

        Assert.Equal(HrvState.NoBaseline, status.State);
        Assert.NotNull(status.LnRmssdMean7d);
        Assert.Null(status.BaselineLow);
    }

    [Fact]
    public void An_as_of_date_moves_the_windows()
    {
        var days = Days([.. Baseline(), .. Enumerable.Repeat(4.3, 7)]);

        var status = HrvTrend.Assess(days, asOf: Today.AddDays(-7));

        Assert.Equal(Today.AddDays(-7), status.AsOf);
        Assert.Equal(4.1, status.LnRmssdMean7d!.Value, 1);
    }

    [Fact]
    public void No_data_is_not_supported()
    {
        var status = HrvTrend.Assess([]);

        Assert.Equal(HrvState.NotSupported, status.State);
        Assert.Null(status.AsOf);
    }
}
