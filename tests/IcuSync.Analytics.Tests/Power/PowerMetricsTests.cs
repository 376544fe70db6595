using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Tests.Power;

public sealed class PowerMetricsTests
{
    [Fact]
    public void One_hour_at_exactly_ftp_scores_load_100_with_if_1_and_vi_1()
    {
        var summary = PowerMetrics.Summarize(TestStreams.Constant(250, 3600), ftp: 250);

        Assert.Equal(3600, summary.DurationSeconds);
        Assert.Equal(250, summary.AveragePower!.Value, 9);
        Assert.Equal(250, summary.NormalizedPower!.Value, 9);
        Assert.Equal(1, summary.IntensityFactor!.Value, 12);
        Assert.Equal(100, summary.Load!.Value, 9);
        Assert.Equal(1, summary.VariabilityIndex!.Value, 12);
        Assert.Equal(900_000, summary.WorkJoules, 6);
    }

    [Fact]
    public void Load_is_hours_times_if_squared_times_100()
    {
        // Two hours at 80 % of FTP: 2 × 0.8² × 100 = 128.
        var summary = PowerMetrics.Summarize(TestStreams.Constant(200, 7200), ftp: 250);

        Assert.Equal(0.8, summary.IntensityFactor!.Value, 12);
        Assert.Equal(128, summary.Load!.Value, 9);
    }

    [Fact]
    public void Np_uses_full_30_second_windows_only()
    {
        // 1200 s at 300 W then 1200 s at 100 W. The window ending at sample e (0-based, e ≥ 29) holds
        // clamp(1200 − (e − 29), 0, 30) samples at 300 W and the rest at 100 W.
        var watts = TestStreams.Concat(TestStreams.Constant(300, 1200), TestStreams.Constant(100, 1200));
        var sum = 0.0;
        var terms = 0;
        for (var e = 29; e < watts.Length; e++)
        {
            var high = Math.Clamp(1200 - (e - 29), 0, 30);
            var mean = ((high * 300.0) + ((30 - high) * 100.0)) / 30;
            sum += Math.Pow(mean, 4);
            terms++;
        }

        Assert.Equal(2371, terms);
        Assert.Equal(Math.Pow(sum / terms, 0.25), PowerMetrics.NormalizedPower(watts)!.Value, 9);
    }

    [Fact]
    public void The_first_29_samples_add_no_term_of_their_own()
    {
        // 29 s at 1000 W then 30 s at 0 W: exactly 30 windows; the k-th holds 29 − k samples at 1000 W.
        var watts = TestStreams.Concat(TestStreams.Constant(1000, 29), TestStreams.Constant(0, 30));
        var expected = Math.Pow(Enumerable.Range(0, 30).Select(k => Math.Pow((29 - k) * 1000.0 / 30, 4)).Average(), 0.25);

        Assert.Equal(expected, PowerMetrics.NormalizedPower(watts)!.Value, 9);
    }

    [Fact]
    public void A_stream_of_exactly_30_samples_has_np_equal_to_its_mean()
    {
        var watts = TestStreams.Ramp(100, 10, 30);

        Assert.Equal(watts.Average(), PowerMetrics.NormalizedPower(watts)!.Value, 9);
    }

    [Fact]
    public void A_stream_shorter_than_30_seconds_has_no_np_if_or_load_but_keeps_its_average()
    {
        var summary = PowerMetrics.Summarize(TestStreams.Constant(300, 29), ftp: 250);

        Assert.Null(summary.NormalizedPower);
        Assert.Null(summary.IntensityFactor);
        Assert.Null(summary.Load);
        Assert.Null(summary.VariabilityIndex);
        Assert.Equal(300, summary.AveragePower);
    }

    [Fact]
    public void An_empty_stream_has_no_average_and_no_work()
    {
        var summary = PowerMetrics.Summarize([], ftp: 250);

        Assert.Equal(0, summary.DurationSeconds);
        Assert.Null(summary.AveragePower);
        Assert.Null(summary.NormalizedPower);
        Assert.Equal(0, summary.WorkJoules);
    }

    [Fact]
    public void NaN_and_negative_samples_count_as_zero_watts()
    {
        var withDropouts = TestStreams.Constant(200, 120);
        withDropouts[10] = double.NaN;
        withDropouts[50] = -40;
        var zeroed = (double[])withDropouts.Clone();
        zeroed[10] = 0;
        zeroed[50] = 0;

        Assert.Equal(PowerMetrics.Summarize(zeroed), PowerMetrics.Summarize(withDropouts));
        Assert.Equal((118 * 200.0) / 120, PowerMetrics.Summarize(withDropouts).AveragePower!.Value, 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-10.0)]
    public void Without_a_positive_ftp_there_is_no_if_or_load(double ftp)
    {
        var summary = PowerMetrics.Summarize(TestStreams.Constant(200, 600), ftp);

        Assert.NotNull(summary.NormalizedPower);
        Assert.Null(summary.IntensityFactor);
        Assert.Null(summary.Load);
    }
}
