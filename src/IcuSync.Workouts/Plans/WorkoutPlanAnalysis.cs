namespace IcuSync.Workouts;

/// <summary>One day of a plan.</summary>
/// <param name="Week">The week number from the nearest <c>#WEEK n</c> line above, or 0 when there is none.</param>
/// <param name="Day">The day as written (<c>Monday</c>).</param>
/// <param name="Line">The 1-based line of the day line.</param>
/// <param name="Name">The workout name after the duration, or null.</param>
/// <param name="DeclaredDurationSecs">The declared duration (<c>0:45</c> → 2700 s), or null for a rest day or when absent.</param>
/// <param name="Sport">The sport the day was checked as: named in the workout name (Run, Ride, Swim, …) or the plan's default.</param>
/// <param name="Analysis">The analysis of the day's steps, or null for a rest day.</param>
public sealed record PlannedWorkout(
    int Week,
    string Day,
    int Line,
    string? Name,
    int? DeclaredDurationSecs,
    string Sport,
    WorkoutAnalysis? Analysis)
{
    /// <summary>True for a rest day (<c>Wednesday, REST</c>).</summary>
    public bool IsRest => Analysis is null;
}

/// <summary>One week of a plan.</summary>
/// <param name="Number">The week number.</param>
/// <param name="Line">The 1-based line of the <c>#WEEK n</c> header, or 0 for days before any header.</param>
/// <param name="Workouts">The days in the week, in written order.</param>
/// <param name="DurationSecs">The computed total of the week's workouts in seconds.</param>
/// <param name="DeclaredDurationSecs">The <c>Time:</c> under <c>Weekly totals:</c> in seconds, or null.</param>
public sealed record PlanWeek(int Number, int Line, IReadOnlyList<PlannedWorkout> Workouts, int DurationSecs, int? DeclaredDurationSecs);

/// <summary>The result of checking a multi-week plan text. Line numbers in findings refer to the plan text.</summary>
public sealed class WorkoutPlanAnalysis
{
    internal WorkoutPlanAnalysis(IReadOnlyList<PlanWeek> weeks, IReadOnlyList<RuleFinding> errors, IReadOnlyList<RuleFinding> warnings)
    {
        Weeks = weeks;
        Errors = errors;
        Warnings = warnings;
        Workouts = weeks.SelectMany(static w => w.Workouts).ToArray();
        DurationSecs = (int)Math.Min(weeks.Sum(static w => (long)w.DurationSecs), int.MaxValue);
        DistanceMeters = Workouts.Sum(static w => w.Analysis?.DistanceMeters ?? 0);
    }

    /// <summary>The weeks in written order.</summary>
    public IReadOnlyList<PlanWeek> Weeks { get; }

    /// <summary>Every day of every week in written order.</summary>
    public IReadOnlyList<PlannedWorkout> Workouts { get; }

    /// <summary>All errors, by plan line.</summary>
    public IReadOnlyList<RuleFinding> Errors { get; }

    /// <summary>All warnings, by plan line.</summary>
    public IReadOnlyList<RuleFinding> Warnings { get; }

    /// <summary>True when no day has an error.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Total duration of all workouts in seconds.</summary>
    public int DurationSecs { get; }

    /// <summary>Total distance of all workouts in meters.</summary>
    public double DistanceMeters { get; }
}
