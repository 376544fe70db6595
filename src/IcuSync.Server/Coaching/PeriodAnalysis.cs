using System.Globalization;
using IcuSync.Analytics.Distribution;
using IcuSync.Analytics.Load;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// Totals of the usable (non-Strava) activities of a range: sessions, moving time (s), distance (km), elevation gain (m)
/// and training load, per sport too. An empty range gives zeros, never nulls.
/// </summary>
public sealed record TrainingTotals(
    int Sessions,
    int DurationS,
    double DistanceKm,
    int ElevationM,
    int Load,
    IReadOnlyDictionary<string, SportTotals>? BySport,
    int? StravaStubs);

/// <summary>The period's totals per week: totals divided by the range's length in weeks (days / 7).</summary>
public sealed record WeeklyAverage(double Weeks, double Sessions, int DurationS, double DistanceKm, int ElevationM, int Load);

/// <summary>Seconds in one zone (summed over the period's activities) and its share of the zone time.</summary>
public sealed record ZoneSeconds(string Zone, int TimeS, double SharePct);

/// <summary>
/// Time in zones over a period: the three-zone split (low/moderate/high) and the summed power and HR zone times as
/// Intervals.icu computed them per activity. <c>Status</c> is <c>available</c>, or <c>unavailable</c> with the reason.
/// </summary>
public sealed record PeriodZones(
    string Status,
    string? Reason,
    IntensitySplit? ThreeZone,
    IReadOnlyList<ZoneSeconds>? Power,
    IReadOnlyList<ZoneSeconds>? Hr,
    string? Mapping);

/// <summary>
/// The acute:chronic workload ratio (EWMA 7/28 days over daily load) on <c>AsOf</c>, with its descriptive band:
/// under 0.8 underloaded, up to 1.3 productive, up to 1.5 watch, above overreaching. Loads in points per day.
/// </summary>
public sealed record AcwrView(string AsOf, double? Ratio, string? State, double AcuteLoadPerDay, double ChronicLoadPerDay, int DaysUsed, string Method);

/// <summary>Foster monotony (mean / SD of the 7 daily loads) and strain (weekly load × monotony) of the 7 days ending <c>AsOf</c>.</summary>
public sealed record MonotonyView(string Window, int WeeklyLoad, double? Monotony, double? Strain, string? Flag);

/// <summary>
/// IcuSync's stress tolerance: this week's Foster strain against the mean strain of the three weeks before it.
/// Ratio up to 1.0 is within recent tolerance, up to 1.25 stretching it, above beyond it.
/// </summary>
public sealed record StressToleranceView(double? StrainThisWeek, double? StrainPriorWeeksMean, double? Ratio, string? State, string Definition);

/// <summary>The load picture at the end of a period (or today, when the period runs into the future).</summary>
public sealed record LoadContext(
    string AsOf,
    AcwrView? Acwr,
    MonotonyView? Monotony,
    StressToleranceView? StressTolerance,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>One week (Monday–Sunday) or month of the period.</summary>
public sealed record TrendRow(string Label, string Start, string End, bool? Partial, int Sessions, int DurationS, double DistanceKm, int Load);

/// <summary>
/// How load moved through the period: one row per week (months beyond 26 weeks), the least-squares slope of the whole
/// weeks' load (points per week) with its direction (flat when under 5 % of the mean weekly load), and the second
/// half's load against the first half's.
/// </summary>
public sealed record PeriodTrend(
    string Resolution,
    IReadOnlyList<TrendRow> Rows,
    double? LoadSlopePerWeek,
    string? Direction,
    double? SecondHalfLoadChangePct,
    string? Note);

/// <summary>One calendar item of the period, with its id so it can be edited.</summary>
public sealed record PeriodEventRow(
    long Id,
    string Date,
    string Category,
    string? Name,
    string? Sport,
    int? DurationS,
    double? DistanceKm,
    int? Load,
    string? PairedActivityId);

/// <summary>The calendar items of the period and the totals of its planned workouts.</summary>
public sealed record PeriodCalendar(int Events, PlannedTotals Planned, IReadOnlyList<PeriodEventRow> Items, string? Note);

/// <summary>One activity of the period as a compact row; <c>Intervals</c> is Intervals.icu's interval summary (analysis_type intervals).</summary>
public sealed record PeriodActivityRow(
    string Id,
    string Date,
    string? Sport,
    string? Name,
    int? DurationS,
    double? DistanceKm,
    int? ElevationM,
    int? Load,
    double? If,
    int? AvgPowerW,
    int? AvgHrBpm,
    string? Pace,
    IReadOnlyList<string>? Intervals,
    string? Note);

/// <summary>Everything analyze_training reports for a period.</summary>
public sealed record PeriodReport(
    string Range,
    int Days,
    TrainingTotals Totals,
    WeeklyAverage? WeeklyAverage,
    PeriodZones Zones,
    LoadContext? LoadContext,
    PeriodTrend? Trends,
    PeriodCalendar? Calendar,
    IReadOnlyList<PeriodActivityRow> Activities,
    int? ActivitiesNotListed,
    IReadOnlyList<SessionStreams>? KeySessionStreams,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// Period analysis for analyze_training and compare_periods: totals, weekly average, zones, load context (ACWR,
/// monotony, strain, stress tolerance), trends, the calendar and the activities of a range of athlete-local dates.
/// </summary>
public sealed class PeriodAnalysis(IntervalsReads reads, CalendarEvents calendar, SessionAnalysis sessions)
{
    /// <summary>Days of daily load read before the load-context day: the EWMA chronic window (28 days) twice over, so its seed has faded.</summary>
    public const int LoadHistoryDays = 56;

    /// <summary>Activities listed per period; the rest are counted in <see cref="PeriodReport.ActivitiesNotListed"/>.</summary>
    public const int MaxActivityRows = 60;

    /// <summary>Calendar items listed per period.</summary>
    public const int MaxEventRows = 80;

    /// <summary>Sessions whose streams are summarised when a period is analysed with analysis_type streams (highest load first).</summary>
    public const int StreamSessions = 3;

    /// <summary>Weeks shown one row each; longer periods are shown by month.</summary>
    public const int MaxWeekRows = 26;

    /// <summary>How <see cref="StressToleranceView"/> is computed, for results.</summary>
    public const string StressToleranceDefinition =
        "Foster strain of the last 7 days ÷ mean strain of the three 7-day windows before it; ≤1.0 within, ≤1.25 stretching, >1.25 beyond recent tolerance";

    /// <summary>
    /// Analyses <paramref name="range"/>. <paramref name="includeCalendar"/> and <paramref name="includeStreams"/> say whether the
    /// connection may read the calendar (get_events) and activity streams (get_activity_detail); what it may not read is reported unavailable.
    /// </summary>
    public async Task<PeriodReport> AnalyzeAsync(AthleteScope scope, DateRange range, string analysisType, bool includeCalendar, bool includeStreams, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var unavailable = new List<UnavailableMetric>();
        var asOf = range.End < scope.Today ? range.End : scope.Today;
        var readFrom = range.Start < asOf.AddDays(-(LoadHistoryDays - 1)) ? range.Start : asOf.AddDays(-(LoadHistoryDays - 1));
        var readTo = range.End < scope.Today ? range.End : scope.Today;
        IReadOnlyList<ActivityDto> all = readFrom <= readTo
            ? await TrainingSummaries.ListActivitiesAsync(reads, scope, new DateRange(readFrom, readTo), ct)
            : [];
        var inRange = InRange(all, range);

        var totals = TotalsOf(inRange);
        var weekly = WeeklyAverageOf(totals, range);
        if (weekly is null)
        {
            unavailable.Add(new UnavailableMetric("weekly_average", "the period is shorter than 7 days"));
        }

        var zones = ZonesOf(inRange);
        LoadContext? load = null;
        if (range.Start > scope.Today)
        {
            unavailable.Add(new UnavailableMetric("load_context", "the period lies in the future; there is no completed training to measure"));
        }
        else
        {
            load = LoadContextOf(all, asOf);
        }

        var trend = TrendOf(inRange, range);
        if (trend.LoadSlopePerWeek is null)
        {
            unavailable.Add(new UnavailableMetric("trends.load_slope_per_week", "fewer than 3 whole weeks in the period"));
        }

        PeriodCalendar? events = null;
        if (includeCalendar)
        {
            events = await CalendarOfAsync(scope, range, ct);
        }
        else
        {
            unavailable.Add(new UnavailableMetric("calendar", $"this connection has no 'get_events' access to {scope.Athlete.Name}"));
        }

        var rows = inRange
            .OrderByDescending(a => a.StartDateLocal)
            .Take(MaxActivityRows)
            .Select(a => Row(a, analysisType == "intervals"))
            .ToList();

        List<SessionStreams>? streams = null;
        if (analysisType == "streams" && !includeStreams)
        {
            unavailable.Add(new UnavailableMetric("key_session_streams", $"this connection has no 'get_activity_detail' access to {scope.Athlete.Name}"));
        }
        else if (analysisType == "streams")
        {
            streams = [];
            foreach (var activity in inRange.Where(a => !a.IsStravaStub && a.Id is not null)
                         .OrderByDescending(a => a.TrainingLoad ?? 0).ThenByDescending(a => a.StartDateLocal).Take(StreamSessions))
            {
                streams.Add(await sessions.StreamsAsync(scope, activity, ct));
            }

            if (streams.Count == 0)
            {
                unavailable.Add(new UnavailableMetric("key_session_streams", "no activity with streams in the period"));
            }
        }

        var notListed = inRange.Count - rows.Count;
        return new PeriodReport(
            range.ToString(),
            range.Days,
            totals,
            weekly,
            zones,
            load,
            trend,
            events,
            rows,
            notListed > 0 ? notListed : null,
            streams,
            unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>The activities of a range (local start dates), stubs included.</summary>
    public static List<ActivityDto> InRange(IReadOnlyList<ActivityDto> activities, DateRange range) =>
        [.. activities.Where(a => a.StartDateLocal is { } s && DateOnly.FromDateTime(s) >= range.Start && DateOnly.FromDateTime(s) <= range.End)];

    /// <summary>Totals of the usable activities; Strava stubs are counted apart, never as zeros.</summary>
    public static TrainingTotals TotalsOf(IReadOnlyList<ActivityDto> activities)
    {
        var usable = activities.Where(a => !a.IsStravaStub).ToList();
        var stubs = activities.Count - usable.Count;
        var bySport = usable
            .GroupBy(a => a.Type ?? "Other")
            .OrderByDescending(g => g.Sum(Duration))
            .ToDictionary(
                g => g.Key,
                g => new SportTotals(g.Count(), g.Sum(Duration), Math.Round(g.Sum(a => a.BestDistance ?? 0) / 1000, 1), g.Sum(a => a.TrainingLoad ?? 0)),
                StringComparer.Ordinal);
        return new TrainingTotals(
            usable.Count,
            usable.Sum(Duration),
            Math.Round(usable.Sum(a => a.BestDistance ?? 0) / 1000, 1),
            (int)Math.Round(usable.Sum(a => a.TotalElevationGain ?? 0)),
            usable.Sum(a => a.TrainingLoad ?? 0),
            bySport.Count > 0 ? bySport : null,
            stubs > 0 ? stubs : null);
    }

    /// <summary>Totals per week (days / 7 weeks); null for a period shorter than a week.</summary>
    public static WeeklyAverage? WeeklyAverageOf(TrainingTotals totals, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (range.Days < 7)
        {
            return null;
        }

        var weeks = range.Days / 7.0;
        return new WeeklyAverage(
            Math.Round(weeks, 2),
            Math.Round(totals.Sessions / weeks, 1),
            (int)Math.Round(totals.DurationS / weeks),
            Math.Round(totals.DistanceKm / weeks, 1),
            (int)Math.Round(totals.ElevationM / weeks),
            (int)Math.Round(totals.Load / weeks));
    }

    /// <summary>The three-zone split and summed power/HR zone times of the activities; unavailable (with the reason) when none has zone times.</summary>
    public static PeriodZones ZonesOf(IReadOnlyList<ActivityDto> activities)
    {
        var usable = activities.Where(a => !a.IsStravaStub).ToList();
        if (usable.Count == 0)
        {
            return new PeriodZones("unavailable", "no completed activities in the period", null, null, null, null);
        }

        var split = ThreeZoneSplit(usable);
        var power = new SortedDictionary<int, double>();
        var hr = new SortedDictionary<int, double>();
        foreach (var activity in usable)
        {
            foreach (var zone in activity.ZoneTimes ?? [])
            {
                if (zone.Id is { Length: >= 2 } id && id[0] is 'Z' or 'z'
                    && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
                {
                    power[number] = power.GetValueOrDefault(number) + (zone.Secs ?? 0);
                }
            }

            var hrTimes = activity.HrZoneTimes ?? [];
            for (var i = 0; i < hrTimes.Count; i++)
            {
                hr[i + 1] = hr.GetValueOrDefault(i + 1) + (hrTimes[i] ?? 0);
            }
        }

        var powerRows = ZoneRows(power);
        var hrRows = ZoneRows(hr);
        return split is null && powerRows is null && hrRows is null
            ? new PeriodZones("unavailable", "no activity in the period has power, heart-rate or pace zone times", null, null, null, null)
            : new PeriodZones("available", null, split, powerRows, hrRows, split is null ? null : TrainingSummaries.IntensityMapping);
    }

    /// <summary>The three-zone split of the activities' zone times (power, else HR, else pace per activity); null when none has zone times.</summary>
    public static IntensitySplit? ThreeZoneSplit(IEnumerable<ActivityDto> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        double low = 0, moderate = 0, high = 0;
        var withZones = 0;
        foreach (var activity in activities)
        {
            if (TrainingSummaries.ThreeZones(activity) is { } zones)
            {
                low += zones.LowSeconds;
                moderate += zones.ModerateSeconds;
                high += zones.HighSeconds;
                withZones++;
            }
        }

        var d = TrainingIntensity.FromThreeZones(low, moderate, high);
        return d is null ? null : new IntensitySplit(
            (int)Math.Round(d.LowSeconds),
            (int)Math.Round(d.ModerateSeconds),
            (int)Math.Round(d.HighSeconds),
            Math.Round(d.LowFraction * 100, 1),
            Math.Round(d.ModerateFraction * 100, 1),
            Math.Round(d.HighFraction * 100, 1),
            d.Model.ToString().ToLowerInvariant(),
            Math.Round(d.PolarizationIndex, 2),
            withZones);
    }

    /// <summary>Daily load (sum of <c>icu_training_load</c> per local day, rest days 0) for every day of the range, oldest first.</summary>
    public static double[] DailyLoads(IReadOnlyList<ActivityDto> activities, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var loads = new double[range.Days];
        foreach (var activity in activities)
        {
            if (!activity.IsStravaStub && activity.StartDateLocal is { } start && activity.TrainingLoad is { } load)
            {
                var index = DateOnly.FromDateTime(start).DayNumber - range.Start.DayNumber;
                if (index >= 0 && index < loads.Length)
                {
                    loads[index] += load;
                }
            }
        }

        return loads;
    }

    /// <summary>The descriptive ACWR band: under 0.8 underloaded, up to 1.3 productive, up to 1.5 watch, above overreaching.</summary>
    public static string AcwrState(double ratio) => ratio switch
    {
        < 0.8 => "underloaded",
        <= 1.3 => "productive",
        <= 1.5 => "watch",
        _ => "overreaching",
    };

    /// <summary>ACWR, monotony, strain and stress tolerance on <paramref name="asOf"/>, from the daily loads of the <see cref="LoadHistoryDays"/> days ending there.</summary>
    public static LoadContext LoadContextOf(IReadOnlyList<ActivityDto> activities, DateOnly asOf)
    {
        var unavailable = new List<UnavailableMetric>();
        var window = new DateRange(asOf.AddDays(-(LoadHistoryDays - 1)), asOf);
        var loads = DailyLoads(activities, window);
        AcwrView? acwr = null;
        if (Acwr.Compute(loads) is { } result)
        {
            acwr = new AcwrView(
                DateRange.Format(asOf),
                result.Ratio is { } r ? Math.Round(r, 2) : null,
                result.Ratio is { } ratio ? AcwrState(ratio) : null,
                Math.Round(result.Acute, 1),
                Math.Round(result.Chronic, 1),
                result.Days,
                $"EWMA 7/28 days over the daily load of {window}");
            if (result.Ratio is null)
            {
                unavailable.Add(new UnavailableMetric("acwr.ratio", "no load in the chronic window (a long break)"));
            }
        }

        var monotony = MonotonyOf(loads, asOf);
        var strain = TrainingMonotony.Compute(loads)?.Strain;
        if (monotony.Monotony is null)
        {
            unavailable.Add(new UnavailableMetric("monotony", "no load in the last 7 days"));
        }

        StressToleranceView? tolerance = null;
        var strains = new List<double>();
        for (var w = 1; w <= 3; w++)
        {
            var end = loads.Length - (7 * w);
            if (TrainingMonotony.Compute(loads.AsSpan(end - 7, 7)) is { Strain: { } s })
            {
                strains.Add(s);
            }
        }

        if (strain is { } thisWeek && strains.Count > 0 && strains.Average() > 0)
        {
            var prior = strains.Average();
            var ratio = thisWeek / prior;
            tolerance = new StressToleranceView(
                Math.Round(thisWeek),
                Math.Round(prior),
                Math.Round(ratio, 2),
                ratio <= 1.0 ? "within" : ratio <= 1.25 ? "stretching" : "beyond",
                StressToleranceDefinition);
        }
        else
        {
            unavailable.Add(new UnavailableMetric("stress_tolerance", "needs load both in the last 7 days and in the three weeks before"));
        }

        return new LoadContext(DateRange.Format(asOf), acwr, monotony, tolerance, unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>Monotony and strain of the last 7 of <paramref name="loads"/> (the 7 days ending <paramref name="asOf"/>).</summary>
    public static MonotonyView MonotonyOf(ReadOnlySpan<double> loads, DateOnly asOf)
    {
        var window = $"{DateRange.Format(asOf.AddDays(-6))}..{DateRange.Format(asOf)}";
        var result = TrainingMonotony.Compute(loads);
        if (result is null)
        {
            return new MonotonyView(window, 0, null, null, null);
        }

        return new MonotonyView(
            window,
            (int)Math.Round(result.WeeklyLoad),
            result.Monotony is { } m ? Math.Round(m, 2) : null,
            result.Strain is { } s ? Math.Round(s) : null,
            result.Monotony is > 2.0 ? "high monotony (> 2.0): little day-to-day variation in load" : null);
    }

    /// <summary>Weekly rows (monthly beyond 26 weeks), the slope of whole weeks' load and the half-on-half change.</summary>
    public static PeriodTrend TrendOf(IReadOnlyList<ActivityDto> activities, DateRange range)
    {
        var byMonth = range.Days > MaxWeekRows * 7;
        var summary = TrainingSummaries.Summarize(activities, range, byMonth ? SummaryPeriod.Month : SummaryPeriod.Week);
        var rows = summary.Periods
            .Select(p => new TrendRow(p.Label, p.Start, p.End, p.Partial, p.Sessions, p.DurationS, p.DistanceKm, p.Load))
            .ToList();

        var weeks = TrainingSummaries.Summarize(activities, range, SummaryPeriod.Week).Periods.Where(p => p.Partial != true).ToList();
        double? slope = null;
        string? direction = null;
        if (weeks.Count >= 3)
        {
            var s = LeastSquares.Slope([.. weeks.Select(w => (double)w.Load)]);
            var mean = weeks.Average(w => w.Load);
            slope = Math.Round(s, 1);
            direction = mean <= 0 || Math.Abs(s) < 0.05 * mean ? "flat" : s > 0 ? "rising" : "declining";
        }

        double? halfChange = null;
        if (range.Days >= 14)
        {
            var middle = range.Start.AddDays(range.Days / 2);
            var first = activities.Where(a => !a.IsStravaStub && a.StartDateLocal is { } d && DateOnly.FromDateTime(d) < middle).Sum(a => a.TrainingLoad ?? 0);
            var second = activities.Where(a => !a.IsStravaStub && a.StartDateLocal is { } d && DateOnly.FromDateTime(d) >= middle).Sum(a => a.TrainingLoad ?? 0);
            halfChange = first > 0 ? Math.Round((second - first) * 100.0 / first, 1) : null;
        }

        return new PeriodTrend(
            byMonth ? "month" : "week",
            rows,
            slope,
            direction,
            halfChange,
            byMonth ? "Periods over 26 weeks are shown by month; the load slope still uses whole Monday–Sunday weeks." : null);
    }

    private async Task<PeriodCalendar> CalendarOfAsync(AthleteScope scope, DateRange range, CancellationToken ct)
    {
        // Intervals.icu lists events over at most a year per request; the newest year of a longer range is shown.
        var shown = range.Days > ToolArguments.MaxListDays ? new DateRange(range.End.AddDays(-(ToolArguments.MaxListDays - 1)), range.End) : range;
        var rows = await calendar.ListAsync(scope, shown, null, ct);
        var planned = CalendarEvents.Totals(rows);
        var items = rows.Take(MaxEventRows)
            .Select(r => new PeriodEventRow(r.Id, r.Date, r.Category, r.Name, r.Sport, r.DurationS ?? r.Workout?.DurationS, r.DistanceKm, r.Load ?? r.Workout?.Load, r.PairedActivityId))
            .ToList();
        var notes = new List<string>();
        if (shown != range)
        {
            notes.Add($"Only the calendar of {shown} (the last {ToolArguments.MaxListDays} days of the period) is listed.");
        }

        if (rows.Count > items.Count)
        {
            notes.Add($"{rows.Count - items.Count} more calendar items are not listed; narrow period_start/period_end to see them.");
        }

        return new PeriodCalendar(rows.Count, planned, items, notes.Count > 0 ? string.Join(' ', notes) : null);
    }

    private static PeriodActivityRow Row(ActivityDto a, bool intervals)
    {
        var row = TrainingHistory.ToRow(a);
        return new PeriodActivityRow(
            row.Id,
            row.Date,
            row.Sport,
            row.Name,
            row.DurationS,
            row.DistanceKm,
            a.IsStravaStub || a.TotalElevationGain is not > 0 ? null : (int)Math.Round(a.TotalElevationGain.Value),
            row.Load,
            row.If,
            row.AvgPowerW,
            row.AvgHrBpm,
            row.Pace,
            intervals && a.IntervalSummary is { Count: > 0 } summary ? summary : null,
            row.Note);
    }

    private static List<ZoneSeconds>? ZoneRows(SortedDictionary<int, double> seconds)
    {
        var total = seconds.Values.Sum();
        if (!(total > 0))
        {
            return null;
        }

        var count = seconds.Keys.Max();
        return [.. Enumerable.Range(1, count).Select(z => new ZoneSeconds(
            string.Create(CultureInfo.InvariantCulture, $"Z{z}"),
            (int)Math.Round(seconds.GetValueOrDefault(z)),
            Math.Round(seconds.GetValueOrDefault(z) * 100 / total, 1)))];
    }

    private static int Duration(ActivityDto a) => a.MovingTime ?? a.ElapsedTime ?? 0;
}

/// <summary>Ordinary least squares on evenly spaced values (x = 0, 1, 2 …).</summary>
public static class LeastSquares
{
    /// <summary>The slope per step of the best-fit line through <paramref name="values"/>; 0 for fewer than two values.</summary>
    public static double Slope(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 2)
        {
            return 0;
        }

        var meanX = (n - 1) / 2.0;
        var meanY = 0.0;
        foreach (var v in values)
        {
            meanY += v;
        }

        meanY /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (values[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }

        return sxx > 0 ? sxy / sxx : 0;
    }

    /// <summary>The slope per day of dated values (x = day number); null for fewer than two distinct days.</summary>
    public static double? SlopePerDay(IReadOnlyList<(DateOnly Date, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Select(p => p.Date).Distinct().Count() < 2)
        {
            return null;
        }

        var meanX = points.Average(p => (double)p.Date.DayNumber);
        var meanY = points.Average(p => p.Value);
        double sxy = 0, sxx = 0;
        foreach (var (date, value) in points)
        {
            sxy += (date.DayNumber - meanX) * (value - meanY);
            sxx += (date.DayNumber - meanX) * (date.DayNumber - meanX);
        }

        return sxx > 0 ? sxy / sxx : null;
    }
}
