using IcuSync.Analytics;
using IcuSync.Analytics.Distribution;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Trends;
using IcuSync.Analytics.Wellness;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>
/// The CTL trend over the window (least-squares slope of the last 28 days in CTL points per week against the flat band)
/// and the plateau: its first day and length when CTL has been flat, detected at 28 days or more.
/// </summary>
public sealed record PlateauView(
    string Trend,
    double SlopePerWeek,
    double FlatBandPerWeek,
    bool Detected,
    string? Start,
    int? Days,
    double CtlStart,
    double CtlEnd,
    string Source);

/// <summary>
/// HRV context for progress: the ratio e^(7-day lnRMSSD mean − baseline mean) (1.0 = at baseline), the state against the
/// baseline band, and the lnRMSSD 7-day rollup (mean, CV %), its least-squares trend per week over the window and the count of values.
/// </summary>
public sealed record HrvContext(
    string State,
    double? HrvRatio,
    double? LnRmssdWeekMean,
    double? WeekCvPct,
    double? TrendSlopePerWeek,
    int SampleCount);

/// <summary>One 7-day block of the three-zone distribution: shares in % and the Shannon entropy of the three shares in bits.</summary>
public sealed record TidWeek(string Start, string End, int ZoneTimeS, double? LowPct, double? ModeratePct, double? HighPct, double? EntropyBits);

/// <summary>
/// Intensity-distribution drift: weekly three-zone samples, the mean entropy of the recent 4 weeks against the prior 4
/// (bits, 0 = one zone, 1.585 = even split), and the state: <c>stable</c> (|Δ| under 0.05 bits), <c>converging</c> (entropy
/// rising: time spreading into the moderate zone) or <c>polarizing</c> (entropy falling: time concentrating at the ends).
/// </summary>
public sealed record TidDrift(
    IReadOnlyList<TidWeek> Weeks,
    double? RecentEntropyBits,
    double? PriorEntropyBits,
    double? DeltaBits,
    string? State,
    string? DominantZone,
    string Mapping);

/// <summary>One coaching hypothesis for stalled progress, ranked by confidence (0–1), with the evidence behind it.</summary>
public sealed record ProgressHypothesis(int Rank, string Factor, bool Supported, double Confidence, IReadOnlyList<string> Evidence, string Recommendation);

/// <summary>Everything track_progress reports. <c>HistoryStart</c> is set when the training history begins inside the window read.</summary>
public sealed record ProgressReport(
    string Window,
    int PeriodWeeks,
    string? HistoryStart,
    PlateauView? Plateau,
    AcwrView? Acwr,
    MonotonyView? Monotony,
    HrvContext? Hrv,
    TidDrift? Tid,
    IReadOnlyList<ProgressHypothesis>? Hypotheses,
    IReadOnlyList<string>? Warnings,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// track_progress: CTL plateau (IcuSync.Analytics plateau detection over the window), ACWR, monotony and strain, HRV
/// context, intensity-distribution drift, and ranked hypotheses for stalled progress.
/// </summary>
public sealed class ProgressTracking(IntervalsReads reads, FitnessSeries fitness)
{
    /// <summary>Days read before today for the load and distribution metrics: 8 weeks (4 recent + 4 prior).</summary>
    public const int RecentDays = 56;

    /// <summary>Entropy change (bits) below which the distribution counts as stable.</summary>
    public const double StableEntropyBits = 0.05;

    public async Task<ProgressReport> TrackAsync(AthleteScope scope, int periodWeeks, bool hypotheses, bool includeWellness, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = scope.Today;
        var window = new DateRange(today.AddDays(-(periodWeeks * 7) + 1), today);
        var readFrom = window.Start < today.AddDays(-(RecentDays - 1)) ? window.Start : today.AddDays(-(RecentDays - 1));
        var activities = await TrainingSummaries.ListActivitiesAsync(reads, scope, new DateRange(readFrom, today), ct);
        var report = await fitness.GetAsync(scope, window, ct);
        IReadOnlyList<WellnessDto>? wellness = null;
        if (includeWellness)
        {
            var wellnessFrom = today.AddDays(-(6 + WellnessLog.HrvBaselineDays));
            wellness = await WellnessLog.ListAsync(reads, scope, new DateRange(wellnessFrom < window.Start ? wellnessFrom : window.Start, today), ct);
        }

        return Track(activities, report, wellness, window, periodWeeks, hypotheses);
    }

    /// <summary>Builds the report from what <see cref="TrackAsync"/> read. Pure.</summary>
    public static ProgressReport Track(
        IReadOnlyList<ActivityDto> activities, FitnessReport fitnessReport, IReadOnlyList<WellnessDto>? wellness, DateRange window, int periodWeeks, bool hypotheses)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(fitnessReport);
        var today = window.End;
        var warnings = new List<string>();
        var unavailable = new List<UnavailableMetric>();
        var usable = activities.Where(a => !a.IsStravaStub && a.StartDateLocal is not null).ToList();
        var first = usable.Count > 0 ? usable.Min(a => DateOnly.FromDateTime(a.StartDateLocal!.Value)) : (DateOnly?)null;
        var historyDays = first is { } f ? today.DayNumber - f.DayNumber + 1 : 0;
        var readStart = window.Start < today.AddDays(-(RecentDays - 1)) ? window.Start : today.AddDays(-(RecentDays - 1));
        var historyStartsLate = first is null || first.Value > readStart.AddDays(13);
        if (first is null)
        {
            warnings.Add($"No training recorded between {DateRange.Format(readStart)} and {DateRange.Format(today)}: load, plateau and distribution cannot be assessed.");
        }
        else if (historyStartsLate)
        {
            warnings.Add($"Training history starts on {DateRange.Format(first.Value)} ({historyDays} days): CTL before then is built from zero, so trends are unreliable for about 6 weeks.");
        }

        // CTL plateau.
        PlateauView? plateau = null;
        var days = fitnessReport.Days;
        if (historyStartsLate && historyDays < PlateauDetectionDays)
        {
            unavailable.Add(new UnavailableMetric("plateau", $"needs {PlateauDetectionDays} days of training history; found {historyDays}"));
        }
        else if (fitnessReport.Trend is { } trend && days.Count > 0)
        {
            plateau = new PlateauView(trend.Direction, trend.SlopePerWeek, trend.FlatBandPerWeek, trend.Plateau == true, trend.PlateauSince, trend.PlateauDays,
                days[0].Ctl, days[^1].Ctl, fitnessReport.Source);
        }
        else
        {
            unavailable.Add(new UnavailableMetric("plateau", "fewer than 28 days of CTL"));
        }

        // Load: ACWR from the first day of history (or 56 days back), monotony and strain of the last 7 days.
        var loadStart = first is { } h && h > today.AddDays(-(RecentDays - 1)) ? h : today.AddDays(-(RecentDays - 1));
        var loads = PeriodAnalysis.DailyLoads(usable, new DateRange(loadStart, today));
        AcwrView? acwr = null;
        if (first is not null && Acwr.Compute(loads) is { Ratio: { } ratio } result)
        {
            acwr = new AcwrView(DateRange.Format(today), Math.Round(ratio, 2), PeriodAnalysis.AcwrState(ratio), Math.Round(result.Acute, 1),
                Math.Round(result.Chronic, 1), result.Days, $"EWMA 7/28 days over the daily load of {new DateRange(loadStart, today)}");
        }
        else
        {
            unavailable.Add(new UnavailableMetric("acwr", loads.Length < 28 ? $"needs 28 days of load history; found {loads.Length}" : "no load in the chronic window"));
        }

        MonotonyView? monotony = null;
        if (first is not null && loads.Length >= 7)
        {
            monotony = PeriodAnalysis.MonotonyOf(loads, today);
            if (monotony.Monotony is null)
            {
                unavailable.Add(new UnavailableMetric("monotony", "no load in the last 7 days"));
            }
        }
        else
        {
            unavailable.Add(new UnavailableMetric("monotony", "fewer than 7 days of load history"));
        }

        // HRV.
        HrvContext? hrv = null;
        if (wellness is null)
        {
            unavailable.Add(new UnavailableMetric("hrv", "this connection has no 'get_wellness' access to the athlete"));
        }
        else
        {
            var values = wellness.Where(w => w.Id is not null && w.Hrv is > 0).GroupBy(w => w.Id!.Value).Select(g => new DatedValue(g.Key, g.Last().Hrv!.Value)).ToList();
            var status = HrvTrend.Assess(values, today, new HrvOptions { MinimumWeekValues = WellnessLog.HrvMinimumWeekValues, BaselineDays = WellnessLog.HrvBaselineDays });
            if (status.State is HrvState.NotSupported)
            {
                unavailable.Add(new UnavailableMetric("hrv", $"fewer than {WellnessLog.HrvMinimumWeekValues} HRV values in the last 7 days"));
                warnings.Add("Not enough HRV data for the recovery hypothesis; it rests on load and CTL alone.");
            }
            else
            {
                var inWindow = values.Where(v => v.Date >= window.Start).Select(v => (v.Date, Math.Log(v.Value))).ToList();
                var slope = inWindow.Count >= 4 ? LeastSquares.SlopePerDay(inWindow) * 7 : null;
                hrv = new HrvContext(
                    status.State switch
                    {
                        HrvState.Suppressed => "suppressed",
                        HrvState.Elevated => "elevated",
                        HrvState.Normal => "normal",
                        _ => "no_baseline",
                    },
                    status.LnRmssdMean7d is { } m && status.BaselineMean is { } b ? Math.Round(Math.Exp(m - b), 3) : null,
                    Units.Round(status.LnRmssdMean7d, 3),
                    Units.Round(status.CvPercent7d, 2),
                    slope is { } s ? Math.Round(s, 4) : null,
                    inWindow.Count);
            }
        }

        // Intensity-distribution drift: 7-day blocks ending today.
        var blocks = Math.Max(periodWeeks, 8);
        var weeks = new List<(TidWeek Row, IntensityDistribution? Split)>();
        for (var w = blocks - 1; w >= 0; w--)
        {
            var end = today.AddDays(-7 * w);
            var start = end.AddDays(-6);
            double low = 0, moderate = 0, high = 0;
            foreach (var a in usable.Where(x => DateOnly.FromDateTime(x.StartDateLocal!.Value) is var d && d >= start && d <= end))
            {
                if (TrainingSummaries.ThreeZones(a) is { } z)
                {
                    low += z.LowSeconds;
                    moderate += z.ModerateSeconds;
                    high += z.HighSeconds;
                }
            }

            var split = TrainingIntensity.FromThreeZones(low, moderate, high);
            weeks.Add((new TidWeek(DateRange.Format(start), DateRange.Format(end), (int)Math.Round(low + moderate + high),
                split is null ? null : Math.Round(split.LowFraction * 100, 1),
                split is null ? null : Math.Round(split.ModerateFraction * 100, 1),
                split is null ? null : Math.Round(split.HighFraction * 100, 1),
                split is null ? null : Math.Round(split.EntropyBits, 3)), split));
        }

        var recent = weeks.TakeLast(4).Where(w => w.Split is not null).ToList();
        var prior = weeks.SkipLast(4).TakeLast(4).Where(w => w.Split is not null).ToList();
        double? recentH = recent.Count >= 2 ? Math.Round(recent.Average(w => w.Split!.EntropyBits), 3) : null;
        double? priorH = prior.Count >= 2 ? Math.Round(prior.Average(w => w.Split!.EntropyBits), 3) : null;
        double? delta = recentH is { } rh && priorH is { } ph ? Math.Round(rh - ph, 3) : null;
        string? drift = delta switch
        {
            null => null,
            { } x when Math.Abs(x) < StableEntropyBits => "stable",
            > 0 => "converging",
            _ => "polarizing",
        };
        string? dominant = null;
        if (recent.Count > 0)
        {
            var lowS = recent.Sum(w => w.Split!.LowSeconds);
            var modS = recent.Sum(w => w.Split!.ModerateSeconds);
            var highS = recent.Sum(w => w.Split!.HighSeconds);
            dominant = lowS >= modS && lowS >= highS ? "low" : modS >= highS ? "moderate" : "high";
        }

        if (drift is null)
        {
            unavailable.Add(new UnavailableMetric("tid.state", "needs zone times in at least 2 of the recent 4 weeks and 2 of the 4 weeks before"));
        }

        var tid = new TidDrift([.. weeks.TakeLast(periodWeeks).Select(w => w.Row)], recentH, priorH, delta, drift, dominant, TrainingSummaries.IntensityMapping);

        var ranked = hypotheses ? Hypotheses(plateau, acwr, monotony, hrv, tid) : null;
        return new ProgressReport(
            window.ToString(),
            periodWeeks,
            historyStartsLate && first is { } fs ? DateRange.Format(fs) : null,
            plateau,
            acwr,
            monotony,
            hrv,
            tid,
            ranked,
            warnings.Count > 0 ? warnings : null,
            unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>
    /// Three hypotheses scored from the evidence: volume (flat CTL with ACWR productive or underloaded), intensity
    /// distribution (flat CTL with high monotony or a converging distribution), recovery (declining or stalled CTL with ACWR
    /// watch/overreaching or suppressed HRV). Each starts at 0.2 and gains a stated weight per supporting sign (cap 0.95).
    /// </summary>
    public static IReadOnlyList<ProgressHypothesis> Hypotheses(PlateauView? plateau, AcwrView? acwr, MonotonyView? monotony, HrvContext? hrv, TidDrift? tid)
    {
        var flat = plateau is { Trend: "Flat" };
        var declining = plateau is { Trend: "Declining" };
        var stalled = plateau?.Detected == true;
        var list = new List<(string Factor, bool Supported, double Score, List<string> Evidence, string Advice)>();

        // Volume.
        {
            var evidence = new List<string>();
            var score = 0.2;
            if (flat)
            {
                score += 0.3;
                evidence.Add(FormattableString.Invariant($"CTL is flat ({plateau!.SlopePerWeek:+0.00;-0.00} CTL/week, band ±{plateau.FlatBandPerWeek:0.00})"));
            }

            if (stalled)
            {
                score += 0.15;
                evidence.Add($"plateau since {plateau!.Start} ({plateau.Days} days)");
            }

            if (acwr?.State is "underloaded")
            {
                score += 0.25;
                evidence.Add(FormattableString.Invariant($"ACWR {acwr.Ratio} is underloaded (< 0.8): load is below what the athlete is used to"));
            }
            else if (acwr?.State is "productive")
            {
                score += 0.1;
                evidence.Add(FormattableString.Invariant($"ACWR {acwr.Ratio} is productive: load is steady, not progressing"));
            }

            if (hrv?.State is "normal" or "elevated")
            {
                score += 0.1;
                evidence.Add($"HRV is {hrv.State}: recovery is not the limiter");
            }

            list.Add(("volume", flat && acwr?.State is "underloaded" or "productive", score, evidence,
                "Raise weekly volume by 5–10% (mostly low-intensity time) for 2–3 weeks, then a lighter week."));
        }

        // Intensity distribution.
        {
            var evidence = new List<string>();
            var score = 0.2;
            if (flat)
            {
                score += 0.25;
                evidence.Add(FormattableString.Invariant($"CTL is flat ({plateau!.SlopePerWeek:+0.00;-0.00} CTL/week)"));
            }

            var monotonous = monotony?.Monotony is > 1.5;
            if (monotonous)
            {
                score += monotony!.Monotony > 2.0 ? 0.25 : 0.15;
                evidence.Add(FormattableString.Invariant($"monotony {monotony.Monotony} (> 1.5): days are too alike"));
            }

            var converging = tid?.State == "converging";
            if (converging)
            {
                score += 0.25;
                evidence.Add(FormattableString.Invariant($"intensity distribution is converging (entropy {tid!.PriorEntropyBits} → {tid.RecentEntropyBits} bits)"));
            }
            else if (tid?.DominantZone == "moderate")
            {
                score += 0.15;
                evidence.Add("the moderate zone dominates the recent 4 weeks");
            }

            list.Add(("intensity_distribution", flat && (monotonous || converging || tid?.DominantZone == "moderate"), score, evidence,
                "Polarise: make easy days easier and keep 1–2 clearly hard sessions a week; vary daily load."));
        }

        // Recovery.
        {
            var evidence = new List<string>();
            var score = 0.2;
            if (declining)
            {
                score += 0.25;
                evidence.Add(FormattableString.Invariant($"CTL is declining ({plateau!.SlopePerWeek:+0.00;-0.00} CTL/week)"));
            }
            else if (stalled)
            {
                score += 0.1;
                evidence.Add($"CTL has stalled since {plateau!.Start}");
            }

            var strained = acwr?.State is "watch" or "overreaching";
            if (strained)
            {
                score += 0.2;
                evidence.Add(FormattableString.Invariant($"ACWR {acwr!.Ratio} is {acwr.State}"));
            }

            var suppressed = hrv?.State == "suppressed";
            if (suppressed)
            {
                score += 0.3;
                evidence.Add(FormattableString.Invariant($"HRV is suppressed (ratio {hrv!.HrvRatio} of baseline)"));
            }

            list.Add(("recovery", (declining || stalled) && (strained || suppressed), score, evidence,
                "Plan a recovery microcycle (3–5 days of easy, shorter sessions), check sleep, then rebuild."));
        }

        return [.. list
            .Select(h => (h.Factor, h.Supported, Score: Math.Round(Math.Min(0.95, h.Score), 2), h.Evidence, h.Advice))
            .OrderByDescending(h => h.Supported)
            .ThenByDescending(h => h.Score)
            .Select((h, i) => new ProgressHypothesis(i + 1, h.Factor, h.Supported, h.Score,
                h.Evidence.Count > 0 ? h.Evidence : ["no supporting sign in the data"], h.Advice))];
    }

    private const int PlateauDetectionDays = PlateauDetection.MinimumDays;
}
