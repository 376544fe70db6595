using System.Collections.Immutable;
using IcuSync.Analytics.Endurance;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Power;

namespace IcuSync.Analytics.Streams;

/// <summary>The 1 Hz streams of one activity. An empty stream means the activity did not record it.</summary>
public sealed record ActivityStreams
{
    /// <summary>Power in watts.</summary>
    public ReadOnlyMemory<double> Watts { get; init; }

    /// <summary>Heart rate in bpm.</summary>
    public ReadOnlyMemory<double> HeartRate { get; init; }

    /// <summary>Speed in m/s (Intervals.icu's <c>velocity_smooth</c>).</summary>
    public ReadOnlyMemory<double> Speed { get; init; }

    /// <summary>Cadence in rpm (or steps per minute).</summary>
    public ReadOnlyMemory<double> Cadence { get; init; }

    /// <summary>Altitude in metres.</summary>
    public ReadOnlyMemory<double> Altitude { get; init; }

    /// <summary>Distance from the start in metres.</summary>
    public ReadOnlyMemory<double> Distance { get; init; }

    /// <summary>The activity length in seconds: the longest stream.</summary>
    public int DurationSeconds =>
        Math.Max(Math.Max(Math.Max(Watts.Length, HeartRate.Length), Math.Max(Speed.Length, Cadence.Length)), Math.Max(Altitude.Length, Distance.Length));
}

/// <summary>Which stream a load figure came from.</summary>
public enum LoadSource
{
    /// <summary>Power: hours × (NP/FTP)² × 100.</summary>
    Power,

    /// <summary>Pace: moving hours × (speed/threshold speed)² × 100.</summary>
    Pace,

    /// <summary>Heart rate: HRSS (TRIMP normalised so one hour at LTHR is 100).</summary>
    HeartRate,
}

/// <summary>What to compute for an activity, and the athlete's anchors.</summary>
public sealed record ActivityAnalysisOptions
{
    /// <summary>Headline mean-max durations in seconds, used when <see cref="MeanMaxDurations"/> is empty.</summary>
    public static ImmutableArray<int> DefaultMeanMaxDurations { get; } = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 5400, 7200];

    /// <summary>FTP in watts, for IF, power load and zones in percent.</summary>
    public double? Ftp { get; init; }

    /// <summary>CP in watts for W′ balance.</summary>
    public double? CriticalPower { get; init; }

    /// <summary>W′ in joules for W′ balance.</summary>
    public double? WPrime { get; init; }

    /// <summary>Heart-rate anchors for TRIMP/HRSS.</summary>
    public HeartRateProfile? HeartRateProfile { get; init; }

    /// <summary>Threshold speed in m/s for pace load.</summary>
    public double? ThresholdSpeed { get; init; }

    /// <summary>Power zone tops in watts (k tops, k + 1 zones); empty for no zone times.</summary>
    public ImmutableArray<double> PowerZoneTops { get; init; } = [];

    /// <summary>Mean-max durations in seconds; the headline set when empty.</summary>
    public ImmutableArray<int> MeanMaxDurations { get; init; } = [];

    /// <summary>Best-effort duration in seconds; null for none.</summary>
    public int? BestEffortSeconds { get; init; }

    /// <summary>How many best efforts to find.</summary>
    public int BestEffortCount { get; init; } = 3;

    /// <summary>The W′ balance model.</summary>
    public WPrimeBalanceModel WPrimeBalanceModel { get; init; } = WPrimeBalanceModel.Differential;

    /// <summary>Repair lone zero power samples and clamp drop-outs before analysis (on by default).</summary>
    public bool RepairPowerDropouts { get; init; } = true;
}

/// <summary>Everything the stream analysis found for one activity. Null means "not computable from what was given".</summary>
/// <param name="DurationSeconds">Activity length in seconds.</param>
/// <param name="Power">Average power, NP, IF, power load, VI and work; null without a power stream.</param>
/// <param name="Load">The activity's load in TSS points, from the first usable source: power, then pace, then heart rate.</param>
/// <param name="LoadSource">Where <paramref name="Load"/> came from.</param>
/// <param name="AverageHeartRate">Mean of heart-rate samples above 0, in bpm.</param>
/// <param name="HeartRateLoad">TRIMP and HRSS; null without a heart-rate stream and profile.</param>
/// <param name="PaceLoad">Pace load; null without a speed stream and threshold speed.</param>
/// <param name="EfficiencyFactor">NP / average HR (W/bpm) with power; average moving speed / average HR ((m/s)/bpm) without.</param>
/// <param name="Decoupling">Aerobic decoupling of power (or speed) against heart rate, halves by sample count.</param>
/// <param name="PowerCurve">Raw mean-max power at the requested durations, in watts.</param>
/// <param name="HeartRateCurve">Raw mean-max heart rate at the requested durations, in bpm.</param>
/// <param name="TimeInPowerZones">Seconds per power zone; null without zone tops.</param>
/// <param name="BestEfforts">Non-overlapping best power efforts; empty when not requested.</param>
/// <param name="WPrimeBalance">W′ balance summary; null without CP and W′.</param>
public sealed record ActivityAnalysis(
    int DurationSeconds,
    PowerSummary? Power,
    double? Load,
    LoadSource? LoadSource,
    double? AverageHeartRate,
    HeartRateLoadResult? HeartRateLoad,
    PaceLoad? PaceLoad,
    double? EfficiencyFactor,
    DecouplingResult? Decoupling,
    MeanMaxCurve? PowerCurve,
    MeanMaxCurve? HeartRateCurve,
    ImmutableArray<double>? TimeInPowerZones,
    ImmutableArray<BestEffort> BestEfforts,
    WPrimeBalanceSummary? WPrimeBalance);

/// <summary>
/// One call that computes the per-activity metrics from 1 Hz streams: the shape behind the offline
/// <c>icusync analyze stream</c> command and the extended-metrics tool.
/// </summary>
public static class ActivityAnalyzer
{
    /// <summary>Analyses an activity.</summary>
    /// <param name="streams">The 1 Hz streams.</param>
    /// <param name="options">Athlete anchors and requests; defaults when null.</param>
    public static ActivityAnalysis Analyze(ActivityStreams streams, ActivityAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        options ??= new ActivityAnalysisOptions();
        var durations = options.MeanMaxDurations.IsDefaultOrEmpty ? ActivityAnalysisOptions.DefaultMeanMaxDurations : options.MeanMaxDurations;

        double[]? watts = null;
        if (!streams.Watts.IsEmpty)
        {
            watts = streams.Watts.ToArray();
            if (options.RepairPowerDropouts)
            {
                StreamPreparation.RepairPowerDropouts(watts);
            }
        }

        var heartRate = streams.HeartRate.Span;
        var speed = streams.Speed.Span;

        var power = watts is null ? null : PowerMetrics.Summarize(watts, options.Ftp);
        double? averageHeartRate = heartRate.IsEmpty ? null : AerobicDecoupling.AverageHeartRate(heartRate);
        var heartRateLoad = !heartRate.IsEmpty && options.HeartRateProfile is { } profile ? HeartRateLoad.Compute(heartRate, profile) : null;
        var paceLoad = !speed.IsEmpty && options.ThresholdSpeed is { } threshold ? TrainingLoad.FromPaceStream(speed, threshold) : null;

        double? load = null;
        LoadSource? source = null;
        if (power?.Load is { } powerLoad)
        {
            (load, source) = (powerLoad, Streams.LoadSource.Power);
        }
        else if (paceLoad is not null)
        {
            (load, source) = (paceLoad.Load, Streams.LoadSource.Pace);
        }
        else if (heartRateLoad?.Hrss is { } hrss)
        {
            (load, source) = (hrss, Streams.LoadSource.HeartRate);
        }

        double? efficiency = null;
        DecouplingResult? decoupling = null;
        if (averageHeartRate is { } hr)
        {
            if (watts is not null)
            {
                efficiency = power?.NormalizedPower is { } np ? AerobicDecoupling.EfficiencyFactor(np, hr) : null;
                decoupling = SameLength(watts, heartRate) ? AerobicDecoupling.Compute(watts, heartRate) : null;
            }
            else if (!speed.IsEmpty)
            {
                efficiency = MovingAverage(speed) is { } averageSpeed ? AerobicDecoupling.EfficiencyFactor(averageSpeed, hr) : null;
                decoupling = SameLength(speed, heartRate) ? AerobicDecoupling.Compute(speed, heartRate) : null;
            }
        }

        var powerCurve = watts is null ? null : MeanMax.Compute(watts, durations.AsSpan());
        var heartRateCurve = heartRate.IsEmpty ? null : MeanMax.Compute(heartRate, durations.AsSpan());
        ImmutableArray<double>? zones = watts is not null && !options.PowerZoneTops.IsDefaultOrEmpty
            ? Distribution.ZoneTimes.Compute(watts, options.PowerZoneTops.AsSpan())
            : null;
        var bestEfforts = watts is not null && options.BestEffortSeconds is { } effortSeconds
            ? Power.BestEfforts.Find(watts, effortSeconds, options.BestEffortCount)
            : [];
        var wbal = watts is not null && options.CriticalPower is { } cp && options.WPrime is { } wPrime
            ? WPrimeBalanceSummaryOf(watts, cp, wPrime, options.WPrimeBalanceModel)
            : null;

        return new ActivityAnalysis(
            streams.DurationSeconds,
            power,
            load,
            source,
            averageHeartRate,
            heartRateLoad,
            paceLoad,
            efficiency,
            decoupling,
            powerCurve,
            heartRateCurve,
            zones,
            bestEfforts,
            wbal);
    }

    private static WPrimeBalanceSummary? WPrimeBalanceSummaryOf(double[] watts, double cp, double wPrime, WPrimeBalanceModel model)
    {
        var buffer = new double[watts.Length];
        return WPrimeBalance.Compute(watts, cp, wPrime, buffer, model);
    }

    private static bool SameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a.Length == b.Length;

    private static double? MovingAverage(ReadOnlySpan<double> speed)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var sample in speed)
        {
            var value = SampleValue.Output(sample);
            if (value > 0)
            {
                sum += value;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }
}
