using System.Globalization;

namespace IcuSync.Workouts.Rules;

/// <summary>Rules about the shape of the text: W008 (steps without length), W009 (nested repeat headers),
/// W017 (no steps at all) and W101 (blank lines around repeats).</summary>
internal static class StructureRules
{
    private static readonly string[] SectionWords =
        ["warmup", "mainset", "main", "cooldown", "intervals", "drills", "strides", "recovery", "rest", "set"];

    public static void Check(WorkoutSyntaxTree tree, FindingCollector findings)
    {
        var anyLength = false;
        var blocks = tree.Blocks;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            var steps = 0;
            var lines = block.Lines;
            for (var l = 0; l < lines.Count; l++)
            {
                if (lines[l] is not WorkoutStep step)
                {
                    continue;
                }

                steps++;
                if (step.Length is not null)
                {
                    anyLength = true;
                }
                else if (step.Span.Line > 0)
                {
                    CheckMissingLength(step, findings);
                }
            }

            if (block.Kind != WorkoutBlockKind.Repeat || block.HeaderSpan.Line == 0)
            {
                continue;
            }

            if (block.Lines.Count == 0 && b + 1 < blocks.Count && blocks[b + 1].Kind == WorkoutBlockKind.Repeat)
            {
                var inner = blocks[b + 1];
                var total = Math.Min((long)block.Repeats * inner.Repeats, 9999);
                var title = block.Title ?? inner.Title;
                var flattened = title is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{total}x")
                    : string.Create(CultureInfo.InvariantCulture, $"{title} {total}x");
                findings.Add(
                    RuleCodes.NestedRepeats,
                    block.HeaderSpan.Line,
                    block.HeaderSpan.Column,
                    $"Repeat '{block.Header}' is directly followed by repeat '{inner.Header}'; nested repeats are not supported.",
                    instruction: string.Create(
                        CultureInfo.InvariantCulture,
                        $"Replace lines {block.HeaderSpan.Line}-{inner.HeaderSpan.Line} with the single header '{flattened}'."));
            }

            if (steps > 0 && (!block.BlankBefore || !block.BlankAfter))
            {
                var where = (block.BlankBefore, block.BlankAfter) switch
                {
                    (false, false) => string.Create(CultureInfo.InvariantCulture, $"before line {block.HeaderSpan.Line} and after line {block.LastLine}"),
                    (false, _) => string.Create(CultureInfo.InvariantCulture, $"before line {block.HeaderSpan.Line}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"after line {block.LastLine}"),
                };
                findings.Add(
                    RuleCodes.RepeatWithoutBlankLines,
                    block.HeaderSpan.Line,
                    block.HeaderSpan.Column,
                    $"Repeat block '{block.Header}' needs a blank line before and after it; without them Intervals.icu can merge it with the lines around it.",
                    instruction: $"Insert a blank line {where}.");
            }
        }

        if (!anyLength)
        {
            findings.Add(
                RuleCodes.NoSteps,
                0,
                0,
                "The text has no step with a duration or distance, so Intervals.icu would store an empty workout without complaint.",
                instruction: "Add steps such as '- 10m Z2' (time) or '- 2km Z2 Pace' (distance), each on its own line starting with '- '.");
        }
    }

    private static void CheckMissingLength(WorkoutStep step, FindingCollector findings)
    {
        var line = findings.LineText(step.Span.Line) ?? "";
        var dash = step.Span.Column - 1;
        var body = dash + 1;
        while (body < line.Length && Lexicon.IsBlank(line[body]))
        {
            body++;
        }

        var content = body < line.Length ? line[body..].TrimEnd() : "";
        if (step.Prompts.Count == 0 && LooksLikeHeader(content))
        {
            findings.Add(
                RuleCodes.StepWithoutDuration,
                step.Span.Line,
                step.Span.Column,
                $"'{line.Trim()}' is a section header written as a step; headers are written without the leading '- '.",
                new LineEdit(step.Span.Column, body - dash, ""));
            return;
        }

        findings.Add(
            RuleCodes.StepWithoutDuration,
            step.Span.Line,
            step.Span.Column,
            $"Step '{line.Trim()}' has no duration or distance, so Intervals.icu cannot time it.",
            instruction: content.Length == 0
                ? "Remove the empty step, or give it a duration such as '- 10m Z2'."
                : $"Add a duration or distance after the dash, e.g. '- 10m {content}' or '- 2km {content}'; a remark can be written 'Note: {content}'.");
    }

    private static bool LooksLikeHeader(string content)
    {
        if (content.Length == 0)
        {
            return false;
        }

        var lastSpace = content.LastIndexOf(' ');
        if (Lexicon.TryParseRepeat(content.AsSpan(lastSpace + 1), out _))
        {
            return true;
        }

        Span<char> letters = stackalloc char[16];
        var count = 0;
        foreach (var c in content)
        {
            if (char.IsLetter(c))
            {
                if (count == letters.Length)
                {
                    return false;
                }

                letters[count++] = char.ToLowerInvariant(c);
            }
            else if (!char.IsWhiteSpace(c) && c is not ('-' or ':'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> word = letters[..count];
        foreach (var section in SectionWords)
        {
            if (word.SequenceEqual(section))
            {
                return true;
            }
        }

        return false;
    }
}
