namespace IcuSync.Workouts.Tests.Totals;

public sealed class WorkoutTotalsTests
{
    [Fact]
    public void Api_worked_example_matches_the_reference_numbers()
    {
        // intervals-api.md §6.3: 3360 s, NP ≈ 204 W, IF ≈ 81.8 %, load ≈ 62 at FTP 250 W.
        var analysis = WorkoutText.Analyze(Corpus.SeedTexts.ApiWorkedExample, new WorkoutContext("Ride", FtpWatts: 250));

        Assert.Equal(3360, analysis.DurationSecs);
        Assert.Equal(204.47, analysis.NormalizedPowerWatts!.Value, 2);
        Assert.Equal(0.8179, analysis.IntensityFactor!.Value, 4);
        Assert.Equal(62, Math.Round(analysis.EstimatedLoad!.Value));
    }

    [Fact]
    public void Power_load_needs_an_ftp()
    {
        var analysis = WorkoutText.Analyze(Corpus.SeedTexts.ApiWorkedExample, new WorkoutContext("Ride"));

        Assert.Null(analysis.EstimatedLoad);
        Assert.Null(analysis.IntensityFactor);
        Assert.Null(analysis.NormalizedPowerWatts);
        Assert.Equal("POWER", analysis.TargetType);
    }

    [Fact]
    public void Watts_targets_are_relative_to_the_ftp()
    {
        var analysis = WorkoutText.Analyze("- 1h 200w", new WorkoutContext("Ride", FtpWatts: 250));

        Assert.Equal(0.8, analysis.IntensityFactor!.Value, 6);
        Assert.Equal(64, analysis.EstimatedLoad!.Value, 6);
        Assert.Equal(200, analysis.NormalizedPowerWatts!.Value, 6);
    }

    [Fact]
    public void Pace_load_uses_the_threshold_pace()
    {
        // 1 h at exactly threshold pace is IF 1.0 and load 100.
        var analysis = WorkoutText.Analyze("- 1h 4:30/km Pace", new WorkoutContext("Run", ThresholdPaceSecsPerKm: 270));

        Assert.Equal("PACE", analysis.TargetType);
        Assert.Equal(1.0, analysis.IntensityFactor!.Value, 6);
        Assert.Equal(100, analysis.EstimatedLoad!.Value, 6);
        Assert.Null(analysis.NormalizedPowerWatts);
    }

    [Fact]
    public void Heart_rate_load_uses_percent_of_lthr()
    {
        var analysis = WorkoutText.Analyze("- 2h 80% LTHR", new WorkoutContext("Run", LthrBpm: 170));

        Assert.Equal("HR", analysis.TargetType);
        Assert.Equal(0.8, analysis.IntensityFactor!.Value, 6);
        Assert.Equal(128, analysis.EstimatedLoad!.Value, 6);
    }

    [Fact]
    public void Repeats_multiply_duration_distance_and_step_count()
    {
        var analysis = WorkoutText.Analyze("4x\n- 400mtr 3:30/km Pace\n- 1m30 Z1 HR", new WorkoutContext("Run"));

        Assert.Equal(4 * 400, analysis.DistanceMeters, 6);
        Assert.Equal(4 * (84 + 90), analysis.DurationSecs);
        Assert.Equal(8, analysis.StepCount);
        Assert.True(analysis.DurationIsEstimated);
    }

    [Fact]
    public void Ramps_use_the_mean_of_the_fourth_power_across_the_ramp()
    {
        // ∫ f⁴ over a 50→100 % ramp = (1 − 0.5⁵) / (5 × 0.5) = 0.3875.
        var analysis = WorkoutText.Analyze("- 1h ramp 50-100%", new WorkoutContext("Ride", FtpWatts: 200));

        Assert.Equal(Math.Pow(0.3875, 0.25), analysis.IntensityFactor!.Value, 9);
    }

    [Fact]
    public void The_400_minute_trap_totals_what_intervals_would_store()
    {
        var analysis = WorkoutText.Analyze("- 400m Z2", new WorkoutContext("Run"));

        Assert.Equal(24000, analysis.DurationSecs);
        Assert.False(analysis.IsValid);
    }

    [Fact]
    public void Huge_repeat_counts_and_durations_stay_in_range()
    {
        var analysis = WorkoutText.Analyze("9999x\n- 99999999s 100%\n- 99999999s 100%", new WorkoutContext("Ride", FtpWatts: 250));

        Assert.Equal(int.MaxValue, analysis.DurationSecs);
        Assert.Equal(2 * 9999, analysis.StepCount);
    }
}
