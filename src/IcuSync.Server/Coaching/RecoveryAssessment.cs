using IcuSync.Analytics;
using IcuSync.Analytics.Wellness;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>Sleep over the window (hours), the last 7 days and the last recorded night; nights under 6 h are counted.</summary>
public sealed record SleepView(double? AvgH, double? Last7AvgH, double? LastNightH, string? LastNightDate, double? AvgScore, int NightsUnderSixH, int NightsRecorded);

/// <summary>
/// Resting heart rate (bpm): the window mean, the last 7 days' mean, and the baseline (mean of the 28 days before those 7);
/// elevated when the last 7 days sit 5 bpm or more above the baseline.
/// </summary>
public sealed record RestingHrView(double? AvgBpm, double? Last7AvgBpm, double? BaselineBpm, double? DeltaBpm, bool? Elevated);

/// <summary>
/// HRV from morning RMSSD: the 7-day (week) mean of ln(RMSSD), that mean in ms (geometric mean) and its CV %, the baseline (28 days before the week, band mean ± 0.5 SD),
/// the ratio e^(7-day mean − baseline mean) (1.0 = at baseline), the least-squares trend of ln(RMSSD) over the window
/// per week, and the suppression flag (7-day mean below the band).
/// </summary>
public sealed record HrvView(
    string State,
    double? LnRmssdWeekMean,
    double? WeekMeanMs,
    double? WeekCvPct,
    int WeekValues,
    double? BaselineLnMean,
    double? BaselineLowMs,
    double? BaselineHighMs,
    double? Ratio,
    double? TrendSlopePerWeek,
    string? TrendDirection,
    bool Suppressed,
    int SampleCount);

/// <summary>Form on the latest day Intervals.icu reported it: CTL, ATL, TSB = CTL − ATL, form % and the form zone.</summary>
public sealed record FormView(string Date, double Ctl, double Atl, double Tsb, double? FormPct, string FormZone);

/// <summary>
/// A 0–1 recovery quality index: the weighted mean (HRV 0.4, resting HR 0.3, sleep 0.3) of the component scores that
/// exist (at least two). Good ≥ 0.8, Fair ≥ 0.5, else Low.
/// </summary>
public sealed record RecoveryQuality(double Index, string Label, double? HrvScore, double? RestingHrScore, double? SleepScore, string Method);

/// <summary>A warning sign with a stable code.</summary>
public sealed record RedFlag(string Code, string Message);

/// <summary>Readiness for one kind of session: <c>ready</c>, <c>caution</c> or <c>not_ready</c>, and why.</summary>
public sealed record SessionReadiness(string Session, string Verdict, string Reason);

/// <summary>One day of the window: HRV (ms), resting HR (bpm), sleep (h and score), TSB, and subjective fatigue/soreness (1 Low … 4 Extreme).</summary>
public sealed record RecoveryDay(string Date, double? HrvMs, int? RestingHrBpm, double? SleepH, double? SleepScore, double? Tsb, int? Fatigue, int? Soreness);

/// <summary>The recovery picture of the last <c>PeriodDays</c> days.</summary>
public sealed record RecoveryReport(
    string Window,
    int PeriodDays,
    SleepView? Sleep,
    RestingHrView? RestingHr,
    HrvView? Hrv,
    FormView? Form,
    RecoveryQuality? Quality,
    string State,
    string StateReason,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<SessionReadiness> Readiness,
    IReadOnlyList<RecoveryDay> Days,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// assess_recovery: sleep, resting HR, HRV (IcuSync.Analytics HRV rollup), form, a recovery quality index, the state
/// (LoadAccepting or RecoveryPriority), red flags and readiness per kind of session, from the athlete's wellness records.
/// </summary>
public sealed class RecoveryAssessment(IntervalsReads reads)
{
    /// <summary>Days before the last week that form the HRV and resting-HR baselines.</summary>
    public const int BaselineDays = 28;

    /// <summary>Resting HR this many bpm above baseline is a red flag.</summary>
    public const double RestingHrRise = 5;

    /// <summary>How the quality index is built, for results.</summary>
    public const string QualityMethod =
        "weighted mean (HRV 0.4, resting HR 0.3, sleep 0.3) of the scores that exist: HRV clamp((ratio − 0.8)/0.2), resting HR clamp(1 − rise/8 bpm), " +
        "sleep clamp((7-day mean h − 5)/2.5); Good ≥ 0.8, Fair ≥ 0.5, Low below";

    public async Task<RecoveryReport> AssessAsync(AthleteScope scope, int periodDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var window = new DateRange(scope.Today.AddDays(-(periodDays - 1)), scope.Today);
        var readFrom = scope.Today.AddDays(-(6 + BaselineDays));
        var rows = await WellnessLog.ListAsync(reads, scope, new DateRange(readFrom < window.Start ? readFrom : window.Start, scope.Today), ct);
        return Assess(rows, window);
    }

    /// <summary>Builds the assessment from wellness rows (any order; the later row of a day wins). Pure.</summary>
    public static RecoveryReport Assess(IReadOnlyList<WellnessDto> wellness, DateRange window)
    {
        ArgumentNullException.ThrowIfNull(wellness);
        var today = window.End;
        var byDay = wellness.Where(w => w.Id is not null).GroupBy(w => w.Id!.Value).ToDictionary(g => g.Key, g => g.Last());
        var inWindow = byDay.Where(kv => kv.Key >= window.Start && kv.Key <= today).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        var weekStart = today.AddDays(-6);
        var week = inWindow.Where(w => w.Id >= weekStart).ToList();
        var baseline = byDay.Where(kv => kv.Key >= weekStart.AddDays(-BaselineDays) && kv.Key < weekStart).Select(kv => kv.Value).ToList();
        var unavailable = new List<UnavailableMetric>();
        void Missing(string metric, string reason) => unavailable.Add(new UnavailableMetric(metric, reason));

        // Sleep.
        SleepView? sleep = null;
        var nights = inWindow.Where(w => w.SleepSecs is > 0).ToList();
        if (nights.Count > 0)
        {
            var last = nights[^1];
            sleep = new SleepView(
                Math.Round(nights.Average(w => w.SleepSecs!.Value / 3600.0), 2),
                Mean(week, w => w.SleepSecs is > 0 ? w.SleepSecs / 3600.0 : null, 2),
                Math.Round(last.SleepSecs!.Value / 3600.0, 2),
                DateRange.Format(last.Id!.Value),
                Mean(inWindow, w => w.SleepScore, 1),
                nights.Count(w => w.SleepSecs < 6 * 3600),
                nights.Count);
        }
        else
        {
            Missing("sleep", "no sleep recorded in the window");
        }

        // Resting heart rate (values copied from settings are not measurements).
        double? Rhr(WellnessDto w) => w.TempRestingHr == true || w.RestingHr is not > 0 ? null : w.RestingHr;
        RestingHrView? restingHr = null;
        var rhrWindow = Mean(inWindow, Rhr, 1);
        if (rhrWindow is not null)
        {
            var last7 = Mean(week, Rhr, 1);
            var rhrBaseline = Mean(baseline, Rhr, 1);
            double? delta = last7 is { } l && rhrBaseline is { } b ? Math.Round(l - b, 1) : null;
            restingHr = new RestingHrView(rhrWindow, last7, rhrBaseline, delta, delta is null ? null : delta >= RestingHrRise);
            if (rhrBaseline is null)
            {
                Missing("resting_hr.baseline_bpm", $"no resting HR in the {BaselineDays} days before the last week");
            }
        }
        else
        {
            Missing("resting_hr", "no resting heart rate recorded in the window");
        }

        // HRV.
        HrvView? hrv = null;
        var hrvValues = byDay.Where(kv => kv.Value.Hrv is > 0).Select(kv => new DatedValue(kv.Key, kv.Value.Hrv!.Value)).ToList();
        var status = HrvTrend.Assess(hrvValues, today, new HrvOptions { MinimumWeekValues = WellnessLog.HrvMinimumWeekValues, BaselineDays = BaselineDays });
        var inWindowHrv = hrvValues.Where(v => v.Date >= window.Start && v.Date <= today).Select(v => (v.Date, Math.Log(v.Value))).ToList();
        if (status.State != HrvState.NotSupported)
        {
            var slope = inWindowHrv.Count >= 4 ? LeastSquares.SlopePerDay(inWindowHrv) * 7 : null;
            double? ratio = status.LnRmssdMean7d is { } m && status.BaselineMean is { } bm ? Math.Round(Math.Exp(m - bm), 3) : null;
            hrv = new HrvView(
                StateName(status.State),
                Units.Round(status.LnRmssdMean7d, 3),
                status.LnRmssdMean7d is { } mean ? Math.Round(Math.Exp(mean), 1) : null,
                Units.Round(status.CvPercent7d, 2),
                status.WeekValues,
                Units.Round(status.BaselineMean, 3),
                status.BaselineLow is { } lo ? Math.Round(Math.Exp(lo), 1) : null,
                status.BaselineHigh is { } hi ? Math.Round(Math.Exp(hi), 1) : null,
                ratio,
                slope is { } s ? Math.Round(s, 4) : null,
                slope switch { null => null, > 0.02 => "rising (improving)", < -0.02 => "falling (deteriorating)", _ => "flat" },
                status.State == HrvState.Suppressed,
                inWindowHrv.Count);
            if (status.State == HrvState.NoBaseline)
            {
                Missing("hrv.baseline", $"fewer than 7 HRV values in the {BaselineDays} days before the last week");
            }
        }
        else
        {
            Missing("hrv", $"fewer than {WellnessLog.HrvMinimumWeekValues} HRV values in the last 7 days");
        }

        // Form, on the latest day Intervals.icu reported CTL and ATL.
        FormView? form = null;
        if (byDay.Where(kv => kv.Key <= today && kv.Value.Ctl is not null && kv.Value.Atl is not null).OrderBy(kv => kv.Key).LastOrDefault() is { Value: { } f } formDay)
        {
            var tsb = f.Ctl!.Value - f.Atl!.Value;
            form = new FormView(DateRange.Format(formDay.Key), Math.Round(f.Ctl.Value, 1), Math.Round(f.Atl.Value, 1), Math.Round(tsb, 1),
                f.Ctl.Value > 0 ? Math.Round(100 * tsb / f.Ctl.Value, 1) : null, FormZones.Label(tsb));
        }
        else
        {
            Missing("form", "Intervals.icu reported no CTL/ATL in the window");
        }

        // Quality index.
        double? hrvScore = hrv?.Ratio is { } r ? Math.Round(Math.Clamp((r - 0.8) / 0.2, 0, 1), 3) : null;
        double? rhrScore = restingHr?.DeltaBpm is { } d ? Math.Round(Math.Clamp(1 - (d / 8), 0, 1), 3) : null;
        double? sleepScore = sleep?.Last7AvgH is { } h ? Math.Round(Math.Clamp((h - 5) / 2.5, 0, 1), 3) : null;
        RecoveryQuality? quality = null;
        var parts = new List<(double Score, double Weight)>();
        if (hrvScore is { } hs)
        {
            parts.Add((hs, 0.4));
        }

        if (rhrScore is { } rs)
        {
            parts.Add((rs, 0.3));
        }

        if (sleepScore is { } ss)
        {
            parts.Add((ss, 0.3));
        }

        if (parts.Count >= 2)
        {
            var index = Math.Round(parts.Sum(p => p.Score * p.Weight) / parts.Sum(p => p.Weight), 2);
            quality = new RecoveryQuality(index, QualityLabel(index), hrvScore, rhrScore, sleepScore, QualityMethod);
        }
        else
        {
            Missing("quality", "needs at least two of: HRV against its baseline, resting HR against its baseline, sleep in the last 7 days");
        }

        // Red flags.
        var flags = new List<RedFlag>();
        if (hrv?.Suppressed == true)
        {
            flags.Add(new RedFlag("hrv_suppressed", FormattableString.Invariant($"7-day HRV ({hrv.WeekMeanMs} ms) is below the baseline band ({hrv.BaselineLowMs}–{hrv.BaselineHighMs} ms)")));
        }

        if (restingHr?.Elevated == true)
        {
            flags.Add(new RedFlag("resting_hr_elevated", FormattableString.Invariant($"resting HR is {restingHr.DeltaBpm} bpm above baseline ({restingHr.Last7AvgBpm} vs {restingHr.BaselineBpm} bpm)")));
        }

        var shortNights = week.Count(w => w.SleepSecs is > 0 && w.SleepSecs < 6 * 3600);
        if (sleep?.Last7AvgH is < 6 || shortNights >= 3)
        {
            flags.Add(new RedFlag("short_sleep", FormattableString.Invariant($"sleep averaged {sleep?.Last7AvgH} h over the last 7 days, {shortNights} nights under 6 h")));
        }

        if (form is { Tsb: < -30 })
        {
            flags.Add(new RedFlag("deep_fatigue", FormattableString.Invariant($"TSB is {form.Tsb} (high-risk zone below −30) on {form.Date}")));
        }

        var lastThree = inWindow.Where(w => w.Id > today.AddDays(-3)).ToList();
        var heavyDays = lastThree.Count(w => w.Fatigue >= 3 || w.Soreness >= 3);
        if (heavyDays >= 2)
        {
            flags.Add(new RedFlag("subjective_fatigue", $"fatigue or soreness rated High or Extreme on {heavyDays} of the last 3 days"));
        }

        if (lastThree.Any(w => w.Injury >= 3))
        {
            flags.Add(new RedFlag("injury", "injury rated Poor or Injured in the last 3 days"));
        }

        // State and readiness.
        var reasons = new List<string>();
        if (quality?.Label == "Low")
        {
            reasons.Add(FormattableString.Invariant($"recovery quality is Low ({quality.Index})"));
        }

        if (flags.Any(f => f.Code == "hrv_suppressed"))
        {
            reasons.Add("HRV is suppressed");
        }

        if (flags.Any(f => f.Code == "deep_fatigue"))
        {
            reasons.Add("TSB is below −30");
        }

        if (flags.Count >= 2)
        {
            reasons.Add($"{flags.Count} red flags");
        }

        var priority = reasons.Count > 0;
        var measured = quality is not null || form is not null || flags.Count > 0;
        var state = priority ? "RecoveryPriority" : measured ? "LoadAccepting" : "unavailable";
        var stateReason = !measured
            ? "No wellness data (HRV, resting HR, sleep, CTL/ATL) in the window: the recovery state cannot be judged. Ask the athlete how they feel, or sync a wearable to Intervals.icu."
            : priority
            ? "Recovery first: " + string.Join("; ", reasons.Distinct(StringComparer.Ordinal)) + "."
            : quality is null
                ? "No red flag, but too little wellness data for a quality reading; judge by feel."
                : FormattableString.Invariant($"Recovery quality {quality.Label} ({quality.Index}) with {flags.Count} red flag{(flags.Count == 1 ? "" : "s")}: training load can be absorbed.");
        IReadOnlyList<SessionReadiness> readiness = measured
            ? Readiness(priority, quality, form, flags)
            : [.. new[] { "easy", "intensity", "long", "race" }.Select(k => new SessionReadiness(k, "unavailable", "no wellness data to judge readiness"))];

        var days = inWindow.Select(w => new RecoveryDay(
            DateRange.Format(w.Id!.Value),
            Units.Round(w.Hrv),
            Rhr(w) is { } bpm ? (int)bpm : null,
            w.SleepSecs is > 0 ? Math.Round(w.SleepSecs.Value / 3600.0, 2) : null,
            Units.Round(w.SleepScore, 0),
            w.Ctl is { } c && w.Atl is { } a ? Math.Round(c - a, 1) : null,
            w.Fatigue,
            w.Soreness)).ToList();
        return new RecoveryReport(window.ToString(), window.Days, sleep, restingHr, hrv, form, quality, state, stateReason, flags, readiness, days,
            unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>Good ≥ 0.8, Fair ≥ 0.5, else Low.</summary>
    public static string QualityLabel(double index) => index >= 0.8 ? "Good" : index >= 0.5 ? "Fair" : "Low";

    private static List<SessionReadiness> Readiness(bool priority, RecoveryQuality? quality, FormView? form, List<RedFlag> flags)
    {
        var injured = flags.Any(f => f.Code == "injury");
        var shortSleep = flags.Any(f => f.Code == "short_sleep");
        var tsb = form?.Tsb;
        var list = new List<SessionReadiness>
        {
            injured
                ? new("easy", "caution", "an injury is reported: keep it pain-free or rest")
                : new("easy", "ready", "easy aerobic work supports recovery"),
        };

        if (priority)
        {
            list.Add(new("intensity", "not_ready", "recovery has priority: postpone hard intervals"));
            list.Add(new("long", "not_ready", "recovery has priority: shorten the long session or keep it easy"));
            list.Add(new("race", "not_ready", "recovery has priority: not race-ready"));
            return list;
        }

        var fair = quality?.Label == "Fair";
        list.Add(fair || tsb < -20 || flags.Count > 0
            ? new("intensity", "caution", $"possible but watch the response ({Describe(quality, tsb, flags)})")
            : new("intensity", "ready", Describe(quality, tsb, flags)));
        list.Add(fair || shortSleep
            ? new("long", "caution", $"keep the long session aerobic and fuel it ({Describe(quality, tsb, flags)})")
            : new("long", "ready", Describe(quality, tsb, flags)));
        list.Add(tsb is null or < -10 || quality?.Label != "Good" || flags.Count > 0
            ? new("race", "caution", $"not fresh enough for a best performance ({Describe(quality, tsb, flags)})")
            : new("race", "ready", Describe(quality, tsb, flags)));
        return list;
    }

    private static string Describe(RecoveryQuality? quality, double? tsb, List<RedFlag> flags)
    {
        var parts = new List<string>
        {
            quality is null ? "quality unavailable" : FormattableString.Invariant($"quality {quality.Label} {quality.Index}"),
            tsb is null ? "TSB unavailable" : FormattableString.Invariant($"TSB {tsb}"),
        };
        if (flags.Count > 0)
        {
            parts.Add("flags: " + string.Join(", ", flags.Select(f => f.Code)));
        }

        return string.Join(", ", parts);
    }

    private static string StateName(HrvState state) => state switch
    {
        HrvState.Suppressed => "suppressed",
        HrvState.Elevated => "elevated",
        HrvState.Normal => "normal",
        HrvState.NoBaseline => "no_baseline",
        _ => "not_enough_data",
    };

    private static double? Mean(IEnumerable<WellnessDto> rows, Func<WellnessDto, double?> value, int digits)
    {
        var values = rows.Select(value).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return values.Count > 0 ? Math.Round(values.Average(), digits) : null;
    }
}
