namespace IcuSync.Workouts;

/// <summary>What a target controls.</summary>
public enum TargetKind
{
    /// <summary>Power (the default when no <c>HR</c> or <c>Pace</c> follows).</summary>
    Power,

    /// <summary>Heart rate.</summary>
    HeartRate,

    /// <summary>Pace.</summary>
    Pace,

    /// <summary>Cadence in rpm.</summary>
    Cadence,
}

/// <summary>The unit of a target's numbers.</summary>
public enum TargetUnit
{
    /// <summary>No unit was written (<c>95-105</c>); an error (W004/W011).</summary>
    None,

    /// <summary>Percent of FTP (<c>75%</c>).</summary>
    PercentFtp,

    /// <summary>Watts (<c>220w</c>).</summary>
    Watts,

    /// <summary>Power zone number (<c>Z2</c>, <c>CZ1</c>).</summary>
    PowerZone,

    /// <summary>Percent of the mean-maximal power for a duration (<c>85-95% MMP 5m</c>).</summary>
    PercentMmp,

    /// <summary>Percent of maximum heart rate (<c>70% HR</c>).</summary>
    PercentMaxHr,

    /// <summary>Percent of threshold heart rate (<c>95% LTHR</c>).</summary>
    PercentLthr,

    /// <summary>Heart-rate zone number (<c>Z2 HR</c>).</summary>
    HrZone,

    /// <summary>Percent of threshold pace, as speed (<c>90% Pace</c>).</summary>
    PercentPace,

    /// <summary>Pace zone number (<c>Z3 Pace</c>).</summary>
    PaceZone,

    /// <summary>Absolute pace in seconds per <see cref="PaceDistance"/> (<c>7:15/km Pace</c>).</summary>
    AbsolutePace,

    /// <summary>Revolutions per minute (<c>90rpm</c>).</summary>
    Rpm,
}

/// <summary>The distance an absolute pace is measured over.</summary>
public enum PaceDistance
{
    /// <summary>No unit written; Intervals.icu uses the sport's default (per km, per 100 m for swimming).</summary>
    SportDefault,

    /// <summary>Per kilometre (<c>/km</c>).</summary>
    Kilometer,

    /// <summary>Per mile (<c>/mi</c>).</summary>
    Mile,

    /// <summary>Per 100 meters (<c>/100m</c>).</summary>
    Meters100,

    /// <summary>Per 100 yards (<c>/100y</c>).</summary>
    Yards100,

    /// <summary>Per 500 meters (<c>/500m</c>).</summary>
    Meters500,

    /// <summary>Per 400 meters (<c>/400m</c>).</summary>
    Meters400,

    /// <summary>Per 250 meters (<c>/250m</c>).</summary>
    Meters250,
}

/// <summary>
/// One target of a step: a single value (<see cref="High"/> null), a range, or a ramp from <see cref="Low"/> to <see cref="High"/>.
/// Equality is structural and ignores <see cref="Span"/>.
/// </summary>
public sealed class WorkoutTarget : IEquatable<WorkoutTarget>
{
    /// <summary>What the target controls.</summary>
    public TargetKind Kind { get; init; }

    /// <summary>The unit of <see cref="Low"/> and <see cref="High"/>.</summary>
    public TargetUnit Unit { get; init; }

    /// <summary>The value, or the first bound of a range/ramp (for absolute pace: seconds per <see cref="PaceDistance"/>,
    /// the slower pace first as written).</summary>
    public double Low { get; init; }

    /// <summary>The second bound of a range or ramp; null for a single value.</summary>
    public double? High { get; init; }

    /// <summary>True when the target ramps from <see cref="Low"/> to <see cref="High"/> (<c>ramp 50-75%</c>).</summary>
    public bool Ramp { get; init; }

    /// <summary>True for custom zones (<c>CZ1</c>).</summary>
    public bool CustomZone { get; init; }

    /// <summary>The distance an absolute pace is per.</summary>
    public PaceDistance PaceDistance { get; init; }

    /// <summary>For <see cref="TargetUnit.PercentMmp"/>: the MMP duration in seconds (<c>MMP 5m</c> → 300), if written.</summary>
    public int? MmpSeconds { get; init; }

    /// <summary>Where the target was written; default for trees built in code.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The midpoint of the range, or the value.</summary>
    public double Mid => High is { } high ? (Low + high) / 2 : Low;

    /// <inheritdoc/>
    public bool Equals(WorkoutTarget? other) =>
        other is not null
        && Kind == other.Kind
        && Unit == other.Unit
        && Low.Equals(other.Low)
        && Nullable.Equals(High, other.High)
        && Ramp == other.Ramp
        && CustomZone == other.CustomZone
        && PaceDistance == other.PaceDistance
        && MmpSeconds == other.MmpSeconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkoutTarget);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Unit, Low, High, Ramp, CustomZone, PaceDistance, MmpSeconds);

    /// <inheritdoc/>
    public override string ToString() => Formatting.WorkoutFormatter.FormatTarget(this);
}
