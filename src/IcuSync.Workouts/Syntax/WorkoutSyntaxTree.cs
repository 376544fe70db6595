namespace IcuSync.Workouts;

/// <summary>
/// Workout Builder text parsed into blocks (sections and repeats) of steps and notes, with line and column positions.
/// Parsing never fails: anything unrecognised is kept as text and reported by the rule checker.
/// Equality is structural and ignores positions, so formatting a valid tree and parsing the result gives an equal tree.
/// </summary>
public sealed class WorkoutSyntaxTree : IEquatable<WorkoutSyntaxTree>
{
    private static readonly IReadOnlyList<SyntaxFlaw> NoFlaws = [];

    /// <summary>Builds a tree in code, for example to format it.</summary>
    /// <param name="blocks">The blocks in order.</param>
    public WorkoutSyntaxTree(IReadOnlyList<WorkoutBlock> blocks)
        : this("", 1, blocks, null)
    {
    }

    internal WorkoutSyntaxTree(string text, int firstLine, IReadOnlyList<WorkoutBlock> blocks, IReadOnlyList<SyntaxFlaw>? flaws)
    {
        Text = text;
        FirstLine = firstLine;
        Blocks = blocks;
        Flaws = flaws ?? NoFlaws;
    }

    /// <summary>A tree with no blocks.</summary>
    public static WorkoutSyntaxTree Empty { get; } = new([]);

    /// <summary>The text that was parsed ("" for trees built in code).</summary>
    public string Text { get; }

    /// <summary>The blocks in written order.</summary>
    public IReadOnlyList<WorkoutBlock> Blocks { get; }

    /// <summary>Every step in written order (repeats not expanded).</summary>
    public IEnumerable<WorkoutStep> Steps => Blocks.SelectMany(static b => b.Steps);

    /// <summary>The line number of the first line of <see cref="Text"/> (1 unless it was cut from a larger text).</summary>
    internal int FirstLine { get; }

    /// <summary>Lexical problems found while parsing, in line order; the rule checker turns them into findings.</summary>
    internal IReadOnlyList<SyntaxFlaw> Flaws { get; }

    /// <inheritdoc/>
    public bool Equals(WorkoutSyntaxTree? other) => other is not null && Blocks.SequenceEqual(other.Blocks);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkoutSyntaxTree);

    /// <inheritdoc/>
    public override int GetHashCode() => Blocks.Count;

    /// <summary>The canonical text of the tree.</summary>
    public override string ToString() => Formatting.WorkoutFormatter.Format(this);

    /// <summary>The text of a line of <see cref="Text"/> by its line number, without the line break.</summary>
    internal string? LineText(int line)
    {
        if (line < FirstLine)
        {
            return null;
        }

        var index = 0;
        for (var current = FirstLine; current < line; current++)
        {
            var next = Text.IndexOf('\n', index);
            if (next < 0)
            {
                return null;
            }

            index = next + 1;
        }

        var end = Text.IndexOf('\n', index);
        if (end < 0)
        {
            end = Text.Length;
        }

        if (end > index && Text[end - 1] == '\r')
        {
            end--;
        }

        return Text[index..end];
    }
}

/// <summary>A lexical problem the parser noticed, with the replacement text that fixes it when one is known.</summary>
/// <param name="Code">The rule code.</param>
/// <param name="Span">The offending text.</param>
/// <param name="Replacement">Text that replaces the span to fix the problem, or null.</param>
/// <param name="Detail">A rule-specific detail for the message (for example the meant value).</param>
/// <param name="ReportColumn">The column to report when it differs from the edit's (an insertion after a token reports the token).</param>
internal sealed record SyntaxFlaw(string Code, SourceSpan Span, string? Replacement, string? Detail = null, int ReportColumn = 0);
