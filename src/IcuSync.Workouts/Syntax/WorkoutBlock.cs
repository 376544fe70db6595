namespace IcuSync.Workouts;

/// <summary>How a block was opened.</summary>
public enum WorkoutBlockKind
{
    /// <summary>Lines with no header above them (at the top, or after a blank line that closed a block).</summary>
    Loose,

    /// <summary>A section header without a repeat count (<c>Warmup</c>).</summary>
    Section,

    /// <summary>A repeat header (<c>Main Set 5x</c> or <c>5x</c>).</summary>
    Repeat,
}

/// <summary>What a section is for, from its title.</summary>
public enum SectionRole
{
    /// <summary>An ordinary section.</summary>
    None,

    /// <summary>A warm-up section (<c>Warmup</c>, <c>Warm up</c>); its steps are flagged <c>warmup</c>.</summary>
    Warmup,

    /// <summary>A cool-down section (<c>Cooldown</c>, <c>Cool down</c>); its steps are flagged <c>cooldown</c>.</summary>
    Cooldown,
}

/// <summary>
/// A header and the lines under it. A block ends at a blank line that follows its content, or at the next header.
/// Equality is structural and ignores source positions.
/// </summary>
public sealed class WorkoutBlock : IEquatable<WorkoutBlock>
{
    /// <summary>How the block was opened.</summary>
    public WorkoutBlockKind Kind { get; init; }

    /// <summary>The header text without the repeat count (<c>Main Set</c>); null for loose blocks and bare <c>5x</c>.</summary>
    public string? Title { get; init; }

    /// <summary>How many times the block runs: the repeat count, or 1.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Steps and notes in written order.</summary>
    public IReadOnlyList<WorkoutLine> Lines { get; init; } = [];

    /// <summary>Where the header was written; default for loose blocks and trees built in code.</summary>
    public SourceSpan HeaderSpan { get; init; }

    /// <summary>The header line as it reads in canonical form (<c>Main Set 5x</c>), or null for a loose block.</summary>
    public string? Header => Kind switch
    {
        WorkoutBlockKind.Section => Title ?? "",
        WorkoutBlockKind.Repeat => Title is null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Repeats}x")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Title} {Repeats}x"),
        _ => null,
    };

    /// <summary>Warm-up or cool-down, from the title.</summary>
    public SectionRole Role => RoleOf(Title);

    /// <summary>The steps of this block (one repetition), in written order.</summary>
    public IEnumerable<WorkoutStep> Steps => Lines.OfType<WorkoutStep>();

    /// <summary>True when the line above the header was blank (or the header is the first line).</summary>
    internal bool BlankBefore { get; init; } = true;

    /// <summary>True when the block was closed by a blank line or the end of the text, not by the next header.</summary>
    internal bool BlankAfter { get; set; } = true;

    /// <summary>The header as written (blanks collapsed), used when the canonical header would read differently.</summary>
    internal string? WrittenHeader { get; init; }

    /// <summary>True when the parser saw the header already in canonical form (<c>Title Nx</c>), so it needs no re-check.</summary>
    internal bool HeaderWasCanonical { get; init; }

    /// <summary>The last line number the block covers (its last content line, or its header).</summary>
    internal int LastLine { get; set; }

    /// <inheritdoc/>
    public bool Equals(WorkoutBlock? other) =>
        other is not null
        && Kind == other.Kind
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && Repeats == other.Repeats
        && Lines.SequenceEqual(other.Lines);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkoutBlock);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Title, Repeats, Lines.Count);

    internal static SectionRole RoleOf(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return SectionRole.None;
        }

        Span<char> letters = stackalloc char[8];
        var count = 0;
        foreach (var c in title)
        {
            if (char.IsLetter(c))
            {
                letters[count++] = char.ToLowerInvariant(c);
                if (count == letters.Length)
                {
                    break;
                }
            }
        }

        ReadOnlySpan<char> word = letters[..count];
        return word.StartsWith("warm") ? SectionRole.Warmup
            : word.StartsWith("cool") ? SectionRole.Cooldown
            : SectionRole.None;
    }
}
