using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>Load of a period: mean daily load (points per day, rest days included), load per training hour, and the biggest day.</summary>
public sealed record PeriodLoad(double AvgDailyLoad, double? LoadPerHour, int MaxDayLoad, string? MaxDayDate);

/// <summary>
/// Fitness across a period: CTL, ATL and TSB on its first and last day (the last completed day when it runs into the
/// future), and the CTL change. <c>Source</c> says whether Intervals.icu reported the values or IcuSync computed them.
/// </summary>
public sealed record FitnessChange(string StartDate, double CtlStart, string EndDate, double CtlEnd, double AtlEnd, double TsbEnd, double CtlChange, string Source);

/// <summary>One side of a comparison.</summary>
public sealed record ComparedPeriod(
    string Label,
    string Range,
    int Days,
    TrainingTotals Totals,
    WeeklyAverage? WeeklyAverage,
    PeriodZones Zones,
    PeriodLoad Load,
    FitnessChange? Fitness);

/// <summary>Three-zone shares of A minus those of B, in percentage points.</summary>
public sealed record ZoneDelta(double LowPts, double ModeratePts, double HighPts);

/// <summary>
/// A minus B for every compared number; <c>…Pct</c> are relative changes against B (null when B is 0). Weekly figures
/// compare periods of different lengths fairly.
/// </summary>
public sealed record PeriodDeltas(
    int Sessions,
    int DurationS,
    double DistanceKm,
    int ElevationM,
    int Load,
    double? DurationPct,
    double? DistancePct,
    double? LoadPct,
    int? WeeklyDurationS,
    int? WeeklyLoad,
    double AvgDailyLoad,
    double? CtlChange,
    ZoneDelta? Zones);

/// <summary>compare_periods: two ranges side by side and their deltas (A − B).</summary>
public sealed record PeriodComparisonReport(ComparedPeriod PeriodA, ComparedPeriod PeriodB, PeriodDeltas Deltas, IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// Compares two ranges of any length (each up to ten years): totals, weekly averages, zones, load and fitness change,
/// with deltas. Empty ranges give zeros and zones marked unavailable.
/// </summary>
public sealed class PeriodComparison(IntervalsReads reads, FitnessSeries fitness)
{
    public async Task<PeriodComparisonReport> CompareAsync(
        AthleteScope scope, DateRange a, string labelA, DateRange b, string labelB, bool includeFitness, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var unavailable = new List<UnavailableMetric>();
        var periodA = await PeriodAsync(scope, a, labelA, includeFitness, unavailable, "period_a", ct);
        var periodB = await PeriodAsync(scope, b, labelB, includeFitness, unavailable, "period_b", ct);
        return new PeriodComparisonReport(periodA, periodB, Deltas(periodA, periodB), unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>A − B for every number of the two periods.</summary>
    public static PeriodDeltas Deltas(ComparedPeriod a, ComparedPeriod b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double? Pct(double x, double y) => y > 0 ? Math.Round((x - y) * 100 / y, 1) : null;
        var ta = a.Totals;
        var tb = b.Totals;
        ZoneDelta? zones = a.Zones.ThreeZone is { } za && b.Zones.ThreeZone is { } zb
            ? new ZoneDelta(Math.Round(za.LowPct - zb.LowPct, 1), Math.Round(za.ModeratePct - zb.ModeratePct, 1), Math.Round(za.HighPct - zb.HighPct, 1))
            : null;
        return new PeriodDeltas(
            ta.Sessions - tb.Sessions,
            ta.DurationS - tb.DurationS,
            Math.Round(ta.DistanceKm - tb.DistanceKm, 1),
            ta.ElevationM - tb.ElevationM,
            ta.Load - tb.Load,
            Pct(ta.DurationS, tb.DurationS),
            Pct(ta.DistanceKm, tb.DistanceKm),
            Pct(ta.Load, tb.Load),
            a.WeeklyAverage is { } wa && b.WeeklyAverage is { } wb ? wa.DurationS - wb.DurationS : null,
            a.WeeklyAverage is { } la && b.WeeklyAverage is { } lb ? la.Load - lb.Load : null,
            Math.Round(a.Load.AvgDailyLoad - b.Load.AvgDailyLoad, 1),
            a.Fitness is { } fa && b.Fitness is { } fb ? Math.Round(fa.CtlChange - fb.CtlChange, 1) : null,
            zones);
    }

    /// <summary>Mean daily load over the range, load per hour of training and the biggest day.</summary>
    public static PeriodLoad LoadOf(IReadOnlyList<ActivityDto> activities, DateRange range, TrainingTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var loads = PeriodAnalysis.DailyLoads(activities, range);
        var max = 0;
        string? maxDate = null;
        for (var i = 0; i < loads.Length; i++)
        {
            if (loads[i] > max)
            {
                max = (int)Math.Round(loads[i]);
                maxDate = DateRange.Format(range.Start.AddDays(i));
            }
        }

        return new PeriodLoad(
            Math.Round(totals.Load / (double)range.Days, 1),
            totals.DurationS > 0 ? Math.Round(totals.Load / (totals.DurationS / 3600.0), 1) : null,
            max,
            maxDate);
    }

    private async Task<ComparedPeriod> PeriodAsync(
        AthleteScope scope, DateRange range, string label, bool includeFitness, List<UnavailableMetric> unavailable, string name, CancellationToken ct)
    {
        var pastEnd = range.End < scope.Today ? range.End : scope.Today;
        IReadOnlyList<ActivityDto> activities = range.Start <= pastEnd
            ? await TrainingSummaries.ListActivitiesAsync(reads, scope, new DateRange(range.Start, pastEnd), ct)
            : [];
        var inRange = PeriodAnalysis.InRange(activities, range);
        var totals = PeriodAnalysis.TotalsOf(inRange);
        var zones = PeriodAnalysis.ZonesOf(inRange);
        if (zones.Status != "available")
        {
            unavailable.Add(new UnavailableMetric($"{name}.zones", zones.Reason ?? "no zone times"));
        }

        FitnessChange? change = null;
        if (!includeFitness)
        {
            unavailable.Add(new UnavailableMetric($"{name}.fitness", $"this connection has no 'get_fitness' access to {scope.Athlete.Name}"));
        }
        else if (range.Start > scope.Today)
        {
            unavailable.Add(new UnavailableMetric($"{name}.fitness", "the period lies in the future"));
        }
        else
        {
            var first = (await fitness.GetAsync(scope, new DateRange(range.Start, range.Start), ct)).Days[0];
            var lastReport = await fitness.GetAsync(scope, new DateRange(pastEnd, pastEnd), ct);
            var last = lastReport.Days[^1];
            var source = first.Computed != true && last.Computed != true ? FitnessSources.Intervals
                : first.Computed == true && last.Computed == true ? FitnessSources.Computed
                : FitnessSources.Mixed;
            change = new FitnessChange(first.Date, first.Ctl, last.Date, last.Ctl, last.Atl, last.Tsb, Math.Round(last.Ctl - first.Ctl, 1), source);
        }

        return new ComparedPeriod(label, range.ToString(), range.Days, totals, PeriodAnalysis.WeeklyAverageOf(totals, range), zones,
            LoadOf(inRange, range, totals), change);
    }
}
