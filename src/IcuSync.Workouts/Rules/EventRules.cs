using System.Globalization;
using IcuSync.Workouts.Formatting;
using IcuSync.Workouts.Totals;

namespace IcuSync.Workouts.Rules;

/// <summary>Rules that compare the text with the event: W102 (declared duration), W103 (distance without an estimate),
/// and W018 (workout syntax in the event name).</summary>
internal static class EventRules
{
    public static void Check(WorkoutTotals totals, WorkoutContext context, FindingCollector findings, SourceSpan declaredAt)
    {
        foreach (var step in totals.Unestimable)
        {
            var length = step.Length is null ? "" : Format(step.Length);
            findings.Add(
                RuleCodes.DistanceNotEstimable,
                step.Span.Line,
                step.Span.Column,
                $"Distance step '{length}' has no time estimate without a threshold pace, so the total duration leaves it out.",
                instruction: "Give the athlete's threshold pace, add an absolute pace target such as '5:00/km Pace', or write the step as a time.");
        }

        if (context.DeclaredDurationSecs is not { } declared || declared <= 0 || totals.Unestimable.Count > 0)
        {
            return;
        }

        var computed = totals.DurationSecs;
        var tolerance = totals.DurationIsEstimated ? Math.Max(60, declared / 10) : 60;
        if (Math.Abs(declared - computed) < tolerance)
        {
            return;
        }

        var declaredClock = WorkoutFormatter.FormatClock(declared);
        var computedClock = WorkoutFormatter.FormatClock(computed);
        var computedMinutes = WorkoutFormatter.FormatClock((int)Math.Round(computed / 60.0) * 60);
        var estimate = totals.DurationIsEstimated ? " (estimated from pace)" : "";
        findings.Add(
            RuleCodes.DeclaredDurationMismatch,
            declaredAt.Line,
            declaredAt.Column,
            $"The declared duration {declaredClock} differs from the {computedClock}{estimate} the steps add up to; Intervals.icu shows the step total, not the declared one.",
            instruction: string.Create(
                CultureInfo.InvariantCulture,
                $"Declare {computedMinutes}, or change the steps so they add up to {declaredClock} (when the exact time matters, one flat step such as '- {WorkoutFormatter.FormatDuration(declared)} Z2 HR' does)."));
    }

    /// <summary>Checks an event name (W018): the name should be short and readable, the syntax belongs in the description.</summary>
    public static IReadOnlyList<RuleFinding> CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var trimmed = name.Trim();
        var tree = WorkoutParser.Parse(trimmed.StartsWith('-') ? trimmed : "- " + trimmed);
        var looksLikeStep = trimmed.StartsWith("- ", StringComparison.Ordinal)
            || tree.Steps.Any(static s => s.Length is not null && (s.Targets.Count > 0 || s.Cue is null));
        if (!looksLikeStep && !trimmed.Contains('\n', StringComparison.Ordinal))
        {
            return [];
        }

        return
        [
            new RuleFinding(
                RuleCodes.NameContainsWorkoutSyntax,
                RuleSeverity.Error,
                1,
                1,
                $"Event name '{trimmed}' contains Workout Builder syntax; the name should be a short readable title and the steps belong in the description.",
                "Use a name such as 'Endurance Run' and move the steps into the description."),
        ];
    }

    private static string Format(StepLength length)
    {
        var builder = new System.Text.StringBuilder();
        WorkoutFormatter.AppendLength(builder, length);
        return builder.ToString();
    }
}
