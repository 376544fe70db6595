namespace IcuSync.Sandbox.Data;

/// <summary>The initial content of a <see cref="SandboxStore"/>: generated demo data or a loaded dataset.</summary>
internal sealed class SandboxData
{
    public List<SandboxAthlete> Athletes { get; } = [];

    public Dictionary<string, List<SandboxSportSettings>> SportSettings { get; } = new(StringComparer.Ordinal);

    public List<SandboxCoaching> Coaching { get; } = [];

    /// <summary>API key → athlete id.</summary>
    public Dictionary<string, string> ApiKeys { get; } = new(StringComparer.Ordinal);

    public List<SandboxActivity> Activities { get; } = [];

    /// <summary>Plans of generated activities (activity id → plan), from which streams are regenerated.</summary>
    public Dictionary<string, ActivityPlan> Plans { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<SandboxWellness>> Wellness { get; } = new(StringComparer.Ordinal);

    public List<SandboxEvent> Events { get; } = [];

    public List<SandboxFolder> Folders { get; } = [];

    public List<SandboxWorkout> Workouts { get; } = [];

    public List<SandboxGear> Gear { get; } = [];

    /// <summary>Folder of a loaded dataset (streams and intervals are read from it on demand).</summary>
    public string? DatasetPath { get; init; }

    /// <summary>The "today" the generated history ends at (null for datasets: the clock decides).</summary>
    public DateOnly? Today { get; init; }
}
