namespace IcuSync.Workouts.Tests.Syntax;

public sealed class WorkoutParserTests
{
    private static WorkoutStep Step(string line) => WorkoutText.Parse(line).Steps.Single();

    [Theory]
    [InlineData("- 30s", 30)]
    [InlineData("- 5m", 300)]
    [InlineData("- 1h", 3600)]
    [InlineData("- 1m30", 90)]
    [InlineData("- 1h10m", 4200)]
    [InlineData("- 1h30m59s", 5459)]
    [InlineData("- 5m30s", 330)]
    [InlineData("- 5'", 300)]
    [InlineData("- 30\"", 30)]
    [InlineData("- 1'30\"", 90)]
    [InlineData("- 90s", 90)]
    [InlineData("- 1.5h", 5400)]
    public void Parse_duration_forms_read_as_seconds(string line, int seconds)
    {
        var length = Step(line).Length!;

        Assert.Equal(StepLengthKind.Time, length.Kind);
        Assert.Equal(seconds, length.Seconds);
    }

    [Theory]
    [InlineData("- 2km", 2, DistanceUnit.Kilometers, 2000)]
    [InlineData("- 0.4km", 0.4, DistanceUnit.Kilometers, 400)]
    [InlineData("- 1mi", 1, DistanceUnit.Miles, 1609.344)]
    [InlineData("- 400mtr", 400, DistanceUnit.Meters, 400)]
    [InlineData("- 400meters", 400, DistanceUnit.Meters, 400)]
    [InlineData("- 100yrd", 100, DistanceUnit.Yards, 91.44)]
    [InlineData("- 100y", 100, DistanceUnit.Yards, 91.44)]
    public void Parse_distance_forms_keep_their_unit_and_convert_to_meters(string line, double value, DistanceUnit unit, double meters)
    {
        var length = Step(line).Length!;

        Assert.Equal((StepLengthKind.Distance, value, unit), (length.Kind, length.Value, length.Unit));
        Assert.Equal(meters, length.Meters!.Value, 6);
    }

    [Theory]
    [InlineData("- 10m 75%", TargetKind.Power, TargetUnit.PercentFtp, 75, null)]
    [InlineData("- 5m 95-105%", TargetKind.Power, TargetUnit.PercentFtp, 95, 105.0)]
    [InlineData("- 8m 220w", TargetKind.Power, TargetUnit.Watts, 220, null)]
    [InlineData("- 6m 200-240w", TargetKind.Power, TargetUnit.Watts, 200, 240.0)]
    [InlineData("- 2m 315w - 330w", TargetKind.Power, TargetUnit.Watts, 315, 330.0)]
    [InlineData("- 60m Z2", TargetKind.Power, TargetUnit.PowerZone, 2, null)]
    [InlineData("- 20m Z3-Z4", TargetKind.Power, TargetUnit.PowerZone, 3, 4.0)]
    [InlineData("- 20m 85-95% MMP 5m", TargetKind.Power, TargetUnit.PercentMmp, 85, 95.0)]
    [InlineData("- 60m Z2 HR", TargetKind.HeartRate, TargetUnit.HrZone, 2, null)]
    [InlineData("- 20m 70% HR", TargetKind.HeartRate, TargetUnit.PercentMaxHr, 70, null)]
    [InlineData("- 10m 90-95% LTHR", TargetKind.HeartRate, TargetUnit.PercentLthr, 90, 95.0)]
    [InlineData("- 6km 90-92% pace", TargetKind.Pace, TargetUnit.PercentPace, 90, 92.0)]
    [InlineData("- 3km Z3 Pace", TargetKind.Pace, TargetUnit.PaceZone, 3, null)]
    [InlineData("- 10m 7:15-7:00/km Pace", TargetKind.Pace, TargetUnit.AbsolutePace, 435, 420.0)]
    [InlineData("- 10m 90rpm", TargetKind.Cadence, TargetUnit.Rpm, 90, null)]
    [InlineData("- 10m 90-100rpm", TargetKind.Cadence, TargetUnit.Rpm, 90, 100.0)]
    public void Parse_target_forms_read_kind_unit_and_bounds(string line, TargetKind kind, TargetUnit unit, double low, double? high)
    {
        var target = Step(line).Targets.Single();

        Assert.Equal((kind, unit, low, high), (target.Kind, target.Unit, target.Low, target.High));
    }

    [Theory]
    [InlineData("- 10m 5:00/mi Pace", PaceDistance.Mile)]
    [InlineData("- 400mtr 1:45/100m Pace", PaceDistance.Meters100)]
    [InlineData("- 400mtr 1:40/100y Pace", PaceDistance.Yards100)]
    [InlineData("- 2km 2:00/500m Pace", PaceDistance.Meters500)]
    [InlineData("- 2km 1:30/400m Pace", PaceDistance.Meters400)]
    [InlineData("- 2km 0:55/250m Pace", PaceDistance.Meters250)]
    [InlineData("- 2km 5:00 Pace", PaceDistance.SportDefault)]
    [InlineData("- 2km 3:00/100m-4:00/100m Pace", PaceDistance.Meters100)]
    public void Parse_absolute_pace_units(string line, PaceDistance distance)
    {
        var target = Step(line).MainTarget!;

        Assert.Equal((TargetUnit.AbsolutePace, distance), (target.Unit, target.PaceDistance));
    }

    [Fact]
    public void Parse_custom_zones_and_mmp_duration()
    {
        var custom = Step("- 45m CZ2-CZ3 HR").MainTarget!;
        var mmp = Step("- 20m 85-95% MMP 5m").MainTarget!;

        Assert.True(custom.CustomZone);
        Assert.Equal((TargetUnit.HrZone, 2.0, 3.0), (custom.Unit, custom.Low, custom.High!.Value));
        Assert.Equal(300, mmp.MmpSeconds);
    }

    [Fact]
    public void Parse_ramp_with_cadence_keeps_both_targets_in_order()
    {
        var step = Step("- 15m ramp 60%-90% 85rpm");

        Assert.Equal(2, step.Targets.Count);
        Assert.True(step.MainTarget!.Ramp);
        Assert.Equal((60.0, 90.0), (step.MainTarget.Low, step.MainTarget.High!.Value));
        Assert.Equal(85, step.Cadence!.Low);
    }

    [Fact]
    public void Parse_text_before_the_duration_is_the_cue_and_text_after_the_targets_is_a_note()
    {
        var step = Step("- Zone 4 interval 5m 95-105% (hold it), smooth");

        Assert.Equal("Zone 4 interval", step.Cue);
        Assert.Equal(300, step.Length!.Seconds);
        Assert.Equal("(hold it), smooth", step.Note);
    }

    [Fact]
    public void Parse_trailing_comma_after_a_target_starts_the_note()
    {
        var step = Step("- 2h30m Z1-Z2 HR, focus on vertical gain (aim for 600m+)");

        Assert.Equal(TargetUnit.HrZone, step.MainTarget!.Unit);
        Assert.Equal(", focus on vertical gain (aim for 600m+)", step.Note);
    }

    [Fact]
    public void Parse_timed_prompts_read_the_opening_text_and_each_marker()
    {
        var step = Step("- Start sprint 30^ Relax 60^Final push <!> 1m30 120%");

        Assert.Equal(
            [new TimedPrompt(0, "Start sprint"), new TimedPrompt(30, "Relax"), new TimedPrompt(60, "Final push")],
            step.Prompts);
        Assert.Null(step.Cue);
        Assert.Equal(90, step.Length!.Seconds);
        Assert.Equal(120, step.MainTarget!.Low);
    }

    [Fact]
    public void Parse_freeride_and_press_lap_are_flags()
    {
        var free = Step("- 20m freeride");
        var lap = Step("- 1h Z2 Press lap");

        Assert.True(free.Freeride);
        Assert.Empty(free.Targets);
        Assert.True(lap.PressLap);
        Assert.Equal(TargetUnit.PowerZone, lap.MainTarget!.Unit);
        Assert.Null(lap.Note);
    }

    [Fact]
    public void Parse_sections_and_repeats_become_blocks_with_header_positions()
    {
        var tree = WorkoutText.Parse("Warmup\n- 10m 60%\n\nMain Set 5x\n- 3m 120%\n- 2m Z1\n\n4x\n- 1m 50%");

        Assert.Equal(
            [(WorkoutBlockKind.Section, "Warmup", 1), (WorkoutBlockKind.Repeat, "Main Set", 5), (WorkoutBlockKind.Repeat, null, 4)],
            tree.Blocks.Select(static b => (b.Kind, b.Title, b.Repeats)));
        Assert.Equal(new SourceSpan(4, 1, 11), tree.Blocks[1].HeaderSpan);
        Assert.Equal(SectionRole.Warmup, tree.Blocks[0].Role);
    }

    [Fact]
    public void Parse_records_line_and_column_of_steps_and_targets()
    {
        var tree = WorkoutText.Parse("Warmup\n  - 10m  ramp 50-75% 90rpm");
        var step = tree.Steps.Single();

        Assert.Equal(new SourceSpan(2, 3, 24), step.Span);
        Assert.Equal(new SourceSpan(2, 15, 6), step.MainTarget!.Span);
        Assert.Equal(new SourceSpan(2, 22, 5), step.Cadence!.Span);
    }

    [Fact]
    public void Parse_blank_line_ends_a_repeat_so_later_steps_are_not_repeated()
    {
        var tree = WorkoutText.Parse("Main Set 3x\n- 1m 100%\n\n- 5m 50%");

        Assert.Equal([WorkoutBlockKind.Repeat, WorkoutBlockKind.Loose], tree.Blocks.Select(static b => b.Kind));
        Assert.Equal(3 * 60 + 300, WorkoutText.Analyze("Main Set 3x\n- 1m 100%\n\n- 5m 50%", new WorkoutContext()).DurationSecs);
    }

    [Fact]
    public void Parse_markup_and_remarks_are_notes()
    {
        var tree = WorkoutText.Parse("**Focus** on form\n<p>red</p>\n---\n- Purpose: aerobic base\n# Title\n- 10m 60%");

        Assert.Equal(
            [NoteKind.Markup, NoteKind.Markup, NoteKind.Markup, NoteKind.Remark, NoteKind.MarkdownHeader],
            tree.Blocks.SelectMany(static b => b.Lines).OfType<WorkoutNote>().Select(static n => n.Kind));
        Assert.Single(tree.Steps);
    }

    [Fact]
    public void Parse_windows_line_endings_give_the_same_tree()
    {
        const string text = "Warmup\n- 10m 60%\n\nMain Set 2x\n- 1m 120%";

        Assert.Equal(WorkoutText.Parse(text), WorkoutText.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n \t \n")]
    public void Parse_empty_text_gives_an_empty_tree(string? text)
    {
        Assert.Empty(WorkoutText.Parse(text).Blocks);
    }

    [Fact]
    public void Parse_faulty_forms_keep_the_meant_value()
    {
        Assert.Equal(600, Step("- 10min 60%").Length!.Seconds);
        Assert.Equal(600, Step("- 10 min 60%").Length!.Seconds);
        Assert.Equal(7200, Step("- 2hrs Z2").Length!.Seconds);
        Assert.Equal(90, Step("- 1:30 60%").Length!.Seconds);

        // m is minutes: this is the 400-minute trap, and the tree says so.
        Assert.Equal(24000, Step("- 400m Z2").Length!.Seconds);
    }
}
