using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using IcuSync.Workouts;

namespace IcuSync.Benchmarks.Workouts;

/// <summary>
/// Parse + check + totals of a 30-line workout (target: under 20 µs and 16 KB per call), and the pieces around it.
/// <c>Analyze</c> computes the canonical text and the workout_doc lazily, so they are measured separately.
/// </summary>
[MemoryDiagnoser]
public class WorkoutTextBenchmarks
{
    private readonly WorkoutContext context = new("Ride", FtpWatts: 250);
    private WorkoutSyntaxTree tree = WorkoutSyntaxTree.Empty;
    private WorkoutAnalysis analysis = null!;

    [GlobalSetup]
    public void Setup()
    {
        tree = WorkoutText.Parse(WorkoutBenchmarkTexts.ThirtyLineWorkout);
        analysis = WorkoutText.Analyze(WorkoutBenchmarkTexts.ThirtyLineWorkout, context);
        if (!analysis.IsValid || analysis.Warnings.Count > 0)
        {
            throw new InvalidOperationException("The benchmark workout must be valid: " + string.Join("; ", analysis.Findings.Select(static f => f.Message)));
        }
    }

    [Benchmark(Baseline = true, Description = "Analyze 30-line workout (parse+check+totals)")]
    public int Analyze30Lines() => WorkoutText.Analyze(WorkoutBenchmarkTexts.ThirtyLineWorkout, context).DurationSecs;

    [Benchmark(Description = "Parse 30-line workout")]
    public WorkoutSyntaxTree Parse30Lines() => WorkoutText.Parse(WorkoutBenchmarkTexts.ThirtyLineWorkout);

    [Benchmark(Description = "Format 30-line workout")]
    public string Format30Lines() => WorkoutText.Format(tree);

    [Benchmark(Description = "workout_doc of 30-line workout")]
    public JsonObject WorkoutDoc30Lines() => analysis.WorkoutDoc;
}
