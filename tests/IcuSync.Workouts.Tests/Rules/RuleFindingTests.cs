namespace IcuSync.Workouts.Tests.Rules;

public sealed class RuleFindingTests
{
    [Fact]
    public void RuleCodes_errors_are_W0xx_and_warnings_are_W1xx_and_all_are_unique()
    {
        Assert.Equal(RuleCodes.All.Count, RuleCodes.All.Distinct().Count());
        Assert.All(RuleCodes.All.Where(static c => c.StartsWith("W0", StringComparison.Ordinal)), static c => Assert.Equal(RuleSeverity.Error, RuleCodes.SeverityOf(c)));
        Assert.All(RuleCodes.All.Where(static c => c.StartsWith("W1", StringComparison.Ordinal)), static c => Assert.Equal(RuleSeverity.Warning, RuleCodes.SeverityOf(c)));
        Assert.Equal(Enumerable.Range(1, 18).Select(static i => $"W{i:000}"), RuleCodes.All.Take(18));
    }

    [Fact]
    public void Findings_point_at_the_offending_token()
    {
        var analysis = WorkoutText.Analyze("Warmup\n- 10m 60%\n- Easy 400m Z2\n- 5m 95-105", new WorkoutContext("Ride"));

        Assert.Equal(
            [(RuleCodes.MinutesThatAreMeters, 3, 8), (RuleCodes.TargetWithoutUnit, 4, 6)],
            analysis.Errors.Select(static f => (f.Code, f.Line, f.Column)));
    }

    [Fact]
    public void Fix_applies_every_error_edit_on_the_line()
    {
        var analysis = WorkoutText.Analyze("- 10min Ramp 50-75", new WorkoutContext("Ride"));

        Assert.Equal([RuleCodes.UnitWordInDuration, RuleCodes.RampCapitalised, RuleCodes.RampWithoutPercent], analysis.Errors.Select(static f => f.Code));
        Assert.All(analysis.Errors, static f => Assert.Equal("- 10m ramp 50-75%", f.Fix));
    }

    [Fact]
    public void Error_fix_leaves_out_warning_advice_but_warning_fix_includes_error_fixes()
    {
        var analysis = WorkoutText.Analyze("- 10min 60%", new WorkoutContext("Run"));

        Assert.Equal("- 10m 60%", Assert.Single(analysis.Errors).Fix);
        Assert.Equal("- 10m 60% HR", Assert.Single(analysis.Warnings).Fix);
    }

    [Fact]
    public void Minutes_that_are_meters_message_names_minutes_meters_and_kilometres()
    {
        var finding = Assert.Single(WorkoutText.Analyze("- 400m Z2 Pace", new WorkoutContext("Run")).Errors);

        Assert.Contains("400 minutes", finding.Message, StringComparison.Ordinal);
        Assert.Contains("400mtr", finding.Message, StringComparison.Ordinal);
        Assert.Contains("0.4km", finding.Message, StringComparison.Ordinal);
        Assert.Contains("6h40m", finding.Message, StringComparison.Ordinal);
        Assert.Equal("- 400mtr Z2 Pace", finding.Fix);
    }

    [Fact]
    public void Colon_duration_message_offers_both_readings()
    {
        var finding = Assert.Single(WorkoutText.Analyze("- 1:30 60%", new WorkoutContext("Ride")).Errors);

        Assert.Contains("1m30s", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1h30m", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timed_prompts_without_separator_are_fixed_by_inserting_it_before_the_duration()
    {
        var finding = Assert.Single(WorkoutText.Analyze("- Start 30^ Cue 1m30 120%", new WorkoutContext("Ride")).Errors);

        Assert.Equal(RuleCodes.TimedPromptFormat, finding.Code);
        Assert.Equal("- Start 30^ Cue <!> 1m30 120%", finding.Fix);
    }

    [Fact]
    public void Step_without_duration_gets_an_instruction_and_the_empty_workout_error()
    {
        var analysis = WorkoutText.Analyze("- Easy spin 60%", new WorkoutContext("Ride"));

        Assert.Equal([RuleCodes.NoSteps, RuleCodes.StepWithoutDuration], analysis.Errors.Select(static f => f.Code));
        Assert.Equal(0, analysis.Errors[0].Line);
        Assert.Contains("- 10m Easy spin 60%", analysis.Errors[1].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_repeat_inside_a_step_is_a_step_without_duration_not_an_exercise()
    {
        var analysis = WorkoutText.Analyze("- 10m 60%\n- Openers 3x30s 110% 100rpm", new WorkoutContext("Ride"));

        Assert.Equal([(RuleCodes.StepWithoutDuration, 2)], analysis.Errors.Select(static f => (f.Code, f.Line)));
    }

    [Theory]
    [InlineData("- Main Set 5x\n- 3m 120%", "Main Set 5x")]
    [InlineData("- 3x\n  - 5m 100%", "3x")]
    [InlineData("- Cool down\n- 10m 50%", "Cool down")]
    public void Header_written_as_a_step_is_fixed_by_removing_the_dash(string text, string fix)
    {
        var finding = Assert.Single(WorkoutText.Analyze(text, new WorkoutContext("Ride")).Errors);

        Assert.Equal((RuleCodes.StepWithoutDuration, fix), (finding.Code, finding.Fix));
    }

    [Fact]
    public void Nested_repeat_headers_on_separate_lines_are_an_error()
    {
        var analysis = WorkoutText.Analyze("Main Set 3x\n5x\n- 30s 120%\n- 30s 50%", new WorkoutContext("Ride"));

        var finding = Assert.Single(analysis.Errors);
        Assert.Equal((RuleCodes.NestedRepeats, 1), (finding.Code, finding.Line));
        Assert.Contains("Main Set 15x", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_text_is_an_empty_workout()
    {
        var analysis = WorkoutText.Analyze("", new WorkoutContext());

        Assert.Equal([RuleCodes.NoSteps], analysis.Errors.Select(static f => f.Code));
        Assert.Equal(0, analysis.DurationSecs);
    }

    [Fact]
    public void Zone_in_a_swim_is_fixed_with_pace()
    {
        var finding = Assert.Single(WorkoutText.Analyze("- 10m Z2", new WorkoutContext("Swim")).Errors);

        Assert.Equal((RuleCodes.ZoneWithoutHrOrPace, "- 10m Z2 Pace"), (finding.Code, finding.Fix));
    }
}
