namespace IcuSync.Workouts.Rules;

/// <summary>Rules that depend on the sport: W005 (bare zones), W012 (cadence outside cycling) and W104 (bare % targets).</summary>
internal static class SportRules
{
    public static void Check(WorkoutSyntaxTree tree, WorkoutContext context, FindingCollector findings)
    {
        var family = WorkoutSports.FamilyOf(context.Sport);
        var blocks = tree.Blocks;
        for (var b = 0; b < blocks.Count; b++)
        {
            var lines = blocks[b].Lines;
            for (var l = 0; l < lines.Count; l++)
            {
                if (lines[l] is WorkoutStep step)
                {
                    CheckStep(step, family, context.Sport, findings);
                }
            }
        }
    }

    private static void CheckStep(WorkoutStep step, SportFamily family, string sport, FindingCollector findings)
    {
        var explicitType = family is SportFamily.Running or SportFamily.Swimming;
        var targets = step.Targets;
        for (var t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            if (target.Span.Line == 0)
            {
                continue;
            }

            var bareZone = explicitType && target.Unit == TargetUnit.PowerZone;
            var barePercent = explicitType && target.Unit == TargetUnit.PercentFtp;
            var offSportCadence = target.Kind == TargetKind.Cadence && family != SportFamily.Cycling;
            if (!bareZone && !barePercent && !offSportCadence)
            {
                continue;
            }

            var written = findings.TextOf(target.Span);
            var suffix = family == SportFamily.Swimming || step.Length?.Kind == StepLengthKind.Distance ? "Pace" : "HR";
            var after = new LineEdit(target.Span.Column + target.Span.Length, 0, " " + suffix);
            if (bareZone)
            {
                findings.Add(
                    RuleCodes.ZoneWithoutHrOrPace,
                    target.Span.Line,
                    target.Span.Column,
                    $"Zone '{written}' in a {sport} workout is read as a power zone; write '{written} HR' or '{written} Pace'.",
                    after);
            }
            else if (barePercent)
            {
                findings.Add(
                    RuleCodes.PercentWithoutTargetType,
                    target.Span.Line,
                    target.Span.Column,
                    $"'{written}' in a {sport} workout is read as % of FTP (power); if you meant heart rate or pace write '{written} HR', '{written} LTHR' or '{written} Pace'.",
                    after);
            }
            else
            {
                findings.Add(
                    RuleCodes.CadenceFormat,
                    target.Span.Line,
                    target.Span.Column,
                    $"Cadence '{written}' is a cycling target; a {sport} workout cannot use it. Remove it or describe it in the cue text.",
                    new LineEdit(target.Span.Column - 1, target.Span.Length + 1, ""));
            }
        }
    }
}
