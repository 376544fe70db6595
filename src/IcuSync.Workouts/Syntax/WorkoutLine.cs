namespace IcuSync.Workouts;

/// <summary>A line inside a block: a <see cref="WorkoutStep"/> or a <see cref="WorkoutNote"/>.</summary>
public abstract class WorkoutLine
{
    private protected WorkoutLine()
    {
    }

    /// <summary>Where the line's content was written (column of its first non-blank character, length to the line end).</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The 1-based line number, 0 for trees built in code.</summary>
    public int Line => Span.Line;
}

/// <summary>A timed prompt shown on the device during a step (<c>30^ Relax</c>).</summary>
/// <param name="AtSeconds">Seconds from the start of the step; 0 for the opening text.</param>
/// <param name="Text">The prompt; empty when the step starts with a marker (rule W015).</param>
public sealed record TimedPrompt(int AtSeconds, string Text);

/// <summary>
/// A step (<c>- Recovery 5m 55% 90rpm</c>). Words before the duration are the cue; anything after the targets that is
/// not a target is kept as <see cref="Note"/>. Equality is structural and ignores source positions.
/// </summary>
public sealed class WorkoutStep : WorkoutLine, IEquatable<WorkoutStep>
{
    /// <summary>Text before the duration, shown on the device (<c>Recovery</c>); null when none.</summary>
    public string? Cue { get; init; }

    /// <summary>Timed prompts written before the <c>&lt;!&gt;</c> separator; empty when none.</summary>
    public IReadOnlyList<TimedPrompt> Prompts { get; init; } = [];

    /// <summary>The duration or distance; null when the step has neither (rule W008).</summary>
    public StepLength? Length { get; init; }

    /// <summary>Targets in written order (power/HR/pace, then cadence); empty for a step without targets.</summary>
    public IReadOnlyList<WorkoutTarget> Targets { get; init; } = [];

    /// <summary>ERG off (<c>freeride</c>).</summary>
    public bool Freeride { get; init; }

    /// <summary>The step ends when the lap button is pressed (<c>Press lap</c>).</summary>
    public bool PressLap { get; init; }

    /// <summary>Free text after the targets (<c>(relaxed, not a sprint)</c>); null when none.</summary>
    public string? Note { get; init; }

    /// <summary>The first power, heart-rate or pace target, or null.</summary>
    public WorkoutTarget? MainTarget
    {
        get
        {
            var targets = Targets;
            for (var i = 0; i < targets.Count; i++)
            {
                if (targets[i].Kind != TargetKind.Cadence)
                {
                    return targets[i];
                }
            }

            return null;
        }
    }

    /// <summary>The cadence target, or null.</summary>
    public WorkoutTarget? Cadence
    {
        get
        {
            var targets = Targets;
            for (var i = 0; i < targets.Count; i++)
            {
                if (targets[i].Kind == TargetKind.Cadence)
                {
                    return targets[i];
                }
            }

            return null;
        }
    }

    /// <inheritdoc/>
    public bool Equals(WorkoutStep? other) =>
        other is not null
        && string.Equals(Cue, other.Cue, StringComparison.Ordinal)
        && Prompts.SequenceEqual(other.Prompts)
        && Equals(Length, other.Length)
        && Targets.SequenceEqual(other.Targets)
        && Freeride == other.Freeride
        && PressLap == other.PressLap
        && string.Equals(Note, other.Note, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkoutStep);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Cue, Length, Targets.Count, Freeride, PressLap, Note);

    /// <inheritdoc/>
    public override string ToString() => Formatting.WorkoutFormatter.FormatStep(this);
}

/// <summary>What kind of non-step line a note is.</summary>
public enum NoteKind
{
    /// <summary>Markdown or HTML formatting that Intervals.icu ignores (<c>**bold**</c>, <c>&lt;p&gt;…&lt;/p&gt;</c>, <c>---</c>).</summary>
    Markup,

    /// <summary>A Markdown header (<c>## Warmup</c>); rule W016.</summary>
    MarkdownHeader,

    /// <summary>A dash line that is a remark (<c>- Purpose: aerobic base</c>) or an indented sub-item.</summary>
    Remark,

    /// <summary>A strength exercise line with sets × reps (<c>- Squat 3x10 @ 60kg</c>).</summary>
    Exercise,
}

/// <summary>A line kept verbatim that is not a step. Equality compares kind and text.</summary>
public sealed class WorkoutNote : WorkoutLine, IEquatable<WorkoutNote>
{
    /// <summary>The kind of note.</summary>
    public NoteKind Kind { get; init; }

    /// <summary>The line as written, without trailing blanks.</summary>
    public string Text { get; init; } = "";

    /// <inheritdoc/>
    public bool Equals(WorkoutNote? other) =>
        other is not null && Kind == other.Kind && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkoutNote);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Text);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
