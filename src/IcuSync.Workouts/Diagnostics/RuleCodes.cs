namespace IcuSync.Workouts;

/// <summary>
/// The stable codes of the workout rule checker. A code never changes meaning once published; new rules get new codes.
/// <c>W0xx</c> codes are errors (a write is refused while one is present); <c>W1xx</c> codes are warnings.
/// </summary>
/// <remarks>The rules implement the pre-submission checklist for Intervals.icu Workout Builder text. See docs/workout-syntax.md.</remarks>
public static class RuleCodes
{
    /// <summary>A unit word in a duration (<c>10min</c>, <c>30sec</c>, <c>2hrs</c>); use <c>h</c>, <c>m</c> and <c>s</c>.</summary>
    public const string UnitWordInDuration = "W001";

    /// <summary>A colon duration inside a step (<c>1:30</c>); write <c>1m30</c> or <c>1h30m</c>.</summary>
    public const string ColonDurationInStep = "W002";

    /// <summary>An <c>m</c> value of 100 or more (<c>400m</c>), which Intervals.icu reads as minutes; meters are <c>mtr</c>.</summary>
    public const string MinutesThatAreMeters = "W003";

    /// <summary>A numeric target without its unit (<c>95-105</c>); add <c>%</c>, <c>w</c> or <c>rpm</c>.</summary>
    public const string TargetWithoutUnit = "W004";

    /// <summary>A zone without <c>HR</c> or <c>Pace</c> in a run, walk, hike or swim workout, which is read as a power zone.</summary>
    public const string ZoneWithoutHrOrPace = "W005";

    /// <summary>A range separator other than <c>-</c> (en dash, em dash, <c>to</c>).</summary>
    public const string RangeSeparator = "W006";

    /// <summary>A step-like line without its leading <c>- </c>.</summary>
    public const string StepWithoutDash = "W007";

    /// <summary>A section header written as a step (<c>- Warmup</c>), or any step with no duration or distance.</summary>
    public const string StepWithoutDuration = "W008";

    /// <summary>Nested repeats (<c>Main Set 3x 5x</c>, or a repeat header directly followed by another).</summary>
    public const string NestedRepeats = "W009";

    /// <summary><c>Ramp</c> written with a capital letter; the keyword is <c>ramp</c>.</summary>
    public const string RampCapitalised = "W010";

    /// <summary>Ramp bounds without <c>%</c> (<c>ramp 50-75</c>).</summary>
    public const string RampWithoutPercent = "W011";

    /// <summary>Cadence written with a space (<c>90 rpm</c>) or used in a non-cycling workout.</summary>
    public const string CadenceFormat = "W012";

    /// <summary><c>free ride</c> instead of <c>freeride</c>.</summary>
    public const string FreeRideSpelling = "W013";

    /// <summary><c>Press lap</c> written in another case (<c>press lap</c>).</summary>
    public const string PressLapCase = "W014";

    /// <summary>Timed prompts without the <c>&lt;!&gt;</c> separator, or starting with a <c>N^</c> marker and no opening text.</summary>
    public const string TimedPromptFormat = "W015";

    /// <summary>A Markdown header (<c>#</c>, <c>##</c>) inside the workout body.</summary>
    public const string MarkdownHeader = "W016";

    /// <summary>The text has no step with a duration or distance, so Intervals.icu would store an empty workout.</summary>
    public const string NoSteps = "W017";

    /// <summary>An event name that contains Workout Builder syntax; the syntax belongs in the description.</summary>
    public const string NameContainsWorkoutSyntax = "W018";

    /// <summary>Warning: a repeat block without a blank line before and after it.</summary>
    public const string RepeatWithoutBlankLines = "W101";

    /// <summary>Warning: the declared duration differs from the total computed from the steps.</summary>
    public const string DeclaredDurationMismatch = "W102";

    /// <summary>Warning: a distance step whose duration cannot be estimated without a threshold pace.</summary>
    public const string DistanceNotEstimable = "W103";

    /// <summary>Warning: a bare percentage in a run, walk, hike or swim workout, which Intervals.icu reads as % of FTP (power).</summary>
    public const string PercentWithoutTargetType = "W104";

    /// <summary>Every code, errors first, in code order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UnitWordInDuration, ColonDurationInStep, MinutesThatAreMeters, TargetWithoutUnit, ZoneWithoutHrOrPace,
        RangeSeparator, StepWithoutDash, StepWithoutDuration, NestedRepeats, RampCapitalised, RampWithoutPercent,
        CadenceFormat, FreeRideSpelling, PressLapCase, TimedPromptFormat, MarkdownHeader, NoSteps,
        NameContainsWorkoutSyntax, RepeatWithoutBlankLines, DeclaredDurationMismatch, DistanceNotEstimable,
        PercentWithoutTargetType,
    ];

    /// <summary>The severity a code always has: <c>W0xx</c> are errors, <c>W1xx</c> are warnings.</summary>
    public static RuleSeverity SeverityOf(string code) =>
        code is { Length: 4 } && code[1] == '1' ? RuleSeverity.Warning : RuleSeverity.Error;
}
