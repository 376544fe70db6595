namespace IcuSync.Workouts.Tests.Corpus;

/// <summary>
/// Each Wrong/Correct row of the seed's pre-submission checklist tables (steps 2–6). Rows that concern a run say so;
/// the others are checked as rides so that the row's own rule is the only one that can fire.
/// </summary>
public sealed class ChecklistTests
{
    public static TheoryData<string, string, string, string?> WrongRows => new()
    {
        // Step 2: duration and distance syntax.
        { "- 10min 60%", "Ride", RuleCodes.UnitWordInDuration, "- 10m 60%" },
        { "- 400m Z2", "Ride", RuleCodes.MinutesThatAreMeters, "- 400mtr Z2" },
        { "- 1:30 60%", "Ride", RuleCodes.ColonDurationInStep, "- 1m30s 60%" },
        { "- 500m Z2", "Ride", RuleCodes.MinutesThatAreMeters, "- 500mtr Z2" },

        // Step 3: target syntax.
        { "- 5m 95-105", "Ride", RuleCodes.TargetWithoutUnit, "- 5m 95-105%" },
        { "- 30m Z2", "Run", RuleCodes.ZoneWithoutHrOrPace, "- 30m Z2 HR" },
        { "- 3km Z3", "Run", RuleCodes.ZoneWithoutHrOrPace, "- 3km Z3 Pace" },
        { "- 10m 75% 90 rpm", "Ride", RuleCodes.CadenceFormat, "- 10m 75% 90rpm" },
        { "- 10m 75% 90rpm", "Run", RuleCodes.CadenceFormat, "- 10m 75%" },
        { "- 5m 95–105%", "Ride", RuleCodes.RangeSeparator, "- 5m 95-105%" },
        { "- 5m 95 to 105%", "Ride", RuleCodes.RangeSeparator, "- 5m 95-105%" },

        // Step 4: structure.
        { "10m 60%", "Ride", RuleCodes.StepWithoutDash, "- 10m 60%" },
        { "- Warmup\n- 10m 60%", "Ride", RuleCodes.StepWithoutDuration, "Warmup" },
        { "Main Set 3x 5x\n- 3m 120%\n- 2m Z1", "Ride", RuleCodes.NestedRepeats, "Main Set 15x" },
        { "- 10m Ramp 50-75%", "Ride", RuleCodes.RampCapitalised, "- 10m ramp 50-75%" },
        { "- 10m ramp 50-75", "Ride", RuleCodes.RampWithoutPercent, "- 10m ramp 50-75%" },

        // Step 5: special steps.
        { "- 30^ cue <!> 1m30", "Ride", RuleCodes.TimedPromptFormat, "- Start 30^ cue <!> 1m30" },
        { "- 20m free ride", "Ride", RuleCodes.FreeRideSpelling, "- 20m freeride" },
        { "- 1h Z2 press lap", "Ride", RuleCodes.PressLapCase, "- 1h Z2 Press lap" },

        // Step 6: event level.
        { "## Warmup\n- 10m 60%", "Ride", RuleCodes.MarkdownHeader, "Warmup" },
    };

    [Theory]
    [MemberData(nameof(WrongRows))]
    public void Analyze_wrong_checklist_row_reports_exactly_its_rule_with_the_corrected_line(string text, string sport, string code, string? fix)
    {
        var analysis = WorkoutText.Analyze(text, new WorkoutContext(sport));

        var finding = Assert.Single(analysis.Errors);
        Assert.Equal(code, finding.Code);
        Assert.Equal(RuleSeverity.Error, finding.Severity);
        Assert.False(analysis.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        if (fix is not null)
        {
            Assert.Equal(fix, finding.Fix);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
        }
    }

    public static TheoryData<string, string> CorrectRows => new()
    {
        { "- 10m 60%", "Ride" },
        { "- 400mtr Z2", "Ride" },
        { "- 0.4km Z2", "Ride" },
        { "- 1h30m 60%", "Ride" },
        { "- 1m30 60%", "Ride" },
        { "- 5m30s 60%", "Ride" },
        { "- 500mtr Z2", "Ride" },
        { "- 0.5km Z2", "Ride" },
        { "- 5m 95-105%", "Ride" },
        { "- 30m Z2 HR", "Run" },
        { "- 30m Z2 Pace", "Run" },
        { "- 20m 70% HR", "Run" },
        { "- 3km Z3 Pace", "Run" },
        { "- 10m 75% 90rpm", "Ride" },
        { "- 10m 60%", "Ride" },
        { "Warmup\n- 10m 60%", "Ride" },
        { "Main Set 15x\n- 3m 120%\n- 2m Z1", "Ride" },
        { "- 10m ramp 50-75%", "Ride" },
        { "- 10m ramp 50%-75%", "Ride" },
        { "- Start 30^ Cue <!> 1m30 120%", "Ride" },
        { "- 20m freeride", "Ride" },
        { "- 1h Z2 Press lap", "Ride" },
        { "Warmup\n- 10m 60%", "Ride" },
    };

    [Theory]
    [MemberData(nameof(CorrectRows))]
    public void Analyze_correct_checklist_row_has_no_errors(string text, string sport)
    {
        var analysis = WorkoutText.Analyze(text, new WorkoutContext(sport, ThresholdPaceSecsPerKm: 270));

        Assert.Empty(analysis.Errors);
        Assert.Empty(analysis.Warnings);
        Assert.True(analysis.IsValid);
    }

    [Fact]
    public void Analyze_unclear_percentage_in_a_run_is_a_warning_not_an_error()
    {
        // Checklist: "HR uses % HR or % LTHR or Z2 HR | - 20m 70% (unclear type)". Power % is legal on a run (power meters),
        // so it is flagged but not refused.
        var analysis = WorkoutText.Analyze("- 20m 70%", new WorkoutContext("Run"));

        Assert.Empty(analysis.Errors);
        var warning = Assert.Single(analysis.Warnings);
        Assert.Equal(RuleCodes.PercentWithoutTargetType, warning.Code);
        Assert.Equal("- 20m 70% HR", warning.Fix);
    }

    [Fact]
    public void Analyze_repeat_block_without_blank_lines_warns_once_and_says_where_to_insert_them()
    {
        var analysis = WorkoutText.Analyze(SeedTexts.MinimalStructure, new WorkoutContext("Ride"));

        Assert.Empty(analysis.Errors);
        var warning = Assert.Single(analysis.Warnings);
        Assert.Equal((RuleCodes.RepeatWithoutBlankLines, 3, 1), (warning.Code, warning.Line, warning.Column));
        Assert.Equal("Insert a blank line before line 3 and after line 5.", warning.Fix);
    }

    [Fact]
    public void Analyze_declared_duration_that_does_not_add_up_is_a_warning()
    {
        // Checklist: "Duration arithmetic adds up | day says 1:30 but steps sum to 1:15".
        var wrong = WorkoutText.Analyze("- 1h15m Z2", new WorkoutContext("Ride", DeclaredDurationSecs: 5400));
        var right = WorkoutText.Analyze("- 1h15m Z2", new WorkoutContext("Ride", DeclaredDurationSecs: 4500));

        Assert.Equal([RuleCodes.DeclaredDurationMismatch], wrong.Warnings.Select(static w => w.Code));
        Assert.True(wrong.IsValid);
        Assert.Empty(right.Findings);
    }

    [Theory]
    [InlineData("- 10m 60%")]
    [InlineData("Endurance - 10m 60%")]
    [InlineData("10m Z2")]
    public void CheckEventName_with_workout_syntax_is_an_error(string name)
    {
        var finding = Assert.Single(WorkoutText.CheckEventName(name));

        Assert.Equal(RuleCodes.NameContainsWorkoutSyntax, finding.Code);
        Assert.Equal(RuleSeverity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("Endurance Run")]
    [InlineData("Recovery Run + Strides")]
    [InlineData("VO2 5x4")]
    [InlineData("Sweet Spot 2x20")]
    [InlineData("")]
    [InlineData(null)]
    public void CheckEventName_with_a_readable_title_passes(string? name)
    {
        Assert.Empty(WorkoutText.CheckEventName(name));
    }
}
