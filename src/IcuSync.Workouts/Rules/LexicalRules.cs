using System.Globalization;

namespace IcuSync.Workouts.Rules;

/// <summary>Turns the parser's lexical flaws (W001–W004, W006, W007, W009–W011, W012 spacing, W013–W016) into findings.</summary>
internal static class LexicalRules
{
    public static void Check(WorkoutSyntaxTree tree, FindingCollector findings)
    {
        var flaws = tree.Flaws;
        for (var i = 0; i < flaws.Count; i++)
        {
            var flaw = flaws[i];
            var original = findings.TextOf(flaw.Span);
            var edit = flaw.Replacement is null ? (LineEdit?)null : new LineEdit(flaw.Span.Column, flaw.Span.Length, flaw.Replacement);
            var column = flaw.ReportColumn > 0 ? flaw.ReportColumn : flaw.Span.Column;
            var (message, instruction) = Describe(flaw, original);
            findings.Add(flaw.Code, flaw.Span.Line, column, message, edit, instruction);
        }
    }

    private static (string Message, string? Instruction) Describe(SyntaxFlaw flaw, string original) => flaw.Code switch
    {
        RuleCodes.UnitWordInDuration => (
            $"Duration '{original}' spells out its unit; Workout Builder durations use only h, m and s, so write '{flaw.Replacement}'.",
            null),
        RuleCodes.ColonDurationInStep => ColonMessage(flaw, original),
        RuleCodes.MinutesThatAreMeters => MetersMessage(flaw, original),
        RuleCodes.TargetWithoutUnit => (
            $"Target '{flaw.Detail}' has no unit, so Intervals.icu cannot tell what it controls; write '{flaw.Detail}%' for % of FTP, or add 'w', '% HR', '% LTHR' or '% Pace'.",
            null),
        RuleCodes.RangeSeparator => (
            $"Range separator '{flaw.Detail?.Trim()}' is not understood; ranges use a plain hyphen, as in 95-105%.",
            null),
        RuleCodes.StepWithoutDash => (
            "This line reads like a step but does not start with '- ', so Intervals.icu would treat it as a section header and drop its time.",
            null),
        RuleCodes.NestedRepeats => (
            $"Header '{original}' nests repeats, which Workout Builder does not support; multiply the counts into one repeat ('{flaw.Replacement}') or write the blocks out.",
            null),
        RuleCodes.RampCapitalised => ($"Keyword '{original}' must be lower case: 'ramp'.", null),
        RuleCodes.RampWithoutPercent => (
            $"Ramp bounds '{flaw.Detail}' need a unit; write 'ramp {flaw.Detail}%' (or 'ramp 50%-75%' style).",
            null),
        RuleCodes.CadenceFormat => ("Cadence is written without a space before 'rpm', as in 90rpm or 90-100rpm.", null),
        RuleCodes.FreeRideSpelling => ($"'{original}' must be one word: 'freeride'.", null),
        RuleCodes.PressLapCase => ($"'{original}' must be written exactly 'Press lap' at the end of the step.", null),
        RuleCodes.TimedPromptFormat => flaw.Detail == "opening"
            ? ("Timed prompts begin with the text shown at the start of the step, before the first 'N^' marker (e.g. '- Start 30^ Cue <!> 1m30 120%').", null)
            : ("Timed prompts ('30^ text') need the '<!>' separator between the prompts and the duration.",
                flaw.Replacement is null ? "Add ' <!>' after the last prompt, followed by the step's duration and target." : null),
        RuleCodes.MarkdownHeader => (
            "Markdown headers are not allowed in workout text; Intervals.icu shows the '#' literally. Write the section name on its own line.",
            null),
        _ => ($"Rule {flaw.Code} failed at '{original}'.", null),
    };

    private static (string, string?) ColonMessage(SyntaxFlaw flaw, string original)
    {
        if (flaw.Detail == "target")
        {
            return (
                $"'{original}' is a colon time inside a step; durations use h/m/s ('{flaw.Replacement}'), and a pace needs its unit and the word Pace ('{original}/km Pace').",
                null);
        }

        if (flaw.Detail == "m:ss" && Lexicon.TryParseColonTime(original, out var first, out var second, out _))
        {
            var hours = Formatting.WorkoutFormatter.FormatDuration((first * 3600) + (second * 60));
            return (
                $"Duration '{original}' uses a colon, which steps do not support; Intervals.icu would read it as {flaw.Replacement}. Write '{flaw.Replacement}', or '{hours}' if you meant hours and minutes.",
                null);
        }

        return ($"Duration '{original}' uses a colon, which steps do not support; write '{flaw.Replacement}'.", null);
    }

    private static (string, string?) MetersMessage(SyntaxFlaw flaw, string original)
    {
        var pos = 0;
        Lexicon.TryReadNumber(original, ref pos, out var value);
        var kilometers = (value / 1000).ToString(CultureInfo.InvariantCulture);
        return (
            $"'{original}' means {value.ToString(CultureInfo.InvariantCulture)} minutes ({flaw.Detail}): in Workout Builder 'm' is minutes, never meters. For meters write '{flaw.Replacement}' or '{kilometers}km'; if you really meant minutes write '{flaw.Detail}'.",
            null);
    }
}
