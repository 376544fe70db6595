using System.Text.Json.Nodes;
using IcuSync.Workouts.Formatting;
using IcuSync.Workouts.Interop;
using IcuSync.Workouts.Totals;

namespace IcuSync.Workouts;

/// <summary>Everything IcuSync knows about one workout text: the tree, the rule findings, the totals, the canonical text
/// and the Intervals.icu workout_doc.</summary>
public sealed class WorkoutAnalysis
{
    private readonly WorkoutTotals totals;
    private string? canonical;

    internal WorkoutAnalysis(
        WorkoutSyntaxTree tree,
        WorkoutContext context,
        WorkoutTotals totals,
        IReadOnlyList<RuleFinding> errors,
        IReadOnlyList<RuleFinding> warnings)
    {
        Tree = tree;
        Context = context;
        this.totals = totals;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The parsed text.</summary>
    public WorkoutSyntaxTree Tree { get; }

    /// <summary>The context the text was checked against.</summary>
    public WorkoutContext Context { get; }

    /// <summary>Problems that make Intervals.icu store the workout wrongly; writes are refused while any is present.</summary>
    public IReadOnlyList<RuleFinding> Errors { get; }

    /// <summary>Problems that are accepted but probably unintended.</summary>
    public IReadOnlyList<RuleFinding> Warnings { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Total duration in seconds, repeats expanded, including the estimated time of distance steps when it can be estimated.</summary>
    public int DurationSecs => totals.DurationSecs;

    /// <summary>Total distance of distance steps in meters, repeats expanded (0 for a time-based workout).</summary>
    public double DistanceMeters => totals.DistanceMeters;

    /// <summary>True when <see cref="DurationSecs"/> includes time estimated from pace for distance steps.</summary>
    public bool DurationIsEstimated => totals.DurationIsEstimated;

    /// <summary>Estimated training load (hours × IF² × 100), or null without the threshold the workout's target type needs
    /// (FTP for power, threshold pace for pace, LTHR for heart rate).</summary>
    public double? EstimatedLoad => totals.EstimatedLoad;

    /// <summary>Estimated intensity factor as a fraction (0.82 = 82 % of threshold), or null as for <see cref="EstimatedLoad"/>.</summary>
    public double? IntensityFactor => totals.IntensityFactor;

    /// <summary>Normalized power in watts estimated from the step targets, for power workouts with an FTP; otherwise null.</summary>
    public double? NormalizedPowerWatts => totals.NormalizedPowerWatts;

    /// <summary><c>POWER</c>, <c>PACE</c> or <c>HR</c>: the target type that drives the load, as in workout_doc's <c>target</c>; null when no step has a target.</summary>
    public string? TargetType => totals.TargetType;

    /// <summary>The number of steps with a duration or distance, repeats expanded.</summary>
    public int StepCount => totals.StepCount;

    /// <summary>The canonical Workout Builder text of the tree.</summary>
    public string Canonical => canonical ??= WorkoutFormatter.Format(Tree);

    /// <summary>The Intervals.icu workout_doc for the text. A new object is built on each access, so callers may attach it to their own JSON.</summary>
    public JsonObject WorkoutDoc => WorkoutDocMapper.Map(Tree, Context, totals);

    /// <summary>Errors then warnings.</summary>
    public IEnumerable<RuleFinding> Findings => Errors.Concat(Warnings);
}
