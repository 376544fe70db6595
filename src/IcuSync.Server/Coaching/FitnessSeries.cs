using IcuSync.Analytics;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Trends;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// One day of fitness. CTL/ATL/TSB in load points per day, ramp in CTL points per week, form % = 100·TSB/CTL.
/// <see cref="Computed"/> marks a day IcuSync computed from activity loads because Intervals.icu reported no CTL/ATL;
/// <see cref="Projected"/> marks a future day (planned workout loads).
/// </summary>
public sealed record FitnessDay(
    string Date,
    double Ctl,
    double Atl,
    double Tsb,
    double? FormPct,
    double? RampPerWeek,
    int? Load,
    string FormZone,
    bool? Computed,
    bool? Projected);

/// <summary>The CTL trend of the last 28 days (least-squares slope against a flat band), and any plateau.</summary>
public sealed record FitnessTrend(
    string Direction,
    double SlopePerWeek,
    double FlatBandPerWeek,
    string Window,
    bool? Plateau,
    string? PlateauSince,
    int? PlateauDays);

/// <summary>Where the numbers came from: Intervals.icu's wellness values, IcuSync's PMC, or both.</summary>
public static class FitnessSources
{
    public const string Intervals = "intervals_wellness";
    public const string Computed = "computed_from_activities";
    public const string Mixed = "mixed";
}

/// <summary>Daily fitness over a range, the trend, and which source produced the values.</summary>
public sealed record FitnessReport(IReadOnlyList<FitnessDay> Days, FitnessTrend? Trend, string Source, string? SourceNote);

/// <summary>
/// CTL/ATL/TSB and ramp per day. Intervals.icu's own <c>ctl</c>/<c>atl</c> in the wellness rows are preferred. Days
/// without them are computed with the analytics PMC (exponential 42/7-day form) from the daily sum of activity
/// <c>icu_training_load</c>, seeded from the last day Intervals.icu did report, or after a warm-up from zero when
/// it reported none; future days continue with planned workout loads.
/// </summary>
public sealed class FitnessSeries(IntervalsReads reads)
{
    /// <summary>Days of load read before a range that has no Intervals.icu values to seed from (e^(−180/42) leaves about 1 % of the start value).</summary>
    public const int WarmUpDays = 180;

    public async Task<FitnessReport> GetAsync(AthleteScope scope, DateRange range, CancellationToken ct)
    {
        // The trend needs 28 days ending at the range end, and each day's ramp needs CTL seven days earlier.
        var trendStart = Min(range.Start, range.End.AddDays(-(PlateauDetection.MinimumDays - 1)));
        var windowStart = trendStart.AddDays(-7);
        var wellness = Index(await WellnessLog.ListAsync(reads, scope, new DateRange(windowStart.AddDays(-1), range.End), ct));
        var walkStart = windowStart;
        string? note = null;
        var missing = Days(windowStart, range.End).Any(d => !Reported(wellness, d));
        if (missing && !Reported(wellness, windowStart) && !Reported(wellness, windowStart.AddDays(-1)))
        {
            walkStart = windowStart.AddDays(-WarmUpDays);
            foreach (var (day, row) in Index(await WellnessLog.ListAsync(reads, scope, new DateRange(walkStart.AddDays(-1), windowStart.AddDays(-2)), ct)))
            {
                wellness[day] = row;
            }
        }

        var loads = new Dictionary<DateOnly, double>();
        if (missing)
        {
            var pastEnd = Min(range.End, scope.Today);
            if (walkStart <= pastEnd)
            {
                foreach (var activity in await TrainingSummaries.ListActivitiesAsync(reads, scope, new DateRange(walkStart, pastEnd), ct))
                {
                    if (!activity.IsStravaStub && activity.StartDateLocal is { } start && activity.TrainingLoad is { } load)
                    {
                        var day = DateOnly.FromDateTime(start);
                        loads[day] = loads.GetValueOrDefault(day) + load;
                    }
                }
            }

            if (range.End > scope.Today)
            {
                var from = Max(walkStart, scope.Today.AddDays(1));
                foreach (var planned in await reads.ListEventsAsync(scope.Credential, scope.AthleteId, from, range.End, ct))
                {
                    if (planned.Category == EventDto.WorkoutCategory && planned.StartDateLocal is { } start && planned.TrainingLoad is { } load
                        && planned.NotOnFitnessChart != true)
                    {
                        var day = DateOnly.FromDateTime(start);
                        loads[day] = loads.GetValueOrDefault(day) + load;
                    }
                }
            }
        }

        var series = Walk(walkStart, range.End, wellness, loads, out var seededFromZero);
        var rows = new List<FitnessDay>();
        // The series is dense from walkStart, so the day a week earlier is seven entries back.
        for (var i = range.Start.DayNumber - walkStart.DayNumber; i < series.Count; i++)
        {
            var point = series[i];
            double? ramp = point.Reported && wellness[point.Date].RampRate is { } reportedRamp ? reportedRamp
                : i >= 7 ? point.Ctl - series[i - 7].Ctl
                : null;
            var tsb = point.Ctl - point.Atl;
            rows.Add(new FitnessDay(
                DateRange.Format(point.Date),
                Math.Round(point.Ctl, 1),
                Math.Round(point.Atl, 1),
                Math.Round(tsb, 1),
                point.Ctl > 0 ? Math.Round(100 * tsb / point.Ctl, 1) : null,
                ramp is { } r ? Math.Round(r, 1) : null,
                point.Load is { } l ? (int)Math.Round(l) : null,
                FormZones.Label(tsb),
                point.Reported ? null : true,
                point.Date > scope.Today ? true : null));
        }

        var computed = series.Where(p => p.Date >= range.Start).Count(p => !p.Reported);
        var source = computed == 0 ? FitnessSources.Intervals : computed == rows.Count ? FitnessSources.Computed : FitnessSources.Mixed;
        if (computed > 0)
        {
            note = $"Intervals.icu reported no CTL/ATL for {computed} of {rows.Count} days; those rows (computed: true) come from IcuSync's PMC " +
                $"(42/7-day exponential) over the daily sum of activity loads{(range.End > scope.Today ? " and planned workout loads for future days" : "")}, " +
                (seededFromZero ? $"started from 0 {WarmUpDays} days before the range (no earlier Intervals.icu value to seed from)." : "seeded from the last day Intervals.icu reported.");
        }

        var trendPoints = series.Where(p => p.Date >= trendStart).ToArray();
        var plateau = PlateauDetection.Detect(trendStart, trendPoints.Select(p => p.Ctl).ToArray());
        var trend = plateau is null ? null : new FitnessTrend(
            plateau.Trend.ToString(),
            Math.Round(plateau.SlopePerWeek, 2),
            Math.Round(plateau.FlatBandPerWeek, 2),
            $"{DateRange.Format(range.End.AddDays(-(PlateauDetection.MinimumDays - 1)))}..{DateRange.Format(range.End)}",
            plateau.Detected ? true : null,
            plateau.Start is { } since ? DateRange.Format(since) : null,
            plateau.DurationDays);
        return new FitnessReport(rows, trend, source, note);
    }

    /// <summary>
    /// Steps through every day: a day Intervals.icu reported takes its values; each run of unreported days is computed with
    /// the analytics PMC, seeded from the day before the run.
    /// </summary>
    private static List<Point> Walk(DateOnly from, DateOnly through, Dictionary<DateOnly, WellnessDto> wellness, Dictionary<DateOnly, double> loads, out bool seededFromZero)
    {
        var points = new List<Point>();
        var before = from.AddDays(-1);
        var seed = Reported(wellness, before) ? new PmcSeed(wellness[before].Ctl!.Value, wellness[before].Atl!.Value) : default;
        seededFromZero = !Reported(wellness, before) && !Reported(wellness, from);
        var day = from;
        while (day <= through)
        {
            if (Reported(wellness, day))
            {
                var row = wellness[day];
                seed = new PmcSeed(row.Ctl!.Value, row.Atl!.Value);
                points.Add(new Point(day, row.Ctl.Value, row.Atl.Value, row.CtlLoad ?? (loads.TryGetValue(day, out var dayLoad) ? (double?)dayLoad : null), true));
                day = day.AddDays(1);
                continue;
            }

            var runStart = day;
            var runLoads = new List<double>();
            while (day <= through && !Reported(wellness, day))
            {
                runLoads.Add(loads.GetValueOrDefault(day));
                day = day.AddDays(1);
            }

            var pmc = Pmc.Compute(runStart, runLoads.ToArray(), new PmcOptions { Seed = seed });
            foreach (var computed in pmc.Days)
            {
                points.Add(new Point(computed.Date, computed.Ctl, computed.Atl, computed.Load, false));
            }

            seed = new PmcSeed(pmc.Ctl[^1], pmc.Atl[^1]);
        }

        return points;
    }

    private static Dictionary<DateOnly, WellnessDto> Index(IReadOnlyList<WellnessDto> rows) =>
        rows.Where(r => r.Id is not null).GroupBy(r => r.Id!.Value).ToDictionary(g => g.Key, g => g.Last());

    private static bool Reported(Dictionary<DateOnly, WellnessDto> wellness, DateOnly day) =>
        wellness.TryGetValue(day, out var row) && row.Ctl is not null && row.Atl is not null;

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly through)
    {
        for (var d = from; d <= through; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private readonly record struct Point(DateOnly Date, double Ctl, double Atl, double? Load, bool Reported);
}

/// <summary>
/// Intervals.icu's form (TSB) zones on its fitness chart, on the absolute TSB value.
/// </summary>
/// <remarks>
/// Source: /work/shared/reference/analytics.md §A.4 "Form (TSB)": transition &gt; +25, fresh +5…+25, grey zone −10…+5,
/// optimal −30…−10, high risk &lt; −30 (the −10…−30 optimal band and the names are confirmed from the Intervals.icu chart;
/// the +5 and +25 edges are flagged there as unconfirmed, see Part D item 8). A value on an edge goes to the zone nearer
/// zero form: −10 is grey zone, −30 is optimal, +5 is grey zone, +25 is fresh.
/// </remarks>
public static class FormZones
{
    public const string Transition = "transition";
    public const string Fresh = "fresh";
    public const string GreyZone = "grey_zone";
    public const string Optimal = "optimal";
    public const string HighRisk = "high_risk";

    /// <summary>The zone names with their TSB bounds, for tool descriptions and results.</summary>
    public const string Legend = "transition > +25, fresh +5…+25, grey_zone −10…+5, optimal −30…−10, high_risk < −30 (TSB = CTL − ATL)";

    public static string Label(double tsb) =>
        tsb > 25 ? Transition
        : tsb > 5 ? Fresh
        : tsb >= -10 ? GreyZone
        : tsb >= -30 ? Optimal
        : HighRisk;
}
