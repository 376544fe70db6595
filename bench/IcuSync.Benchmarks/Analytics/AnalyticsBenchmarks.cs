using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Power;

namespace IcuSync.Benchmarks.Analytics;

/// <summary>
/// A short in-process job: a few minutes for the whole analytics suite, and no per-benchmark project build, which
/// can outrun BenchmarkDotNet's build timeout on a busy two-core machine.
/// </summary>
public sealed class AnalyticsBenchmarkConfig : ManualConfig
{
    public AnalyticsBenchmarkConfig() =>
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcess"));
}

/// <summary>Deterministic synthetic data shared by the analytics benchmarks.</summary>
internal static class AnalyticsData
{
    /// <summary>A 1 Hz ride: tempo with 4-minute efforts every 20 minutes, sprints, coasting and drop-outs.</summary>
    public static double[] Ride(int seconds)
    {
        var random = new Random(20240601);
        var watts = new double[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var phase = i % 1200;
            var baseline = phase < 240 ? 330 : phase < 300 ? 80 : 200;
            var sprint = i % 1800 < 10 ? 650 : 0;
            watts[i] = Math.Max(0, baseline + sprint + (random.NextDouble() * 80) - 40);
            if (random.NextDouble() < 0.01)
            {
                watts[i] = 0;
            }
        }

        return watts;
    }

    /// <summary>Ten years of daily load with rest days.</summary>
    public static double[] DailyLoads(int days)
    {
        var random = new Random(7);
        var loads = new double[days];
        for (var d = 0; d < days; d++)
        {
            loads[d] = d % 7 == 0 ? 0 : 40 + (random.NextDouble() * 120);
        }

        return loads;
    }
}

/// <summary>Mean-max curves: the standard grid over 6 h (target &lt; 5 ms) and every duration over 2 h (target &lt; 300 ms).</summary>
[MemoryDiagnoser]
[Config(typeof(AnalyticsBenchmarkConfig))]
public class AnalyticsMeanMaxBenchmarks
{
    private readonly double[] sixHours = AnalyticsData.Ride(6 * 3600);
    private readonly double[] twoHours = AnalyticsData.Ride(2 * 3600);

    [Benchmark(Description = "Mean-max, standard grid (~90 durations), 6 h at 1 Hz")]
    public MeanMaxCurve StandardGridSixHours() => MeanMax.ComputeStandard(sixHours);

    [Benchmark(Description = "Mean-max, every duration, 2 h at 1 Hz")]
    public MeanMaxCurve FullResolutionTwoHours() => MeanMax.Compute(twoHours);
}

/// <summary>PMC over ten years of days (target &lt; 1 ms).</summary>
[MemoryDiagnoser]
[Config(typeof(AnalyticsBenchmarkConfig))]
public class AnalyticsPmcBenchmarks
{
    private readonly double[] loads = AnalyticsData.DailyLoads(3653);
    private readonly double[] ctl = new double[3653];
    private readonly double[] atl = new double[3653];

    [Benchmark(Description = "PMC, 10 years, day records")]
    public PmcSeries TenYears() => Pmc.Compute(new DateOnly(2015, 1, 1), loads);

    [Benchmark(Description = "PMC, 10 years, into buffers")]
    public double TenYearsIntoBuffers()
    {
        Pmc.Compute(loads, ctl, atl);
        return ctl[^1];
    }
}

/// <summary>W′ balance over 6 h at 1 Hz (target &lt; 2 ms).</summary>
[MemoryDiagnoser]
[Config(typeof(AnalyticsBenchmarkConfig))]
public class AnalyticsWPrimeBalanceBenchmarks
{
    private readonly double[] sixHours = AnalyticsData.Ride(6 * 3600);
    private readonly double[] balance = new double[6 * 3600];

    [Benchmark(Description = "W′bal differential, 6 h, into a buffer")]
    public WPrimeBalanceSummary? DifferentialSixHours() => WPrimeBalance.Compute(sixHours, 260, 20_000, balance);

    [Benchmark(Description = "W′bal Skiba integral, 6 h, into a buffer")]
    public WPrimeBalanceSummary? IntegralSixHours() => WPrimeBalance.Compute(sixHours, 260, 20_000, balance, WPrimeBalanceModel.Integral);

    [Benchmark(Description = "W′bal differential, 6 h, with series array")]
    public WPrimeBalanceResult? DifferentialSixHoursAllocating() => WPrimeBalance.Compute(sixHours, 260, 20_000);
}
