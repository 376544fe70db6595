using BenchmarkDotNet.Attributes;
using IcuSync.Workouts;

namespace IcuSync.Benchmarks.Workouts;

/// <summary>Parse + check + totals of every day of a 16-week plan text.</summary>
[MemoryDiagnoser]
public class WorkoutPlanBenchmarks
{
    private readonly WorkoutContext context = new("Run", ThresholdPaceSecsPerKm: 270, LthrBpm: 168);
    private string plan = "";

    [GlobalSetup]
    public void Setup()
    {
        plan = WorkoutBenchmarkTexts.SixteenWeekPlan();
        var analysis = WorkoutText.AnalyzePlan(plan, context);
        if (!analysis.IsValid || analysis.Weeks.Count != 16)
        {
            throw new InvalidOperationException("The benchmark plan must be 16 valid weeks.");
        }
    }

    [Benchmark(Description = "AnalyzePlan 16-week plan")]
    public int AnalyzePlan16Weeks() => WorkoutText.AnalyzePlan(plan, context).DurationSecs;
}
