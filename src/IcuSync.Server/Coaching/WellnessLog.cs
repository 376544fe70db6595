using IcuSync.Analytics;
using IcuSync.Analytics.Wellness;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>A subjective score with the name of its level on the Intervals.icu scale (e.g. 2 → "Good").</summary>
public sealed record ScaleValue(int Value, string Label);

/// <summary>
/// One day's wellness record as a compact row: units in the names (ms, bpm, h, kg, %, mmHg, mmol/L, L, breaths/min);
/// subjective scores carry their level names (see <see cref="WellnessScales"/>). Fitness (CTL/ATL) is in get_fitness.
/// </summary>
public sealed record WellnessRow(
    string Date,
    double? HrvMs,
    double? HrvSdnnMs,
    int? RestingHrBpm,
    double? SleepH,
    double? SleepScore,
    ScaleValue? SleepQuality,
    double? AvgSleepingHrBpm,
    double? WeightKg,
    double? BodyFatPct,
    ScaleValue? Soreness,
    ScaleValue? Fatigue,
    ScaleValue? Stress,
    ScaleValue? Mood,
    ScaleValue? Motivation,
    ScaleValue? Injury,
    ScaleValue? Hydration,
    double? HydrationL,
    double? Readiness,
    double? Spo2Pct,
    double? RespirationBrpm,
    int? Steps,
    int? SystolicMmhg,
    int? DiastolicMmhg,
    int? KcalConsumed,
    double? Vo2max,
    double? BloodGlucoseMmolL,
    double? LactateMmolL,
    string? MenstrualPhase,
    string? Comments);

/// <summary>One subjective scale: its range, the name of each level, and which end is good.</summary>
public sealed record WellnessScale(string Field, string Range, string Levels, string Better);

/// <summary>
/// The HRV picture at the end of the range (IcuSync.Analytics HRV rollup): the 7-day mean of ln(RMSSD) against a
/// baseline band of the 28 days before it (mean ± 0.5 SD). Millisecond values are e^(ln mean), i.e. geometric means.
/// </summary>
public sealed record HrvTrendView(
    string State,
    string Meaning,
    int WeekValues,
    double? WeekMeanMs,
    double? WeekCvPct,
    double? BaselineLowMs,
    double? BaselineHighMs,
    int? BaselineValues);

/// <summary>Means over the last 7 days of the range (days without a value are skipped, never read as 0).</summary>
public sealed record WellnessSummary(
    string Window,
    int DaysWithRecord,
    double? HrvMs,
    double? RestingHrBpm,
    double? SleepH,
    double? SleepScore,
    double? WeightKg,
    double? Soreness,
    double? Fatigue,
    double? Stress,
    double? Mood,
    double? Motivation,
    double? Readiness,
    HrvTrendView? Hrv);

/// <summary>The wellness rows of a range and the summary of its last week.</summary>
public sealed record WellnessReport(IReadOnlyList<WellnessRow> Days, WellnessSummary Summary, IReadOnlyList<string>? Notes);

/// <summary>
/// The Intervals.icu subjective scales, named. Source: /work/shared/reference/intervals-api.md §5.7 (Wellness fields,
/// from the official js-data-model comments). On every one of them the LOW number is the good end.
/// </summary>
public static class WellnessScales
{
    private static readonly string[] Burden = ["None", "Low", "Avg", "High", "Extreme"];
    private static readonly string[] Quality = ["", "Excellent", "Good", "Avg", "Poor"];
    private static readonly string[] InjuryLevels = ["", "Excellent", "Niggle", "Poor", "Injured"];

    // Only the two ends of the hydration scale are documented (1 well hydrated … 4 very dehydrated); the middle names are ours.
    private static readonly string[] HydrationLevels = ["", "Well hydrated", "Hydrated", "Dehydrated", "Very dehydrated"];

    /// <summary>Every subjective scale, for the legend in results.</summary>
    public static IReadOnlyList<WellnessScale> All { get; } =
    [
        new("soreness, fatigue, stress", "1–4 (0 = none when recorded)", "1 Low, 2 Avg, 3 High, 4 Extreme", "lower is better"),
        new("mood, motivation, sleep_quality", "1–4", "1 Excellent, 2 Good, 3 Avg, 4 Poor", "lower is better"),
        new("injury", "1–4", "1 Excellent, 2 Niggle, 3 Poor, 4 Injured", "lower is better"),
        new("hydration", "1–4", "1 Well hydrated … 4 Very dehydrated", "lower is better"),
        new("sleep_score, readiness", "0–100 (device score)", "0 worst … 100 best", "higher is better"),
    ];

    /// <summary>Soreness, subjective fatigue and stress: 0 None (when recorded), 1 Low … 4 Extreme.</summary>
    public static ScaleValue? Burdens(int? value) => Named(value, Burden, 0);

    /// <summary>Mood, motivation and sleep quality: 1 Excellent … 4 Poor.</summary>
    public static ScaleValue? Qualities(int? value) => Named(value, Quality, 1);

    /// <summary>Injury: 1 Excellent, 2 Niggle, 3 Poor, 4 Injured.</summary>
    public static ScaleValue? Injury(int? value) => Named(value, InjuryLevels, 1);

    /// <summary>Hydration: 1 Well hydrated … 4 Very dehydrated.</summary>
    public static ScaleValue? Hydration(int? value) => Named(value, HydrationLevels, 1);

    private static ScaleValue? Named(int? value, string[] names, int lowest) => value switch
    {
        null => null,
        { } v when v >= lowest && v < names.Length => new ScaleValue(v, names[v]),
        { } v => new ScaleValue(v, "outside the 1–4 scale"),
    };
}

/// <summary>Daily wellness rows with named scales, 7-day means and the HRV trend.</summary>
public sealed class WellnessLog(IntervalsReads reads)
{
    /// <summary>Days before the 7-day window that form the HRV baseline (analytics.md A.12).</summary>
    public const int HrvBaselineDays = 28;

    /// <summary>
    /// Valid HRV values the 7-day window needs. analytics.md A.12 follows Plews et al. (2014): three values a week give a
    /// valid weekly mean, so a missed morning measurement does not hide the trend.
    /// </summary>
    public const int HrvMinimumWeekValues = 3;

    public async Task<WellnessReport> GetAsync(AthleteScope scope, DateRange range, CancellationToken ct)
    {
        var weekStart = range.End.AddDays(-6);
        var readFrom = weekStart.AddDays(-HrvBaselineDays);
        var all = await ListAsync(reads, scope, new DateRange(readFrom < range.Start ? readFrom : range.Start, range.End), ct);
        var byDay = all.Where(w => w.Id is not null).GroupBy(w => w.Id!.Value).ToDictionary(g => g.Key, g => g.Last());
        var rows = byDay.Where(kv => kv.Key >= range.Start && kv.Key <= range.End).OrderBy(kv => kv.Key).Select(kv => ToRow(kv.Value)).ToList();

        var week = byDay.Where(kv => kv.Key >= weekStart && kv.Key <= range.End).Select(kv => kv.Value).ToList();
        var hrv = HrvTrend.Assess(
            [.. byDay.Where(kv => kv.Value.Hrv is > 0).Select(kv => new DatedValue(kv.Key, kv.Value.Hrv!.Value))],
            range.End,
            new HrvOptions { MinimumWeekValues = HrvMinimumWeekValues, BaselineDays = HrvBaselineDays });
        var summary = new WellnessSummary(
            $"{DateRange.Format(weekStart)}..{DateRange.Format(range.End)}",
            week.Count,
            Mean(week, w => w.Hrv),
            Mean(week, w => w.TempRestingHr == true ? null : w.RestingHr),
            Mean(week, w => w.SleepSecs / 3600.0, 2),
            Mean(week, w => w.SleepScore),
            Mean(week, w => w.TempWeight == true ? null : w.Weight),
            Mean(week, w => w.Soreness),
            Mean(week, w => w.Fatigue),
            Mean(week, w => w.Stress),
            Mean(week, w => w.Mood),
            Mean(week, w => w.Motivation),
            Mean(week, w => w.Readiness),
            View(hrv));

        var notes = new List<string>();
        if (byDay.Values.Any(w => w.Id >= range.Start && w.Id <= range.End && (w.TempWeight == true || w.TempRestingHr == true)))
        {
            notes.Add("Weights or resting HRs copied from the athlete's settings (not measured that day) are left out.");
        }

        if (rows.Count < range.Days)
        {
            notes.Add($"{range.Days - rows.Count} of {range.Days} days have no wellness record.");
        }

        return new WellnessReport(rows, summary, notes.Count > 0 ? notes : null);
    }

    /// <summary>Reads wellness over a long range in chunks of at most 366 days.</summary>
    public static async Task<IReadOnlyList<WellnessDto>> ListAsync(IntervalsReads reads, AthleteScope scope, DateRange range, CancellationToken ct)
    {
        if (range.Start > range.End)
        {
            return [];
        }

        var all = new List<WellnessDto>();
        for (var from = range.Start; from <= range.End; from = from.AddDays(TrainingSummaries.ChunkDays))
        {
            var to = from.AddDays(TrainingSummaries.ChunkDays - 1);
            all.AddRange(await reads.ListWellnessAsync(scope.Credential, scope.AthleteId, from, to > range.End ? range.End : to, ct));
        }

        return all;
    }

    public static WellnessRow ToRow(WellnessDto w) => new(
        w.Id is { } id ? DateRange.Format(id) : "",
        Units.Round(w.Hrv),
        Units.Round(w.HrvSdnn),
        w.TempRestingHr == true ? null : w.RestingHr,
        w.SleepSecs is { } sleep ? Math.Round(sleep / 3600.0, 2) : null,
        Units.Round(w.SleepScore, 0),
        WellnessScales.Qualities(w.SleepQuality),
        Units.Round(w.AverageSleepingHr),
        w.TempWeight == true ? null : Units.Round(w.Weight),
        Units.Round(w.BodyFat),
        WellnessScales.Burdens(w.Soreness),
        WellnessScales.Burdens(w.Fatigue),
        WellnessScales.Burdens(w.Stress),
        WellnessScales.Qualities(w.Mood),
        WellnessScales.Qualities(w.Motivation),
        WellnessScales.Injury(w.Injury),
        WellnessScales.Hydration(w.Hydration),
        Units.Round(w.HydrationVolume, 2),
        Units.Round(w.Readiness, 0),
        Units.Round(w.SpO2),
        Units.Round(w.Respiration),
        w.Steps,
        w.Systolic,
        w.Diastolic,
        w.KcalConsumed,
        Units.Round(w.Vo2Max),
        Units.Round(w.BloodGlucose),
        Units.Round(w.Lactate),
        string.IsNullOrWhiteSpace(w.MenstrualPhase) || w.MenstrualPhase == "NONE" ? null : w.MenstrualPhase,
        string.IsNullOrWhiteSpace(w.Comments) ? null : w.Comments);

    private static HrvTrendView? View(HrvStatus status)
    {
        if (status.AsOf is null)
        {
            return null;
        }

        var meaning = status.State switch
        {
            HrvState.Suppressed => "7-day HRV is below the athlete's baseline band: a sign of accumulated stress or fatigue",
            HrvState.Elevated => "7-day HRV is above the baseline band: usually good recovery (very high values after hard blocks can also mean fatigue)",
            HrvState.Normal => "7-day HRV is within the athlete's normal range",
            HrvState.NoBaseline => "not enough HRV values in the 28 days before the week to set a baseline",
            _ => $"fewer than {HrvMinimumWeekValues} HRV values in the last 7 days",
        };
        return new HrvTrendView(
            status.State switch
            {
                HrvState.Suppressed => "suppressed",
                HrvState.Elevated => "elevated",
                HrvState.Normal => "normal",
                HrvState.NoBaseline => "no_baseline",
                _ => "not_enough_data",
            },
            meaning,
            status.WeekValues,
            Exp(status.LnRmssdMean7d),
            Units.Round(status.CvPercent7d, 1),
            Exp(status.BaselineLow),
            Exp(status.BaselineHigh),
            status.BaselineValues > 0 ? status.BaselineValues : null);
    }

    private static double? Exp(double? ln) => ln is { } v ? Math.Round(Math.Exp(v), 1) : null;

    private static double? Mean(List<WellnessDto> week, Func<WellnessDto, double?> value, int digits = 1)
    {
        var values = week.Select(value).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return values.Count > 0 ? Math.Round(values.Average(), digits) : null;
    }
}
