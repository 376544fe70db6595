using System.Globalization;
using IcuSync.Analytics.Distribution;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>How a summary groups days: Monday-to-Sunday weeks or calendar months, both athlete-local.</summary>
public enum SummaryPeriod
{
    Week,
    Month,
}

/// <summary>Totals of one sport within a period. Duration is moving time in seconds.</summary>
public sealed record SportTotals(int Sessions, int DurationS, double DistanceKm, int Load);

/// <summary>
/// Time in three intensity zones (Seiler's model) folded from the zone times Intervals.icu reports per activity,
/// with the shares in percent and the labels from IcuSync.Analytics.
/// </summary>
public sealed record IntensitySplit(
    int LowS,
    int ModerateS,
    int HighS,
    double LowPct,
    double ModeratePct,
    double HighPct,
    string Model,
    double PolarizationIndex,
    int SessionsWithZones);

/// <summary>
/// One period (week or month) of training. <see cref="Partial"/> marks a period cut by the requested range.
/// Strava-imported stubs carry no data through the API: they are counted in <see cref="StravaStubs"/>, never as zeros.
/// </summary>
public sealed record PeriodTotals(
    string Label,
    string Start,
    string End,
    bool? Partial,
    int Sessions,
    int DurationS,
    double DistanceKm,
    int Load,
    int? ElevationM,
    IReadOnlyDictionary<string, SportTotals>? BySport,
    IntensitySplit? Intensity,
    int? StravaStubs);

/// <summary>Per-period averages over the whole periods of a summary.</summary>
public sealed record PeriodAverages(int Periods, double Sessions, int DurationS, double DistanceKm, int Load);

/// <summary>A training summary: one row per period plus the totals of the whole range.</summary>
public sealed record TrainingSummary(
    SummaryPeriod Period,
    DateRange Range,
    IReadOnlyList<PeriodTotals> Periods,
    PeriodTotals Totals,
    PeriodAverages? Average);

/// <summary>
/// Week-by-week or month-by-month training totals (time, distance, load, sessions, per sport) and the three-zone
/// intensity distribution, from the athlete's activities in their local dates.
/// </summary>
public sealed class TrainingSummaries(IntervalsReads reads)
{
    /// <summary>Longest single activity-list request; longer ranges are read in chunks of this many days.</summary>
    public const int ChunkDays = 366;

    /// <summary>
    /// How zones fold into low / moderate / high. Intervals.icu's default power, HR and pace schemes have seven zones:
    /// Z1–Z2 sit below the first threshold, Z3–Z4 between the thresholds, Z5 and above over the second (analytics.md A.11).
    /// </summary>
    public const string IntensityMapping =
        "per activity: power zones, else HR zones, else pace zones; 7-zone schemes Z1–Z2 low, Z3–Z4 moderate, Z5+ high; 5/6-zone schemes Z1–Z2 low, Z3 moderate, Z4+ high";

    public async Task<TrainingSummary> SummarizeAsync(AthleteScope scope, DateRange range, SummaryPeriod period, CancellationToken ct)
    {
        var activities = await ListActivitiesAsync(reads, scope, range, ct);
        return Summarize(activities, range, period);
    }

    /// <summary>Builds the summary from activities already read (any order; activities outside the range are ignored).</summary>
    public static TrainingSummary Summarize(IReadOnlyList<ActivityDto> activities, DateRange range, SummaryPeriod period)
    {
        var byDay = activities
            .Where(a => a.StartDateLocal is not null)
            .GroupBy(a => DateOnly.FromDateTime(a.StartDateLocal!.Value))
            .ToDictionary(g => g.Key, g => g.ToList());
        var periods = new List<PeriodTotals>();
        for (var start = PeriodStart(range.Start, period); start <= range.End; start = NextPeriod(start, period))
        {
            var end = NextPeriod(start, period).AddDays(-1);
            var from = start < range.Start ? range.Start : start;
            var to = end > range.End ? range.End : end;
            var inPeriod = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
                .SelectMany(i => byDay.GetValueOrDefault(from.AddDays(i)) ?? [])
                .ToList();
            periods.Add(Total(Label(start, period), from, to, from != start || to != end, inPeriod));
        }

        var all = activities.Where(a => a.StartDateLocal is { } s && DateOnly.FromDateTime(s) >= range.Start && DateOnly.FromDateTime(s) <= range.End).ToList();
        var totals = Total(range.ToString(), range.Start, range.End, false, all);
        var whole = periods.Where(p => p.Partial != true).ToList();
        var average = whole.Count >= 2
            ? new PeriodAverages(
                whole.Count,
                Math.Round(whole.Average(p => p.Sessions), 1),
                (int)Math.Round(whole.Average(p => p.DurationS)),
                Math.Round(whole.Average(p => p.DistanceKm), 1),
                (int)Math.Round(whole.Average(p => p.Load)))
            : null;
        return new TrainingSummary(period, range, periods, totals, average);
    }

    /// <summary>The first day of the period that contains <paramref name="day"/> (a Monday, or the 1st of the month).</summary>
    public static DateOnly PeriodStart(DateOnly day, SummaryPeriod period) => period == SummaryPeriod.Month
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The default range: the current week and the 11 before it, or the current month and the 2 before it, up to today.</summary>
    public static DateRange DefaultRange(DateOnly today, SummaryPeriod period) => period == SummaryPeriod.Month
        ? new DateRange(PeriodStart(today, period).AddMonths(-2), today)
        : new DateRange(PeriodStart(today, period).AddDays(-7 * 11), today);

    /// <summary>Reads a long range of activities in chunks of at most <see cref="ChunkDays"/> days, oldest chunk first.</summary>
    public static async Task<IReadOnlyList<ActivityDto>> ListActivitiesAsync(IntervalsReads reads, AthleteScope scope, DateRange range, CancellationToken ct)
    {
        var all = new List<ActivityDto>();
        for (var from = range.Start; from <= range.End; from = from.AddDays(ChunkDays))
        {
            var to = from.AddDays(ChunkDays - 1);
            all.AddRange(await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, from, to > range.End ? range.End : to, ct));
        }

        // The chunks cover disjoint whole days, so no activity is listed twice.
        return all;
    }

    /// <summary>Low / moderate / high seconds of one activity from its power, else HR, else pace zone times.</summary>
    public static IntensityDistribution? ThreeZones(ActivityDto activity)
    {
        if (activity.IsStravaStub)
        {
            return null;
        }

        var power = PowerZoneSeconds(activity.ZoneTimes);
        return Fold(power) ?? Fold(Seconds(activity.HrZoneTimes)) ?? Fold(Seconds(activity.PaceZoneTimes));
    }

    private static PeriodTotals Total(string label, DateOnly from, DateOnly to, bool partial, List<ActivityDto> activities)
    {
        var usable = activities.Where(a => !a.IsStravaStub).ToList();
        var stubs = activities.Count - usable.Count;
        var bySport = usable
            .GroupBy(a => a.Type ?? "Other")
            .OrderByDescending(g => g.Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0))
            .ToDictionary(
                g => g.Key,
                g => new SportTotals(g.Count(), g.Sum(Duration), Distance(g), g.Sum(a => a.TrainingLoad ?? 0)),
                StringComparer.Ordinal);
        double low = 0, moderate = 0, high = 0;
        var withZones = 0;
        foreach (var activity in usable)
        {
            if (ThreeZones(activity) is { } split)
            {
                low += split.LowSeconds;
                moderate += split.ModerateSeconds;
                high += split.HighSeconds;
                withZones++;
            }
        }

        var distribution = TrainingIntensity.FromThreeZones(low, moderate, high);
        var elevation = usable.Sum(a => a.TotalElevationGain ?? 0);
        return new PeriodTotals(
            label,
            DateRange.Format(from),
            DateRange.Format(to),
            partial ? true : null,
            usable.Count,
            usable.Sum(Duration),
            Distance(usable),
            usable.Sum(a => a.TrainingLoad ?? 0),
            elevation > 0 ? (int)Math.Round(elevation) : null,
            bySport.Count > 0 ? bySport : null,
            distribution is null ? null : new IntensitySplit(
                (int)Math.Round(distribution.LowSeconds),
                (int)Math.Round(distribution.ModerateSeconds),
                (int)Math.Round(distribution.HighSeconds),
                Math.Round(distribution.LowFraction * 100, 1),
                Math.Round(distribution.ModerateFraction * 100, 1),
                Math.Round(distribution.HighFraction * 100, 1),
                distribution.Model.ToString().ToLowerInvariant(),
                Math.Round(distribution.PolarizationIndex, 2),
                withZones),
            stubs > 0 ? stubs : null);
    }

    private static int Duration(ActivityDto a) => a.MovingTime ?? a.ElapsedTime ?? 0;

    private static double Distance(IEnumerable<ActivityDto> activities) =>
        Math.Round(activities.Sum(a => a.BestDistance ?? 0) / 1000, 1);

    private static string Label(DateOnly start, SummaryPeriod period) => period == SummaryPeriod.Month
        ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}");

    private static DateOnly NextPeriod(DateOnly start, SummaryPeriod period) =>
        period == SummaryPeriod.Month ? start.AddMonths(1) : start.AddDays(7);

    private static double[]? PowerZoneSeconds(IReadOnlyList<ZoneTimeDto>? zones)
    {
        if (zones is not { Count: > 0 })
        {
            return null;
        }

        // Zone ids are Z1…Z7 plus SS (sweet spot, which overlaps Z3/Z4 and must not be counted twice).
        var seconds = new SortedDictionary<int, double>();
        foreach (var zone in zones)
        {
            if (zone.Id is { Length: >= 2 } id && (id[0] == 'Z' || id[0] == 'z')
                && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
            {
                seconds[number] = seconds.GetValueOrDefault(number) + (zone.Secs ?? 0);
            }
        }

        if (seconds.Count == 0)
        {
            return null;
        }

        var result = new double[seconds.Keys.Max()];
        foreach (var (number, secs) in seconds)
        {
            result[number - 1] = secs;
        }

        return result;
    }

    private static double[]? Seconds<T>(IReadOnlyList<T?>? values)
        where T : struct, IConvertible =>
        values is { Count: > 0 } ? [.. values.Select(v => v is { } x ? x.ToDouble(CultureInfo.InvariantCulture) : 0)] : null;

    private static IntensityDistribution? Fold(double[]? zoneSeconds)
    {
        if (zoneSeconds is null || zoneSeconds.Length < 3 || !(zoneSeconds.Sum() > 0))
        {
            return null;
        }

        var mapping = zoneSeconds.Length >= 7 ? ThreeZoneMapping.CogganSevenZones
            : zoneSeconds.Length >= 5 ? ThreeZoneMapping.FiveZones
            : ThreeZoneMapping.ThreeZones;
        return TrainingIntensity.FromZoneTimes(zoneSeconds, mapping);
    }
}
