using IcuSync.Analytics.Load;

namespace IcuSync.Analytics.Tests.Load;

public sealed class TrainingLoadTests
{
    [Fact]
    public void One_hour_at_threshold_pace_scores_100()
    {
        var threshold = TrainingLoad.SpeedFromPace(270);

        var load = TrainingLoad.FromPaceStream(TestStreams.Constant(threshold, 3600), threshold)!;

        Assert.Equal(1000.0 / 270, threshold, 12);
        Assert.Equal(100, load.Load, 9);
        Assert.Equal(1, load.IntensityFactor, 12);
    }

    [Fact]
    public void Pace_load_counts_moving_time_and_the_average_moving_speed_only()
    {
        // 30 min at 3 m/s plus 10 min stopped, threshold 4 m/s: 0.5 h × 0.75² × 100 = 28.125.
        var speed = TestStreams.Concat(TestStreams.Constant(3, 1800), TestStreams.Constant(0, 600));
        speed[100] = double.NaN;

        var load = TrainingLoad.FromPaceStream(speed, 4)!;

        Assert.Equal(1799, load.MovingSeconds);
        Assert.Equal(3, load.AverageSpeed, 12);
        Assert.Equal(1799 / 3600.0 * 0.5625 * 100, load.Load, 9);
    }

    [Fact]
    public void Pace_load_needs_movement_and_a_threshold()
    {
        Assert.Null(TrainingLoad.FromPaceStream(new double[60], 4));
        Assert.Null(TrainingLoad.FromPaceStream(TestStreams.Constant(3, 60), 0));
        Assert.Null(TrainingLoad.FromPace(3600, 3, 0));
        Assert.Equal(100, TrainingLoad.FromPace(3600, 4, 4)!.Value, 12);
    }

    [Fact]
    public void Power_load_is_hours_times_intensity_squared()
    {
        Assert.Equal(0.5 * 0.81 * 100, TrainingLoad.FromPower(1800, 225, 250)!.Value, 12);
        Assert.Null(TrainingLoad.FromPower(1800, 225, 0));
    }
}
