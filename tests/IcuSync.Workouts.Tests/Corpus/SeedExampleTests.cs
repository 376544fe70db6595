namespace IcuSync.Workouts.Tests.Corpus;

/// <summary>Every example of the workout-format seed, with its exact rule codes and totals.</summary>
public sealed class SeedExampleTests
{
    private static readonly WorkoutContext Run = new("Run");
    private static readonly WorkoutContext Ride = new("Ride");

    private static string[] Codes(IEnumerable<RuleFinding> findings) => findings.Select(static f => f.Code).ToArray();

    [Fact]
    public void Analyze_aerobic_workout_with_strides_totals_5400_seconds_and_only_warns_about_blank_lines()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.AerobicWithStrides, Run);

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.RepeatWithoutBlankLines], Codes(analysis.Warnings));
        Assert.Equal(5, analysis.Warnings[0].Line);
        Assert.Equal(5400, analysis.DurationSecs);
        Assert.Equal(0, analysis.DistanceMeters);
        Assert.False(analysis.DurationIsEstimated);
        Assert.Equal(1 + 1 + (6 * 2) + 1, analysis.StepCount);
    }

    [Fact]
    public void Analyze_distance_intervals_without_threshold_pace_sums_eight_miles_and_cannot_time_them()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.DistanceIntervals, Run);

        Assert.Empty(analysis.Errors);
        Assert.Equal(
            [RuleCodes.DistanceNotEstimable, RuleCodes.RepeatWithoutBlankLines, RuleCodes.DistanceNotEstimable, RuleCodes.DistanceNotEstimable, RuleCodes.DistanceNotEstimable],
            Codes(analysis.Warnings));
        Assert.Equal([2, 3, 4, 5, 7], analysis.Warnings.Select(static w => w.Line));
        Assert.Equal(8 * 1609.344, analysis.DistanceMeters, 6);
        Assert.Equal(0, analysis.DurationSecs);
        Assert.False(analysis.DurationIsEstimated);
    }

    [Fact]
    public void Analyze_distance_intervals_with_threshold_pace_estimates_time_from_zone_midpoints()
    {
        // 4:30/km threshold; Z1 runs at 72.5 % and Z4 at 92 % of threshold speed (HR Z1 maps to pace Z1):
        // 1mi/Z1 + 4 × (1mi/Z4 + 0.5mi/Z1) + 1mi/Z1 = 4286.6 s.
        var analysis = WorkoutText.Analyze(SeedTexts.DistanceIntervals, Run with { ThresholdPaceSecsPerKm = 270 });

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.RepeatWithoutBlankLines], Codes(analysis.Warnings));
        Assert.Equal(4287, analysis.DurationSecs);
        Assert.True(analysis.DurationIsEstimated);
        Assert.Equal(12874.752, analysis.DistanceMeters, 6);
    }

    [Fact]
    public void Analyze_minimal_structure_totals_45_minutes_and_estimates_power_load()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.MinimalStructure, Ride with { FtpWatts = 250 });

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.RepeatWithoutBlankLines], Codes(analysis.Warnings));
        Assert.Equal(2700, analysis.DurationSecs);
        Assert.Equal("POWER", analysis.TargetType);

        // IF = (Σ t·f⁴ / T)^¼ over 10m 60%, 5 × (3m 120%, 2m Z1 = 50%), 10m 50%.
        Assert.Equal(0.92991, analysis.IntensityFactor!.Value, 4);
        Assert.Equal(64.86, analysis.EstimatedLoad!.Value, 2);
        Assert.Equal(232.48, analysis.NormalizedPowerWatts!.Value, 2);
    }

    [Fact]
    public void Analyze_correct_repeat_structure_with_blank_lines_has_no_findings()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.CorrectRepeatStructure, Ride);

        Assert.Empty(analysis.Findings);
        Assert.Equal(2700, analysis.DurationSecs);
        var repeat = analysis.Tree.Blocks[1];
        Assert.Equal(WorkoutBlockKind.Repeat, repeat.Kind);
        Assert.Equal(5, repeat.Repeats);
        Assert.Equal(2, repeat.Steps.Count());
    }

    [Fact]
    public void Analyze_standalone_repeat_line_repeats_the_steps_below_it()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.StandaloneRepeat, Ride);

        Assert.Empty(analysis.Findings);
        Assert.Equal(5 * 300, analysis.DurationSecs);
        Assert.Null(analysis.Tree.Blocks[0].Title);
    }

    [Fact]
    public void Analyze_mixing_target_types_in_a_run_totals_56_minutes_and_warns_about_the_bare_percentage()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.MixingTargetTypes, Run);

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.RepeatWithoutBlankLines, RuleCodes.PercentWithoutTargetType], Codes(analysis.Warnings));
        Assert.Equal(3360, analysis.DurationSecs);
        var cooldown = analysis.Tree.Blocks[2].Steps.Single().MainTarget!;
        Assert.Equal((TargetUnit.PercentMaxHr, 60.0, 40.0, true), (cooldown.Unit, cooldown.Low, cooldown.High!.Value, cooldown.Ramp));
    }

    [Fact]
    public void Analyze_mixing_target_types_in_a_ride_has_only_the_blank_line_warning()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.MixingTargetTypes, Ride);

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.RepeatWithoutBlankLines], Codes(analysis.Warnings));
    }

    [Fact]
    public void Analyze_markdown_and_html_lines_are_ignored_except_the_header()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.FormattingLines, Ride);

        Assert.Equal([RuleCodes.MarkdownHeader], Codes(analysis.Errors));
        Assert.Equal(1, analysis.Errors[0].Line);
        Assert.Equal("Title", analysis.Errors[0].Fix);
        Assert.Empty(analysis.Warnings);
        Assert.Equal(1200, analysis.DurationSecs);
        Assert.Equal(1, analysis.StepCount);
    }

    public static TheoryData<string, string> IntensityLines => new()
    {
        // Cycling (% of FTP)
        { "- 10m 75%", "Ride" },
        { "- 5m 95-105%", "Ride" },
        { "- 8m 220w", "Ride" },
        { "- 6m 200-240w", "Ride" },
        { "- 60m Z2", "Ride" },
        { "- 20m 85-95% MMP 5m", "Ride" },
        { "- 60m CZ1", "Ride" },

        // Running (pace)
        { "- 10m 7:15-7:00/km Pace", "Run" },

        // Heart rate
        { "- 60m Z2 HR", "Run" },
        { "- 20m 70% HR", "Run" },
        { "- 10m 90-95% LTHR", "Run" },

        // Custom zones
        { "- 45m CZ2-CZ3 HR", "Run" },
        { "- 30m CZ2 Pace", "Run" },

        // Ramps
        { "- 10m ramp 50%-75%", "Ride" },
        { "- 10m ramp 60-80% pace", "Run" },
        { "- 8m ramp 50%-40%", "Ride" },
        { "- 15m ramp 60%-90% 85rpm", "Ride" },

        // Cadence
        { "- 10m 75% 90rpm", "Ride" },
        { "- 12m 85% 90-100rpm", "Ride" },
        { "- 15m ramp 60-90% 85rpm", "Ride" },

        // Text prompts
        { "- Recovery 30s 50%", "Ride" },
        { "- Zone 4 interval 5m 95-105%", "Ride" },
        { "- Low cadence 4m 100%", "Ride" },
        { "- Start sprint 30^ Relax 60^ Final push <!> 1m30 120%", "Ride" },

        // Freeride and lap button
        { "- 20m freeride", "Ride" },
        { "- 1h Z2 Press lap", "Ride" },

        // Weight training main line
        { "- 1h 40-70% HR", "WeightTraining" },
    };

    [Theory]
    [MemberData(nameof(IntensityLines))]
    public void Analyze_seed_step_examples_have_no_findings(string line, string sport)
    {
        var analysis = WorkoutText.Analyze(line, new WorkoutContext(sport));

        Assert.Empty(analysis.Findings);
        Assert.Equal(1, analysis.StepCount);
    }

    public static TheoryData<string, double> DistanceLines => new()
    {
        { "- 6km 90-92% pace", 6000 },
        { "- 3km Z3 Pace", 3000 },
        { "- 3km 80% Pace", 3000 },
        { "- 0.4km Z3 Pace (400 meters)", 400 },
        { "- 2km Z2 Pace", 2000 },
        { "- 1mi Z2 Pace", 1609.344 },
        { "- 400mtr Z2 Pace", 400 },
        { "- 400meters Z2 Pace", 400 },
        { "- 100yrd Z2 Pace", 91.44 },
        { "- 100y Z2 Pace", 91.44 },
    };

    [Theory]
    [MemberData(nameof(DistanceLines))]
    public void Analyze_seed_distance_steps_count_meters_and_are_timed_with_a_threshold_pace(string line, double meters)
    {
        var untimed = WorkoutText.Analyze(line, Run);
        var timed = WorkoutText.Analyze(line, Run with { ThresholdPaceSecsPerKm = 270 });

        Assert.Empty(untimed.Errors);
        Assert.Equal([RuleCodes.DistanceNotEstimable], Codes(untimed.Warnings));
        Assert.Equal(meters, untimed.DistanceMeters, 6);
        Assert.Empty(timed.Findings);
        Assert.True(timed.DurationSecs > 0);
        Assert.True(timed.DurationIsEstimated);
    }

    [Fact]
    public void Analyze_absolute_pace_distance_step_is_timed_without_a_threshold_pace()
    {
        var analysis = WorkoutText.Analyze("- 2km 5:00/km Pace", Run);

        Assert.Empty(analysis.Findings);
        Assert.Equal(600, analysis.DurationSecs);
        Assert.True(analysis.DurationIsEstimated);
    }

    [Fact]
    public void Analyze_weight_training_main_line_maps_to_an_hour_at_40_to_70_percent_of_max_hr()
    {
        const string text = """
            - 1h 40-70% HR
            - Squat 3x10 @ 60kg
            - Bench press 3x8
              - rest between sets
            """;
        var analysis = WorkoutText.Analyze(text, new WorkoutContext("WeightTraining"));

        Assert.Empty(analysis.Findings);
        Assert.Equal(3600, analysis.DurationSecs);
        var step = analysis.WorkoutDoc["steps"]![0]!;
        Assert.Equal(3600, (int)step["duration"]!);
        Assert.Equal("%hr", (string?)step["hr"]!["units"]);
        Assert.Equal(40, (int)step["hr"]!["start"]!);
        Assert.Equal(70, (int)step["hr"]!["end"]!);
        Assert.Equal(
            [NoteKind.Exercise, NoteKind.Exercise, NoteKind.Remark],
            analysis.Tree.Blocks[0].Lines.OfType<WorkoutNote>().Select(static n => n.Kind));
    }

    [Fact]
    public void Analyze_weight_training_calendar_string_with_a_bullet_is_a_step_without_its_dash()
    {
        var analysis = WorkoutText.Analyze("* 1h 40-70% HR (72-125bpm)", new WorkoutContext("WeightTraining"));

        Assert.Equal([RuleCodes.StepWithoutDash], Codes(analysis.Errors));
        Assert.Equal("- 1h 40-70% HR (72-125bpm)", analysis.Errors[0].Fix);
        Assert.Equal(3600, analysis.DurationSecs);
        Assert.Equal("(72-125bpm)", analysis.Tree.Steps.Single().Note);
    }

    [Fact]
    public void Analyze_duration_trap_warns_when_the_steps_add_up_to_less_than_the_declared_duration()
    {
        const string text = """
            Warmup
            - 15m Z1 HR

            Main Set
            - 45m Z2 HR

            Cooldown
            - 15m Z1 HR
            """;
        var analysis = WorkoutText.Analyze(text, Run with { DeclaredDurationSecs = 105 * 60 });

        Assert.Empty(analysis.Errors);
        Assert.Equal([RuleCodes.DeclaredDurationMismatch], Codes(analysis.Warnings));
        Assert.Equal(4500, analysis.DurationSecs);
        Assert.Contains("1:45", analysis.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("1:15", analysis.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("1:15", analysis.Warnings[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_duration_trap_workaround_with_one_flat_step_matches_the_declared_duration()
    {
        var analysis = WorkoutText.Analyze("- 1h45m Z2 HR", Run with { DeclaredDurationSecs = 105 * 60 });

        Assert.Empty(analysis.Findings);
        Assert.Equal(6300, analysis.DurationSecs);
    }

    [Fact]
    public void AnalyzePlan_weekly_plan_example_times_each_day_and_flags_thursday_and_the_weekly_total()
    {
        var plan = WorkoutText.AnalyzePlan(SeedTexts.WeeklyPlan, Run);

        Assert.Empty(plan.Errors);
        Assert.Equal(
            [(RuleCodes.DeclaredDurationMismatch, 9), (RuleCodes.RepeatWithoutBlankLines, 11), (RuleCodes.DeclaredDurationMismatch, 20)],
            plan.Warnings.Select(static w => (w.Code, w.Line)));

        var week = Assert.Single(plan.Weeks);
        Assert.Equal(1, week.Number);
        Assert.Equal(
            [("Monday", 2700), ("Tuesday", 5400), ("Wednesday", 0), ("Thursday", 3420), ("Friday", 0), ("Saturday", 9000), ("Sunday", 3600)],
            week.Workouts.Select(static w => (w.Day, w.Analysis?.DurationSecs ?? 0)));
        Assert.Equal([false, false, true, false, true, false, false], week.Workouts.Select(static w => w.IsRest));
        Assert.Equal([2700, 5400, (int?)null, 3600, null, 9000, 3600], week.Workouts.Select(static w => w.DeclaredDurationSecs));
        Assert.Equal(24120, week.DurationSecs);
        Assert.Equal(7 * 3600 + 15 * 60, week.DeclaredDurationSecs);
        Assert.Equal(24120, plan.DurationSecs);
    }
}
