using IcuSync.Workouts.Formatting;
using IcuSync.Workouts.Rules;
using IcuSync.Workouts.Totals;

namespace IcuSync.Workouts;

/// <summary>
/// The entry point for Intervals.icu Workout Builder text: parse, check against the pre-submission rules, total, format
/// canonically and map to workout_doc. None of these throw on any input text.
/// </summary>
public static class WorkoutText
{
    /// <summary>Parses, checks and totals a workout text in one call. Never throws on any text.</summary>
    /// <param name="text">The workout description; null is treated as empty.</param>
    /// <param name="context">Sport, thresholds and the declared duration; null means a ride with no thresholds.</param>
    public static WorkoutAnalysis Analyze(string? text, WorkoutContext context) => Analyze(text, context, 1, default);

    /// <summary>Parses a workout text into a syntax tree with line and column positions. Never throws on any text.</summary>
    /// <param name="text">The workout description; null is treated as empty.</param>
    public static WorkoutSyntaxTree Parse(string? text) => WorkoutParser.Parse(text);

    /// <summary>Prints a tree as canonical Workout Builder text (blank lines around blocks, normalised units and keywords).</summary>
    /// <param name="tree">A parsed tree or one built in code.</param>
    public static string Format(WorkoutSyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return WorkoutFormatter.Format(tree);
    }

    /// <summary>Formats a text canonically (parse then format).</summary>
    /// <param name="text">The workout description.</param>
    public static string Format(string? text) => WorkoutFormatter.Format(WorkoutParser.Parse(text));

    /// <summary>Checks an event name: it should be a short readable title, not Workout Builder syntax (rule W018).</summary>
    /// <param name="name">The event name (Intervals.icu <c>name</c>, the tools' <c>new_name</c>).</param>
    public static IReadOnlyList<RuleFinding> CheckEventName(string? name) => EventRules.CheckName(name);

    /// <summary>Analyses a plan text of weeks (<c>#WEEK 1</c>) and days (<c>Monday, 0:45, Recovery Run</c>), each day's
    /// steps checked as a workout against its declared duration. Never throws on any text.</summary>
    /// <param name="text">The plan text.</param>
    /// <param name="context">The default sport and thresholds; a day whose name names a sport (Run, Ride, Swim…) uses that sport.</param>
    public static WorkoutPlanAnalysis AnalyzePlan(string? text, WorkoutContext context) =>
        Plans.PlanReader.Analyze(text ?? "", context ?? WorkoutContext.Default);

    internal static WorkoutAnalysis Analyze(string? text, WorkoutContext? context, int firstLine, SourceSpan declaredAt)
    {
        context ??= WorkoutContext.Default;
        var tree = WorkoutParser.Parse(text, firstLine);
        var totals = WorkoutTotals.Compute(tree, context);
        var (errors, warnings) = RuleChecker.Check(tree, context, totals, declaredAt);
        return new WorkoutAnalysis(tree, context, totals, errors, warnings);
    }
}
