using System.Collections.Immutable;
using System.Globalization;
using IcuSync.Analytics.Endurance;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Coaching;

/// <summary>Minimum, mean and maximum of one stream over the samples that carry a value. Units in <c>Unit</c>.</summary>
public sealed record StreamStat(string Stream, string Unit, int Samples, double Min, double Avg, double Max);

/// <summary>Per-stream statistics of one activity (analysis_type streams).</summary>
public sealed record SessionStreams(
    string ActivityId,
    string Date,
    string? Sport,
    string? Name,
    int? Load,
    IReadOnlyList<StreamStat>? Streams,
    string? Rule,
    StravaStubNotice? StravaStub,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>
/// The athlete's power-duration anchors around the activity: eFTP, W′ and Pmax, each with where it came from
/// (<c>intervals_wellness</c>: Intervals.icu's model on the day; <c>sport_settings</c>; <c>activity</c>). FTP is the one the activity used.
/// </summary>
public sealed record PowerAnchors(
    double? FtpW,
    double? EftpW,
    string? EftpSource,
    double? WPrimeJ,
    string? WPrimeSource,
    double? PmaxW,
    string? PmaxSource,
    string? AsOf);

/// <summary>
/// How deep the session dug into W′ (differential W′ balance on the 1 s grid): the largest depletion in J and as % of W′,
/// when it happened, the time spent below 25 % of W′, Intervals.icu's own maximum depletion, and a reading.
/// </summary>
public sealed record WPrimeDepletion(
    double CpW,
    double WPrimeJ,
    string CpSource,
    double MaxDepletionJ,
    double MaxDepletionPct,
    int MinBalanceAtS,
    int TimeBelowQuarterS,
    int? IntervalsMaxDepletionJ,
    string Reading);

/// <summary>
/// Signed aerobic decoupling (EF of the first half against the second; positive = heart rate drifted up against output,
/// negative = output rose against heart rate) with its direction and a durability label.
/// </summary>
public sealed record SignedDecoupling(double Pct, string Basis, string Direction, string Durability, double FirstHalfEf, double SecondHalfEf, double? IntervalsPct);

/// <summary>
/// How steady the aerobic (Z2) work was: the samples whose output (power, else speed) lay in zone 2, their share of the
/// recording, mean output and HR, and the decoupling of output against HR across them (halves by sample count).
/// </summary>
public sealed record Z2Stability(
    string Basis,
    string Band,
    int TimeS,
    double SharePct,
    double? AvgOutput,
    double? AvgHrBpm,
    double? DecouplingPct,
    double? HrDriftBpm,
    string Label);

/// <summary>
/// Cadence (rpm; runs record per-leg cycles, steps/min = 2 × rpm) over the samples with cadence, its variation, the share
/// of samples at 0 (coasting or standing), and the terrain: elevation gain per km and its label.
/// </summary>
public sealed record CadenceTerrain(
    double? AvgCadenceRpm,
    double? CadenceCvPct,
    double? ZeroCadenceSharePct,
    double? ElevationGainM,
    double? GainPerKmM,
    double? AltitudeMinM,
    double? AltitudeMaxM,
    string? Terrain);

/// <summary>
/// An estimate of what the session cost and what a similar session needs: energy (kcal), carbohydrate burned (g) and a
/// suggested carbohydrate intake per hour. Every figure says how it was obtained.
/// </summary>
public sealed record NutritionDemand(
    int? EnergyKcal,
    string? EnergySource,
    double? CarbShare,
    int? CarbsG,
    string? CarbsSource,
    int? SuggestedCarbsPerHourG,
    string Method);

/// <summary>Headline stream metrics of the session (see get_extended_metrics for the full set).</summary>
public sealed record SessionMetrics(
    double? AvgPowerW,
    double? NpW,
    double? If,
    double? Vi,
    double? WorkKj,
    double? EfWPerBpm,
    double? EfMPerMinPerBpm,
    HrDriftMetric? HrDrift,
    IReadOnlyList<MeanMaxAnchor>? MeanMax);

/// <summary>analysis_type detailed: anchors, W′, decoupling, Z2 stability, cadence/terrain, nutrition and headline metrics.</summary>
public sealed record DetailedSession(
    PowerAnchors? Anchors,
    WPrimeDepletion? WPrime,
    SignedDecoupling? Decoupling,
    Z2Stability? Z2Stability,
    CadenceTerrain? CadenceTerrain,
    NutritionDemand? Nutrition,
    SessionMetrics? Metrics,
    IReadOnlyList<UnavailableMetric>? Unavailable);

/// <summary>One interval or lap, rep by rep. Durations in s, power in W, HR in bpm, load in points.</summary>
public sealed record RepRow(
    int Rep,
    string? Type,
    string? Label,
    string? Group,
    int? StartS,
    int? DurationS,
    double? DistanceKm,
    int? AvgPowerW,
    int? NpW,
    int? MaxPowerW,
    int? IntensityPct,
    int? AvgHrBpm,
    int? MaxHrBpm,
    string? Pace,
    double? CadenceRpm,
    int? Zone,
    double? Load,
    double? DecouplingPct,
    int? WbalEndJ);

/// <summary>
/// The work reps together: count, total time, mean output and HR, and how the last rep compared with the first
/// (output change in %, negative = fade; HR change in bpm).
/// </summary>
public sealed record WorkRepSummary(int WorkReps, int WorkTimeS, double? AvgPowerW, double? AvgHrBpm, double? LastVsFirstOutputPct, double? LastVsFirstHrBpm, string? Basis);

/// <summary>analysis_type intervals: the rep table, Intervals.icu's groups of similar reps and the work-rep summary.</summary>
public sealed record IntervalsView(IReadOnlyList<RepRow> Reps, IReadOnlyList<IntervalGroupRow>? Groups, WorkRepSummary? Work, string? Note);

/// <summary>Which activity a single-session request resolved to, or why it did not resolve to one.</summary>
public sealed record SessionLookup(string Status, string? ActivityId, IReadOnlyList<ActivityRow> Candidates, string? Message);

/// <summary>
/// One session for analyze_training target_type single: finding it (by id, or by date and a name filter) and the
/// detailed, interval and stream analyses, built on <see cref="ActivityAnalysisService"/> and IcuSync.Analytics.
/// </summary>
public sealed class SessionAnalysis(IntervalsReads reads, ActivityAnalysisService activities)
{
    /// <summary>Every stream the session analyses read (one request, cached per athlete).</summary>
    public static ImmutableArray<string> AllStreamTypes { get; } = ["time", "watts", "heartrate", "cadence", "velocity_smooth", "altitude", "distance"];

    /// <summary>The least time in Z2, in seconds, for a Z2 stability reading.</summary>
    public const int MinimumZ2Seconds = 600;

    /// <summary>How the stream statistics treat samples, for results.</summary>
    public const string StreamRule = "min/avg/max over the samples that carry a value (nulls skipped); heart rate ignores 0 bpm (sensor drop-outs); speed in km/h";

    /// <summary>
    /// Finds the session: by id (checked against the athlete), or the athlete's non-Strava activities on
    /// <paramref name="date"/> whose name or description contains <paramref name="descriptionContains"/>.
    /// </summary>
    public async Task<SessionLookup> FindAsync(AthleteScope scope, string? activityId, DateOnly? date, string? descriptionContains, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (activityId is not null)
        {
            var owned = await activities.GetOwnedActivityAsync(scope, activityId, includeIntervals: false, ct);
            return new SessionLookup("found", owned.Id, [], null);
        }

        var day = date ?? throw new ArgumentNullException(nameof(date));
        var onDay = (await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, day, day, ct))
            .OrderBy(a => a.StartDateLocal)
            .ToList();
        var matching = onDay.Where(a => Contains(a, descriptionContains)).ToList();
        var usable = matching.Where(a => !a.IsStravaStub).ToList();
        if (usable.Count == 1 || (usable.Count == 0 && matching.Count == 1))
        {
            return new SessionLookup("found", (usable.Count == 1 ? usable[0] : matching[0]).Id, [], null);
        }

        if (matching.Count > 1)
        {
            return new SessionLookup("ambiguous", null, [.. matching.Select(TrainingHistory.ToRow)],
                $"{matching.Count} activities on {DateRange.Format(day)}{Filter(descriptionContains)}: pass activity_id (or a description_contains that matches one name).");
        }

        var nearby = (await reads.ListActivitiesAsync(scope.Credential, scope.AthleteId, day.AddDays(-3), day.AddDays(3), ct))
            .Where(a => Contains(a, descriptionContains) || descriptionContains is null)
            .OrderBy(a => Math.Abs(DateOnly.FromDateTime(a.StartDateLocal ?? day.ToDateTime(TimeOnly.MinValue)).DayNumber - day.DayNumber))
            .Take(6)
            .Select(TrainingHistory.ToRow)
            .ToList();
        var what = onDay.Count > 0 ? $"no activity on {DateRange.Format(day)} matches '{descriptionContains}'" : $"no activity on {DateRange.Format(day)}";
        return new SessionLookup("no_activity", null, nearby,
            $"{scope.Athlete.Name} has {what}. {(nearby.Count > 0 ? "Activities within 3 days are listed as candidates." : "Nothing was recorded within 3 days either.")}");
    }

    /// <summary>Summary analysis: the activity as Intervals.icu analysed it, without the interval table.</summary>
    public async Task<ActivityDetail> SummaryAsync(AthleteScope scope, string activityId, CancellationToken ct)
    {
        var detail = await activities.GetDetailAsync(scope, activityId, ct);
        return detail with { Intervals = null, IntervalGroups = null };
    }

    /// <summary>The rep-by-rep table of the activity's intervals (or laps) and the work-rep summary.</summary>
    public async Task<(ActivityDto Activity, IntervalsView? View)> IntervalsAsync(AthleteScope scope, string activityId, CancellationToken ct)
    {
        ActivityDto activity;
        try
        {
            activity = await activities.GetOwnedActivityAsync(scope, activityId, includeIntervals: true, ct);
        }
        catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.StravaRestricted)
        {
            activity = await activities.GetOwnedActivityAsync(scope, activityId, includeIntervals: false, ct);
        }

        if (activity.IsStravaStub)
        {
            return (activity, null);
        }

        var settings = await activities.SettingsForAsync(scope, activity.Type, ct);
        return (activity, IntervalsOf(activity, settings));
    }

    /// <summary>The rep table of an activity read with its intervals.</summary>
    public static IntervalsView IntervalsOf(ActivityDto activity, SportSettingsDto? settings)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var sport = activity.Type ?? "";
        var power = activity.AverageWatts is > 0;
        var reps = (activity.Intervals ?? [])
            .Select((i, k) => new RepRow(
                k + 1,
                i.Type,
                string.IsNullOrWhiteSpace(i.Label) ? null : i.Label,
                i.GroupId,
                i.StartTime,
                i.MovingTime ?? i.ElapsedTime,
                Units.Km(i.Distance),
                i.AverageWatts,
                i.WeightedAverageWatts,
                i.MaxWatts,
                i.Intensity,
                i.AverageHeartrate,
                i.MaxHeartrate,
                power ? null : Pace(i.AverageSpeed, sport, settings?.PaceUnits),
                Units.Round(i.AverageCadence, 0),
                i.Zone is > 0 ? i.Zone : null,
                Units.Round(i.TrainingLoad, 1),
                Units.Round(i.Decoupling, 1),
                i.WbalEnd))
            .ToList();
        var groups = IntervalGroupRow.Of(activity, speed => power ? null : Pace(speed, sport, settings?.PaceUnits));

        var work = (activity.Intervals ?? [])
            .Where(i => string.Equals(i.Type, "WORK", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(i.Label, "Warmup", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(i.Label, "Cooldown", StringComparison.OrdinalIgnoreCase))
            .ToList();
        WorkRepSummary? summary = null;
        if (work.Count > 0)
        {
            var seconds = work.Sum(i => i.MovingTime ?? i.ElapsedTime ?? 0);
            double? Weighted(Func<IntervalDto, double?> value)
            {
                var rows = work.Where(i => value(i) is not null && (i.MovingTime ?? i.ElapsedTime) is > 0).ToList();
                var total = rows.Sum(i => (double)(i.MovingTime ?? i.ElapsedTime)!.Value);
                return total > 0 ? Math.Round(rows.Sum(i => value(i)!.Value * (i.MovingTime ?? i.ElapsedTime)!.Value) / total, 1) : null;
            }

            var basis = power ? "power" : "speed";
            double? Output(IntervalDto i) => power ? i.AverageWatts : i.AverageSpeed;
            double? change = null;
            double? hrChange = null;
            if (work.Count >= 2)
            {
                if (Output(work[0]) is { } first && first > 0 && Output(work[^1]) is { } last)
                {
                    change = Math.Round((last - first) * 100 / first, 1);
                }

                if (work[0].AverageHeartrate is { } h1 && work[^1].AverageHeartrate is { } h2)
                {
                    hrChange = h2 - h1;
                }
            }

            summary = new WorkRepSummary(work.Count, seconds, power ? Weighted(i => i.AverageWatts) : null, Weighted(i => i.AverageHeartrate),
                change, hrChange, work.Count >= 2 ? basis : null);
        }

        string? note = reps.Count == 0
            ? "Intervals.icu found no intervals or laps in this activity (for example a steady session without laps)."
            : work.Count == 0 ? "No WORK intervals: the session has laps but no efforts Intervals.icu marked as work." : null;
        return new IntervalsView(reps, groups, summary, note);
    }

    /// <summary>Min/avg/max per stream of one activity (Strava imports explained).</summary>
    public async Task<SessionStreams> StreamsAsync(AthleteScope scope, ActivityDto activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.Id ?? "";
        if (activity.IsStravaStub)
        {
            return new SessionStreams(id, TrainingHistory.LocalDate(activity), activity.Type, activity.Name, null, null, null, StravaStubNotice.Instance, null);
        }

        IReadOnlyList<ActivityStreamDto> streams;
        try
        {
            streams = await reads.GetStreamsAsync(scope.Credential, scope.AthleteId, id, AllStreamTypes, ct);
        }
        catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.StravaRestricted)
        {
            return new SessionStreams(id, TrainingHistory.LocalDate(activity), activity.Type, activity.Name, null, null, null, StravaStubNotice.Instance, null);
        }

        var stats = StreamStats(streams);
        return new SessionStreams(
            id,
            TrainingHistory.LocalDate(activity),
            activity.Type,
            activity.Name,
            activity.TrainingLoad,
            stats.Count > 0 ? stats : null,
            StreamRule,
            null,
            stats.Count == 0 ? [new UnavailableMetric("streams", "the activity has no recorded streams (for example a manual entry)")] : null);
    }

    /// <summary>Min/avg/max of watts, heart rate, cadence, speed (km/h) and altitude, by <see cref="StreamRule"/>.</summary>
    public static List<StreamStat> StreamStats(IReadOnlyList<ActivityStreamDto> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var stats = new List<StreamStat>();
        void Add(string type, string name, string unit, Func<double, bool> keep, double scale)
        {
            var data = streams.FirstOrDefault(s => s.Type == type && s.AllNull != true)?.Data;
            var values = (data ?? []).Where(v => v is { } x && double.IsFinite(x) && keep(x)).Select(v => v!.Value * scale).ToList();
            if (values.Count > 0 && values.Any(v => v != 0))
            {
                stats.Add(new StreamStat(name, unit, values.Count, Math.Round(values.Min(), 1), Math.Round(values.Average(), 1), Math.Round(values.Max(), 1)));
            }
        }

        Add("watts", "power", "W", _ => true, 1);
        Add("heartrate", "heart_rate", "bpm", v => v > 0, 1);
        Add("cadence", "cadence", "rpm", _ => true, 1);
        Add("velocity_smooth", "speed", "km/h", _ => true, 3.6);
        Add("altitude", "altitude", "m", _ => true, 1);
        return stats;
    }

    /// <summary>The detailed analysis of one (non-Strava) activity.</summary>
    public async Task<DetailedSession> DetailedAsync(AthleteScope scope, ActivityDto activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(activity);
        var raw = await reads.GetStreamsAsync(scope.Credential, scope.AthleteId, activity.Id ?? "", AllStreamTypes, ct);
        var series = ActivityStreamSeries.From(raw);
        var settings = await activities.SettingsForAsync(scope, activity.Type, ct);
        var thresholds = await activities.ResolveThresholdsAsync(scope, activity, settings, series.HasPower, ct);
        var metrics = ActivityAnalysisService.Analyze(activity, series, settings, thresholds);
        var wellness = activity.StartDateLocal is { } start
            ? await reads.ListWellnessAsync(scope.Credential, scope.AthleteId, DateOnly.FromDateTime(start).AddDays(-6), DateOnly.FromDateTime(start), ct)
            : [];
        return Detail(activity, series, settings, metrics, wellness);
    }

    /// <summary>Builds the detailed analysis from what <see cref="DetailedAsync"/> read. Pure.</summary>
    public static DetailedSession Detail(
        ActivityDto activity, ActivityStreamSeries series, SportSettingsDto? settings, ExtendedMetrics metrics, IReadOnlyList<WellnessDto> wellness)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(wellness);
        var unavailable = new List<UnavailableMetric>();
        void Missing(string metric, string reason) => unavailable.Add(new UnavailableMetric(metric, reason));

        var anchors = Anchors(activity, settings, metrics.Thresholds?.FtpW, wellness);
        if (anchors.EftpW is null)
        {
            Missing("anchors.eftp_w", $"no eFTP for {activity.Type ?? "this sport"} in Intervals.icu's wellness model or the sport settings");
        }

        if (anchors.WPrimeJ is null)
        {
            Missing("anchors.w_prime_j", "no W′ in Intervals.icu's model, the sport settings or the activity");
        }

        if (anchors.PmaxW is null)
        {
            Missing("anchors.pmax_w", "no Pmax in Intervals.icu's model, the sport settings or the activity");
        }

        WPrimeDepletion? wPrime = null;
        if (metrics.WPrimeBalance is { } w)
        {
            var pct = w.MaxDepletionJ / w.WPrimeJ * 100;
            wPrime = new WPrimeDepletion(w.CpW, w.WPrimeJ, w.Source, w.MaxDepletionJ, Math.Round(pct, 1), w.MinAtS, w.TimeBelowQuarterS,
                activity.MaxWbalDepletion, DepletionReading(pct));
        }
        else
        {
            Missing("w_prime", series.HasPower ? "no CP/W′ to run the W′ balance (see anchors)" : "no power stream");
        }

        SignedDecoupling? decoupling = null;
        if (metrics.Decoupling is { } d)
        {
            decoupling = new SignedDecoupling(d.Pct, d.Basis, d.Pct < 0 ? "improving" : d.Pct < 5 ? "stable" : "drifting",
                d.Pct < 5 ? "durable" : d.Pct < 10 ? "moderate" : "low", d.FirstHalfEf, d.SecondHalfEf, Units.Round(activity.Decoupling, 2));
        }
        else
        {
            Missing("decoupling", series.HasHeartRate ? "each half needs heart rate and output samples" : "no heart-rate stream");
        }

        var z2 = Z2Of(activity, series, settings, metrics.Thresholds?.FtpW, out var z2Missing);
        if (z2Missing is not null)
        {
            Missing("z2_stability", z2Missing);
        }

        var terrain = TerrainOf(activity, series);
        if (terrain.AvgCadenceRpm is null)
        {
            Missing("cadence_terrain.avg_cadence_rpm", "no cadence stream");
        }

        var nutrition = NutritionOf(activity, metrics);
        if (nutrition.EnergyKcal is null)
        {
            Missing("nutrition.energy_kcal", "no power stream and no device calorie estimate");
        }

        if (nutrition.CarbsG is null)
        {
            Missing("nutrition.carbs_g", "no intensity (IF) to estimate the carbohydrate share");
        }

        var headline = new SessionMetrics(metrics.AvgPowerW, metrics.NpW, metrics.If, metrics.Vi, metrics.WorkKj, metrics.EfWPerBpm,
            metrics.EfMPerMinPerBpm, metrics.HrDrift, metrics.MeanMax);
        return new DetailedSession(anchors, wPrime, decoupling, z2, terrain, nutrition, headline, unavailable.Count > 0 ? unavailable : null);
    }

    /// <summary>
    /// eFTP, W′ and Pmax: Intervals.icu's model (wellness <c>sportInfo</c>) from the latest day of the week ending on the
    /// activity's date, else the sport settings' model and values, else the activity's own.
    /// </summary>
    public static PowerAnchors Anchors(ActivityDto activity, SportSettingsDto? settings, double? ftp, IReadOnlyList<WellnessDto> wellness)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(wellness);
        var info = wellness
            .Where(w => w.Id is not null && w.SportInfo is { Count: > 0 })
            .OrderByDescending(w => w.Id)
            .Select(w => (Day: w.Id!.Value, Info: w.SportInfo!.FirstOrDefault(s => s.Type is { } t && TrainingHistory.MatchesSport(activity, t))))
            .FirstOrDefault(x => x.Info is not null);
        double? eftp = info.Info?.Eftp;
        string? eftpSource = eftp is null ? null : "intervals_wellness";
        if (eftp is null && settings?.MmpModel?.Ftp is > 0)
        {
            (eftp, eftpSource) = (settings.MmpModel.Ftp, "sport_settings_model");
        }

        double? wPrime = info.Info?.WPrime;
        string? wPrimeSource = wPrime is null ? null : "intervals_wellness";
        if (wPrime is null)
        {
            if (settings?.MmpModel?.WPrime is > 0)
            {
                (wPrime, wPrimeSource) = (settings.MmpModel.WPrime, "sport_settings_model");
            }
            else if (settings?.WPrime is > 0)
            {
                (wPrime, wPrimeSource) = (settings.WPrime, "sport_settings");
            }
            else if (activity.WPrime is > 0)
            {
                (wPrime, wPrimeSource) = (activity.WPrime, "activity");
            }
        }

        double? pMax = info.Info?.PMax;
        string? pMaxSource = pMax is null ? null : "intervals_wellness";
        if (pMax is null)
        {
            if (settings?.MmpModel?.PMax is > 0)
            {
                (pMax, pMaxSource) = (settings.MmpModel.PMax, "sport_settings_model");
            }
            else if (settings?.PMax is > 0)
            {
                (pMax, pMaxSource) = (settings.PMax, "sport_settings");
            }
            else if (activity.PMax is > 0)
            {
                (pMax, pMaxSource) = (activity.PMax, "activity");
            }
        }

        return new PowerAnchors(ftp, Units.Round(eftp, 1), eftpSource, Units.Round(wPrime, 0), wPrimeSource, Units.Round(pMax, 0), pMaxSource,
            info.Info is null ? null : DateRange.Format(info.Day));
    }

    /// <summary>A reading of the largest W′ depletion as % of W′.</summary>
    public static string DepletionReading(double pct) => pct switch
    {
        < 25 => "light: W′ barely used (steady work below CP)",
        < 60 => "moderate: repeated efforts above CP with recovery",
        < 90 => "deep: hard efforts that drained most of W′",
        <= 100 => "near-complete: W′ was (almost) exhausted",
        _ => "beyond W′: the balance went negative, so CP or W′ are probably set too low",
    };

    /// <summary>
    /// Z2 samples: power within (Z1 top, Z2 top] of FTP when the activity has power and power zones, else speed within the
    /// pace zone 2 band of threshold pace. Null (with the reason) when there is no band or under <see cref="MinimumZ2Seconds"/>.
    /// </summary>
    public static Z2Stability? Z2Of(ActivityDto activity, ActivityStreamSeries series, SportSettingsDto? settings, double? ftp, out string? unavailable)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(series);
        unavailable = null;
        if (!series.HasHeartRate)
        {
            unavailable = "no heart-rate stream";
            return null;
        }

        ReadOnlySpan<double> output;
        double low, high;
        string basis, band;
        var powerTops = activity.PowerZones is { Count: >= 2 } az && az[0] is { } a0 && az[1] is { } a1 ? (a0, a1)
            : settings?.PowerZones is { Count: >= 2 } sz && sz[0] is { } s0 && sz[1] is { } s1 ? (s0, s1)
            : ((int, int)?)null;
        var paceTops = activity.PaceZones is { Count: >= 2 } ap && ap[0] is { } p0 && ap[1] is { } p1 ? (p0, p1)
            : settings?.PaceZones is { Count: >= 2 } sp && sp[0] is { } q0 && sp[1] is { } q1 ? (q0, q1)
            : ((double, double)?)null;
        var thresholdSpeed = activity.ThresholdPace ?? settings?.ThresholdPace;
        if (series.HasPower && ftp is > 0 && powerTops is { } pt)
        {
            output = series.Recorded.Watts.Span;
            (low, high, basis) = (pt.Item1 * ftp.Value / 100, pt.Item2 * ftp.Value / 100, "power");
            band = string.Create(CultureInfo.InvariantCulture, $"{low:0}–{high:0} W ({pt.Item1}–{pt.Item2}% of FTP {ftp.Value:0} W)");
        }
        else if (series.HasSpeed && thresholdSpeed is > 0 && paceTops is { } qt)
        {
            output = series.Recorded.Speed.Span;
            (low, high, basis) = (qt.Item1 * thresholdSpeed.Value / 100, qt.Item2 * thresholdSpeed.Value / 100, "speed");
            band = string.Create(CultureInfo.InvariantCulture, $"{low * 3.6:0.0}–{high * 3.6:0.0} km/h ({qt.Item1:0.#}–{qt.Item2:0.#}% of threshold pace)");
        }
        else
        {
            unavailable = series.HasPower ? "no FTP or power zones to place zone 2" : "no power, or no threshold pace and pace zones, to place zone 2";
            return null;
        }

        var heartRate = series.Recorded.HeartRate.Span;
        var z2Output = new List<double>();
        var z2Hr = new List<double>();
        for (var i = 0; i < output.Length && i < heartRate.Length; i++)
        {
            if (output[i] > low && output[i] <= high && heartRate[i] > 0)
            {
                z2Output.Add(output[i]);
                z2Hr.Add(heartRate[i]);
            }
        }

        if (z2Output.Count < MinimumZ2Seconds)
        {
            unavailable = $"only {z2Output.Count} s in zone 2 ({band}); the reading needs at least {MinimumZ2Seconds} s";
            return null;
        }

        var decoupling = AerobicDecoupling.Compute(z2Output.ToArray(), z2Hr.ToArray());
        var middle = z2Hr.Count / 2;
        var drift = z2Hr.Skip(middle).Average() - z2Hr.Take(middle).Average();
        var label = decoupling is not { } dc ? "unknown"
            : Math.Abs(dc.Percent) < 5 ? "stable"
            : Math.Abs(dc.Percent) < 10 ? "some drift"
            : "unstable";
        var scale = basis == "speed" ? 3.6 : 1;
        return new Z2Stability(
            basis,
            band,
            z2Output.Count,
            Math.Round(z2Output.Count * 100.0 / Math.Max(1, series.RecordedSeconds), 1),
            Math.Round(z2Output.Average() * scale, 1),
            Math.Round(z2Hr.Average(), 1),
            decoupling is null ? null : Math.Round(decoupling.Percent, 2),
            Math.Round(drift, 1),
            label);
    }

    /// <summary>Cadence over the samples above 0 rpm, and terrain from elevation gain per km (indoor sessions have none).</summary>
    public static CadenceTerrain TerrainOf(ActivityDto activity, ActivityStreamSeries series)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(series);
        double? avgCadence = null, cv = null, zeroShare = null;
        var cadence = series.Recorded.Cadence.Span;
        var recorded = new List<double>();
        foreach (var c in cadence)
        {
            if (double.IsFinite(c))
            {
                recorded.Add(c);
            }
        }

        var pedalling = recorded.Where(c => c > 0).ToList();
        if (pedalling.Count > 0)
        {
            var mean = pedalling.Average();
            var sd = Math.Sqrt(pedalling.Sum(c => (c - mean) * (c - mean)) / pedalling.Count);
            (avgCadence, cv, zeroShare) = (Math.Round(mean, 1), Math.Round(sd / mean * 100, 1), Math.Round((recorded.Count - pedalling.Count) * 100.0 / recorded.Count, 1));
        }

        var altitude = new List<double>();
        foreach (var a in series.Recorded.Altitude.Span)
        {
            if (double.IsFinite(a))
            {
                altitude.Add(a);
            }
        }

        var km = activity.BestDistance is > 0 and var meters ? meters / 1000 : (double?)null;
        var gain = activity.TotalElevationGain;
        var perKm = gain is { } g && km is > 0.5 ? Math.Round(g / km.Value, 1) : (double?)null;
        var terrain = activity.Trainer == true ? "indoor (no terrain)"
            : perKm switch
            {
                null => null,
                < 5 => "flat",
                < 12 => "rolling",
                < 20 => "hilly",
                _ => "mountainous",
            };
        return new CadenceTerrain(avgCadence, cv, zeroShare, Units.Round(gain, 0), perKm,
            altitude.Count > 0 ? Math.Round(altitude.Min(), 1) : null, altitude.Count > 0 ? Math.Round(altitude.Max(), 1) : null, terrain);
    }

    /// <summary>
    /// Energy from mechanical work (1 kJ of work ≈ 1 kcal burned at about 24 % gross efficiency), else the device's
    /// calories; carbohydrate from Intervals.icu's carbs_used, else the share of energy from carbohydrate by intensity
    /// (IF under 0.6: 45 %, 0.7: 55 %, 0.8: 65 %, 0.9: 75 %, 1.0: 85 %, above: 95 %) at 4 kcal/g; intake for a similar
    /// session by its length (under 60 min none, 90 min 30 g/h, 150 min 60 g/h, longer 90 g/h).
    /// </summary>
    public static NutritionDemand NutritionOf(ActivityDto activity, ExtendedMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(metrics);
        int? kcal = null;
        string? energySource = null;
        var work = metrics.WorkKj ?? (activity.Joules is > 0 ? activity.Joules / 1000.0 : null);
        if (work is > 0)
        {
            (kcal, energySource) = ((int)Math.Round(work.Value), "mechanical work: 1 kJ ≈ 1 kcal at ~24% gross efficiency");
        }
        else if (activity.Calories is > 0)
        {
            (kcal, energySource) = (activity.Calories, "device calorie estimate");
        }

        var intensity = metrics.If ?? (activity.Intensity is { } i ? (i > 3 ? i / 100 : i) : null);
        double? share = intensity switch
        {
            null => null,
            < 0.6 => 0.45,
            < 0.7 => 0.55,
            < 0.8 => 0.65,
            < 0.9 => 0.75,
            < 1.0 => 0.85,
            _ => 0.95,
        };
        int? carbs = null;
        string? carbsSource = null;
        if (activity.CarbsUsed is > 0)
        {
            (carbs, carbsSource) = (activity.CarbsUsed, "Intervals.icu carbs_used");
        }
        else if (kcal is { } k && share is { } s)
        {
            (carbs, carbsSource) = ((int)Math.Round(k * s / 4), string.Create(CultureInfo.InvariantCulture, $"{s * 100:0}% of energy from carbohydrate at IF {intensity:0.00}, 4 kcal/g"));
        }

        var minutes = (activity.MovingTime ?? activity.ElapsedTime ?? 0) / 60.0;
        int? perHour = minutes <= 0 ? null : minutes < 60 ? 0 : minutes < 90 ? 30 : minutes < 150 ? 60 : 90;
        return new NutritionDemand(kcal, energySource, share, carbs, carbsSource, perHour,
            "estimate for planning fuel, not a measurement: energy from work or device, carbohydrate share by intensity, intake by session length");
    }

    private static string? Pace(double? speed, string sport, string? paceUnits) =>
        paceUnits is null ? Units.Pace(speed, sport) : PaceUnits.Format(speed, paceUnits);

    private static bool Contains(ActivityDto activity, string? text) =>
        string.IsNullOrWhiteSpace(text)
        || (activity.Name?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) ?? false)
        || (activity.Description?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);

    private static string Filter(string? text) => string.IsNullOrWhiteSpace(text) ? "" : $" matching '{text.Trim()}'";
}
