namespace IcuSync.Workouts.Tests;

public sealed class WorkoutSyntaxGuideTests
{
    [Fact]
    public void Markdown_is_the_docs_page_and_lists_every_rule_code()
    {
        var guide = WorkoutSyntaxGuide.Markdown;

        Assert.StartsWith("# ", guide, StringComparison.Ordinal);
        Assert.All(RuleCodes.All, code => Assert.Contains($"| {code} |", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Guide_examples_in_code_blocks_are_valid_workouts()
    {
        var blocks = WorkoutSyntaxGuide.Markdown.Split("```").Where(static (_, i) => i % 2 == 1).ToList();
        var workouts = blocks.Where(static b => !b.Contains("#WEEK", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(workouts);
        // Each example is written for a ride or for a run; it must be valid for one of them.
        Assert.All(workouts, static block => Assert.True(
            WorkoutText.Analyze(block, new WorkoutContext("Ride")).IsValid
            || WorkoutText.Analyze(block, new WorkoutContext("Run", ThresholdPaceSecsPerKm: 270)).IsValid,
            block));
    }

    [Fact]
    public void Guide_plan_example_adds_up()
    {
        var plan = WorkoutSyntaxGuide.Markdown.Split("```").Single(static b => b.Contains("#WEEK", StringComparison.Ordinal));

        var analysis = WorkoutText.AnalyzePlan(plan, new WorkoutContext("Run"));

        Assert.Empty(analysis.Errors);
        Assert.Empty(analysis.Warnings);
    }
}
