using IcuSync.Workouts.Totals;

namespace IcuSync.Workouts.Rules;

/// <summary>Runs every rule family over a parsed tree and its totals.</summary>
internal static class RuleChecker
{
    public static (IReadOnlyList<RuleFinding> Errors, IReadOnlyList<RuleFinding> Warnings) Check(
        WorkoutSyntaxTree tree,
        WorkoutContext context,
        WorkoutTotals totals,
        SourceSpan declaredAt = default)
    {
        var findings = new FindingCollector(tree);
        LexicalRules.Check(tree, findings);
        SportRules.Check(tree, context, findings);
        StructureRules.Check(tree, findings);
        EventRules.Check(totals, context, findings, declaredAt);
        return findings.Build();
    }
}
