using System.Collections.Immutable;
using System.Globalization;
using IcuSync.Analytics.Distribution;
using IcuSync.Analytics.Endurance;
using IcuSync.Analytics.Streams;
using IcuSync.Intervals;
using IcuSync.Server.Mcp;
using ModelContextProtocol;

namespace IcuSync.Server.Coaching;

/// <summary>
/// One activity of the target athlete: its detail as Intervals.icu analysed it (<see cref="GetDetailAsync"/>) and the
/// metrics IcuSync computes itself from its streams with IcuSync.Analytics (<see cref="GetExtendedMetricsAsync"/>).
/// Every read checks that the activity belongs to the athlete of the scope, so a coach who reaches several athletes is
/// never served another athlete's activity. Strava stubs come back with <see cref="StravaStubNotice"/>, never as zeros.
/// </summary>
public sealed class ActivityAnalysisService(IntervalsReads reads, AthleteProfiles profiles, PowerCurves curves)
{
    /// <summary>The streams the stream metrics read.</summary>
    public static ImmutableArray<string> StreamTypes { get; } = ["time", "watts", "heartrate", "velocity_smooth", "cadence"];

    /// <summary>The mean-max anchors reported for one activity, in seconds: 5 s, 1, 5, 20 and 60 min.</summary>
    public static ImmutableArray<int> MeanMaxAnchorSeconds { get; } = [5, 60, 300, 1200, 3600];

    /// <summary>Days of the athlete's power curve (ending on the activity's date) used to fit CP/W′ when sport settings have none.</summary>
    public const int FittedCurveDays = 90;

    private const string AcceptedId = "an Intervals.icu activity id such as i51234567 (get_training_history lists them)";

    /// <summary>Validates an activity id argument: letters, digits, '_' or '-', at most 40 characters.</summary>
    public static string ParseActivityId(string? value, string argument = "activity_id")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ToolFailure.BadArgument(argument, AcceptedId, "it is missing");
        }

        var id = value.Trim();
        return id.Length <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? id
            : throw ToolFailure.BadArgument(argument, AcceptedId, $"got '{ToolArguments.Shorten(id)}'");
    }

    /// <summary>
    /// The activity, refused unless it belongs to the scope's athlete (<c>icu_athlete_id</c>). An unknown id, or one
    /// Intervals.icu will not show this credential, is refused with advice to list the athlete's activities.
    /// </summary>
    public async Task<ActivityDto> GetOwnedActivityAsync(AthleteScope scope, string activityId, bool includeIntervals, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ActivityDto activity;
        try
        {
            activity = await reads.GetActivityAsync(scope.Credential, scope.AthleteId, activityId, includeIntervals, ct);
        }
        catch (IntervalsException error) when (error.Kind is IntervalsErrorKind.NotFound or IntervalsErrorKind.Forbidden)
        {
            throw NotOwned(scope, activityId);
        }

        if (activity.AthleteId is { Length: > 0 } owner && !string.Equals(owner, scope.AthleteId, StringComparison.Ordinal))
        {
            throw NotOwned(scope, activityId);
        }

        return activity;
    }

    /// <summary>The activity's summary, interval table, time in zones, weather and notes (or the Strava explanation).</summary>
    public async Task<ActivityDetail> GetDetailAsync(AthleteScope scope, string activityId, CancellationToken ct)
    {
        ActivityDto activity;
        try
        {
            activity = await GetOwnedActivityAsync(scope, activityId, includeIntervals: true, ct);
        }
        catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.StravaRestricted)
        {
            // Asking for the intervals of a Strava import can fail on its own; the bare activity is still the stub.
            activity = await GetOwnedActivityAsync(scope, activityId, includeIntervals: false, ct);
            if (!activity.IsStravaStub)
            {
                throw;
            }
        }

        if (activity.IsStravaStub)
        {
            return StubDetail(activity);
        }

        var settings = await SettingsForAsync(scope, activity.Type, ct);
        return Describe(activity, settings);
    }

    /// <summary>
    /// NP, IF, VI, EF, decoupling, HR drift, W′ balance, mean-max anchors and time in zones, computed from the
    /// activity's streams. Fields that cannot be computed are listed with the reason.
    /// </summary>
    public async Task<ExtendedMetrics> GetExtendedMetricsAsync(AthleteScope scope, string activityId, CancellationToken ct)
    {
        var activity = await GetOwnedActivityAsync(scope, activityId, includeIntervals: false, ct);
        if (activity.IsStravaStub)
        {
            return StubMetrics(activity);
        }

        ActivityStreamSeries streams;
        try
        {
            streams = await LoadStreamsAsync(scope, activity, ct);
        }
        catch (IntervalsException error) when (error.Kind == IntervalsErrorKind.StravaRestricted)
        {
            return StubMetrics(activity);
        }

        var settings = await SettingsForAsync(scope, activity.Type, ct);
        var thresholds = await ResolveThresholdsAsync(scope, activity, settings, streams.HasPower, ct);
        return Analyze(activity, streams, settings, thresholds);
    }

    /// <summary>
    /// The streams of an activity already checked with <see cref="GetOwnedActivityAsync"/> (cached per athlete).
    /// A Strava import fails with <see cref="IntervalsErrorKind.StravaRestricted"/>.
    /// </summary>
    public async Task<ActivityStreamSeries> LoadStreamsAsync(AthleteScope scope, ActivityDto activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.Id ?? throw new ArgumentException("The activity has no id.", nameof(activity));
        var streams = await reads.GetStreamsAsync(scope.Credential, scope.AthleteId, id, StreamTypes, ct);
        return ActivityStreamSeries.From(streams);
    }

    /// <summary>The athlete's sport settings that apply to <paramref name="sport"/>, if any.</summary>
    public async Task<SportSettingsDto?> SettingsForAsync(AthleteScope scope, string? sport, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrWhiteSpace(sport))
        {
            return null;
        }

        var (_, settings) = await profiles.GetAsync(scope.Credential, scope.AthleteId, ct);
        return AthleteProfiles.For(settings, sport);
    }

    /// <summary>
    /// FTP (the activity's, else the sport settings') and CP/W′ for W′ balance: the sport settings' <c>mmp_model</c>,
    /// else W′ from sport settings with CP = FTP (as Intervals.icu does), else a valid fit to the athlete's power curve
    /// over the <see cref="FittedCurveDays"/> days ending on the activity's date.
    /// </summary>
    public async Task<MetricThresholds> ResolveThresholdsAsync(AthleteScope scope, ActivityDto activity, SportSettingsDto? settings, bool hasPower, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        double? ftp = activity.Ftp is > 0 ? activity.Ftp : settings?.Ftp is > 0 ? settings.Ftp : null;
        var ftpSource = activity.Ftp is > 0 ? "activity" : ftp is null ? null : "sport_settings";
        double? cp = null;
        double? wPrime = null;
        string? source = null;
        if (settings?.MmpModel is { CriticalPower: > 0 and var modelCp, WPrime: > 0 and var modelWPrime })
        {
            (cp, wPrime, source) = (modelCp, modelWPrime, "mmp_model");
        }
        else if (settings?.WPrime is > 0 and var settingsWPrime && ftp is { } f)
        {
            (cp, wPrime, source) = (f, settingsWPrime, "sport_settings");
        }
        else if (hasPower && activity.Type is { } sport && activity.StartDateLocal is { } start)
        {
            var day = DateOnly.FromDateTime(start);
            try
            {
                var (fit, _) = await curves.EstimateAsync(scope, sport, new DateRange(day.AddDays(-(FittedCurveDays - 1)), day), ct);
                if (fit is { Valid: true })
                {
                    (cp, wPrime, source) = (fit.CpW, fit.WPrimeJ, "fitted_90d_curve");
                }
            }
            catch (IntervalsException error) when (error.Kind is IntervalsErrorKind.InvalidRequest or IntervalsErrorKind.NotFound)
            {
                // No curve for this sport: W′ balance is reported unavailable instead.
            }
        }

        var thresholdSpeed = activity.ThresholdPace ?? settings?.ThresholdPace;
        return new MetricThresholds(
            ftp,
            ftpSource,
            Units.Round(cp, 1),
            Units.Round(wPrime, 0),
            source,
            activity.Lthr ?? settings?.Lthr,
            FormatPace(thresholdSpeed, activity.Type ?? "", settings?.PaceUnits));
    }

    /// <summary>The detail of a (non-stub) activity as Intervals.icu analysed it.</summary>
    public static ActivityDetail Describe(ActivityDto activity, SportSettingsDto? settings)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var a = activity;
        var sport = a.Type ?? "";
        var showPace = ShowsPace(sport);
        var paceUnits = settings?.PaceUnits;
        var summary = new ActivitySummary(
            a.MovingTime,
            a.ElapsedTime,
            Units.Km(a.BestDistance),
            Units.Round(a.TotalElevationGain, 0),
            a.TrainingLoad,
            a.Intensity is { } intensity ? Math.Round(intensity > 3 ? intensity / 100.0 : intensity, 2) : null,
            a.AverageWatts,
            a.WeightedAverageWatts,
            a.Ftp,
            Units.Round(a.VariabilityIndex, 2),
            Units.Round(a.EfficiencyFactor, 2),
            a.Joules is { } joules ? Math.Round(joules / 1000.0) : null,
            a.AverageHeartrate,
            a.MaxHeartrate,
            showPace ? FormatPace(a.AverageSpeed, sport, paceUnits) : null,
            a.AverageSpeed is > 0 and var speed ? Math.Round(speed * 3.6, 1) : null,
            Units.Round(a.AverageCadence, 0),
            Units.Round(a.Decoupling, 1),
            a.Calories,
            a.CarbsUsed,
            a.Rpe,
            a.Feel,
            a.Trainer == true ? true : null,
            a.Race == true ? true : null,
            a.Source,
            a.DeviceName,
            Units.Round(a.Compliance, 0),
            a.IntervalSummary is { Count: > 0 } summaries ? summaries : null);

        var intervals = a.Intervals is { Count: > 0 } list
            ? list.Select((interval, k) => new IntervalRow(
                k + 1,
                interval.Type,
                string.IsNullOrWhiteSpace(interval.Label) ? null : interval.Label,
                interval.StartTime,
                interval.MovingTime ?? interval.ElapsedTime,
                Units.Km(interval.Distance),
                interval.AverageWatts,
                interval.WeightedAverageWatts,
                interval.MaxWatts,
                interval.Intensity,
                interval.AverageHeartrate,
                interval.MaxHeartrate,
                showPace ? FormatPace(interval.AverageSpeed, sport, paceUnits) : null,
                Units.Round(interval.AverageCadence, 0),
                IntervalZone(interval, settings))).ToList()
            : null;
        var groups = IntervalGroupRow.Of(a, speed => showPace ? FormatPace(speed, sport, paceUnits) : null);

        return new ActivityDetail(
            a.Id ?? "",
            TrainingHistory.LocalDate(a),
            StartTime(a),
            a.Type,
            a.Name,
            null,
            summary,
            intervals,
            groups,
            ZonesOf(a, settings),
            WeatherOf(a),
            string.IsNullOrWhiteSpace(a.Description) ? null : a.Description.Trim(),
            a.Tags is { Count: > 0 } tags ? tags : null,
            a.PairedEventId);
    }

    /// <summary>Time in power, HR and pace zones as Intervals.icu computed them, with zone names and bounds.</summary>
    public static ActivityZoneTimes? ZonesOf(ActivityDto activity, SportSettingsDto? settings)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var a = activity;
        List<ZoneTimeRow>? power = null;
        int? sweetSpot = null;
        if (a.ZoneTimes is { Count: > 0 } zoneTimes)
        {
            var seconds = new List<int>();
            foreach (var zone in zoneTimes)
            {
                if (zone.Id is { Length: > 1 } id && id[0] == 'Z' && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
                {
                    while (seconds.Count < number)
                    {
                        seconds.Add(0);
                    }

                    seconds[number - 1] = zone.Secs ?? 0;
                }
                else if (zone.Id == "SS")
                {
                    sweetSpot = zone.Secs;
                }
            }

            power = ZoneRows(seconds, settings?.PowerZoneNames, PowerRanges(Percentages(a.PowerZones) ?? Percentages(settings?.PowerZones), a.Ftp ?? settings?.Ftp));
        }

        var hr = a.HrZoneTimes is { Count: > 0 } hrTimes
            ? ZoneRows([.. hrTimes.Select(s => s ?? 0)], settings?.HrZoneNames, HrRanges(Percentages(a.HrZones) ?? Percentages(settings?.HrZones)))
            : null;
        var pace = a.PaceZoneTimes is { Count: > 0 } paceTimes
            ? ZoneRows([.. paceTimes.Select(s => s ?? 0)], settings?.PaceZoneNames,
                PaceRanges(Percentages(a.PaceZones) ?? Percentages(settings?.PaceZones), a.ThresholdPace ?? settings?.ThresholdPace, a.Type ?? "", settings?.PaceUnits))
            : null;
        return power is null && hr is null && pace is null ? null : new ActivityZoneTimes(power, power is null ? null : sweetSpot, hr, pace);
    }

    /// <summary>
    /// The stream metrics of one activity. Pure: give it the activity, its streams, its sport settings and the
    /// thresholds from <see cref="ResolveThresholdsAsync"/>.
    /// </summary>
    public static ExtendedMetrics Analyze(ActivityDto activity, ActivityStreamSeries streams, SportSettingsDto? settings, MetricThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(thresholds);
        var sport = activity.Type ?? "this sport";
        if (streams.RecordedSeconds == 0)
        {
            return new ExtendedMetrics(
                activity.Id ?? "", TrainingHistory.LocalDate(activity), activity.Type, activity.Name, null, 0, null, thresholds,
                null, null, null, null, null, null, null, null, null, null, null, null, IntervalsValues(activity),
                [new UnavailableMetric("all", "the activity has no recorded streams (for example a manual entry), so nothing can be computed from them")]);
        }

        var unavailable = new List<UnavailableMetric>();
        void Missing(string metric, string reason) => unavailable.Add(new UnavailableMetric(metric, reason));

        var powerTopsPercent = OpenTopsDropped(Percentages(activity.PowerZones) ?? Percentages(settings?.PowerZones));
        ImmutableArray<double> powerTops = thresholds.FtpW is { } ftp && powerTopsPercent is { } percent
            ? ZoneTimes.TopsFromPercent(percent.AsSpan(), ftp)
            : [];
        var recorded = ActivityAnalyzer.Analyze(streams.Recorded, new ActivityAnalysisOptions { Ftp = thresholds.FtpW, PowerZoneTops = powerTops });
        var elapsed = streams.HasPower
            ? ActivityAnalyzer.Analyze(
                new ActivityStreams { Watts = streams.ElapsedWatts },
                new ActivityAnalysisOptions { CriticalPower = thresholds.CpW, WPrime = thresholds.WPrimeJ, MeanMaxDurations = MeanMaxAnchorSeconds })
            : null;

        // Power headline numbers.
        var power = recorded.Power;
        const string NoPower = "no power stream: recorded without a power meter";
        if (power is null)
        {
            foreach (var metric in new[] { "avg_power_w", "np_w", "if", "vi", "work_kj", "ef_w_per_bpm", "mean_max", "w_prime_balance", "zones.power" })
            {
                Missing(metric, NoPower);
            }
        }
        else
        {
            if (power.NormalizedPower is null)
            {
                Missing("np_w", "the power stream is shorter than the 30 s NP window");
            }
            else if (power.IntensityFactor is null)
            {
                Missing("if", $"no FTP for {sport} on the activity or in sport settings");
            }

            if (power.NormalizedPower is not null && power.VariabilityIndex is null)
            {
                Missing("vi", "average power is 0 W");
            }
        }

        // Heart-rate based numbers.
        var heartRate = streams.Recorded.HeartRate.Span;
        double? efPower = null;
        double? efSpeed = null;
        if (!streams.HasHeartRate)
        {
            Missing("decoupling", "no heart-rate stream");
            Missing("hr_drift", "no heart-rate stream");
            Missing(streams.HasPower ? "ef_w_per_bpm" : "ef_m_per_min_per_bpm", "no heart-rate stream");
        }
        else if (streams.HasPower)
        {
            efPower = Units.Round(recorded.EfficiencyFactor, 3);
            if (efPower is null)
            {
                Missing("ef_w_per_bpm", "no NP (power stream shorter than 30 s)");
            }
        }
        else if (streams.HasSpeed)
        {
            // Runners read EF as (m/min)/bpm (about 1–2); the engine gives (m/s)/bpm.
            efSpeed = Units.Round(recorded.EfficiencyFactor * 60, 3);
        }
        else
        {
            Missing("ef_m_per_min_per_bpm", "no power or speed stream");
        }

        DecouplingMetric? decoupling = null;
        if (recorded.Decoupling is { } d && double.IsFinite(d.Percent))
        {
            var scale = streams.HasPower ? 1 : 60;
            decoupling = new DecouplingMetric(Math.Round(d.Percent, 2), streams.HasPower ? "power" : "speed", DecouplingLabel(d.Percent),
                Math.Round(d.FirstHalfEfficiency * scale, 3), Math.Round(d.SecondHalfEfficiency * scale, 3));
        }
        else if (streams.HasHeartRate)
        {
            Missing("decoupling", streams.HasPower || streams.HasSpeed
                ? "each half of the activity needs heart-rate samples and some output"
                : "no power or speed stream to set against heart rate");
        }

        HrDriftMetric? drift = null;
        if (streams.HasHeartRate)
        {
            var middle = heartRate.Length / 2;
            var first = AerobicDecoupling.AverageHeartRate(heartRate[..middle]);
            var second = AerobicDecoupling.AverageHeartRate(heartRate[middle..]);
            if (first is { } h1 && second is { } h2)
            {
                drift = new HrDriftMetric(Math.Round(h1, 1), Math.Round(h2, 1), Math.Round(h2 - h1, 1), Math.Round((h2 - h1) / h1 * 100, 2));
            }
            else
            {
                Missing("hr_drift", "one half of the activity has no heart-rate samples");
            }
        }

        // Energy metrics on the elapsed 1 s grid.
        WPrimeBalanceMetric? wbal = null;
        if (elapsed?.WPrimeBalance is { } w && thresholds.CpSource is { } cpSource)
        {
            wbal = new WPrimeBalanceMetric(
                Math.Round(w.CriticalPower, 1),
                Math.Round(w.WPrime),
                cpSource,
                Math.Round(w.MinimumJoules),
                Math.Round(w.MinimumJoules / w.WPrime * 100, 1),
                w.MinimumAtSeconds,
                Math.Round(w.MaxDepletionJoules),
                w.SecondsBelowQuarter);
        }
        else if (streams.HasPower)
        {
            Missing("w_prime_balance", $"no CP/W′: the {sport} sport settings have no W′ (or mmp model) and no valid CP fit came from the last {FittedCurveDays} days of power data");
        }

        List<MeanMaxAnchor>? meanMax = null;
        if (elapsed?.PowerCurve is { } curve)
        {
            meanMax = [];
            foreach (var seconds in MeanMaxAnchorSeconds)
            {
                if (curve.ValueAt(seconds) is { } watts)
                {
                    meanMax.Add(new MeanMaxAnchor(seconds, PowerCurves.DurationLabel(seconds), Math.Round(watts, 1)));
                }
                else
                {
                    Missing($"mean_max.{PowerCurves.DurationLabel(seconds)}", $"the activity is shorter than {PowerCurves.DurationLabel(seconds)}");
                }
            }
        }

        var zones = StreamZones(activity, streams, settings, thresholds, recorded, powerTopsPercent, Missing);
        return new ExtendedMetrics(
            activity.Id ?? "",
            TrainingHistory.LocalDate(activity),
            activity.Type,
            activity.Name,
            null,
            streams.RecordedSeconds,
            streams.ElapsedSeconds,
            thresholds,
            Units.Round(power?.AveragePower, 1),
            Units.Round(power?.NormalizedPower, 1),
            Units.Round(power?.IntensityFactor, 3),
            Units.Round(power?.VariabilityIndex, 3),
            power is null ? null : Math.Round(power.WorkJoules / 1000, 1),
            efPower,
            efSpeed,
            decoupling,
            drift,
            wbal,
            meanMax,
            zones,
            IntervalsValues(activity),
            unavailable.Count == 0 ? null : unavailable);
    }

    /// <summary>A short reading of a decoupling percentage (positive: heart rate drifted up against output).</summary>
    public static string DecouplingLabel(double percent) => percent switch
    {
        < -5 => "negative: output rose against heart rate (e.g. a harder second half)",
        < 5 => "coupled (under 5%): a steady aerobic response",
        < 10 => "moderate drift (5–10%)",
        _ => "high decoupling (over 10%): fatigue, heat, dehydration or an effort above the aerobic threshold",
    };

    private static ActivityZoneTimes? StreamZones(
        ActivityDto activity, ActivityStreamSeries streams, SportSettingsDto? settings, MetricThresholds thresholds, ActivityAnalysis recorded,
        double[]? powerTopsPercent, Action<string, string> missing)
    {
        List<ZoneTimeRow>? power = null;
        if (recorded.TimeInPowerZones is { } powerSeconds)
        {
            power = ZoneRows([.. powerSeconds.Select(s => (int)s)], settings?.PowerZoneNames,
                PowerRanges(Percentages(activity.PowerZones) ?? Percentages(settings?.PowerZones), thresholds.FtpW));
        }
        else if (streams.HasPower)
        {
            missing("zones.power", powerTopsPercent is null ? "no power zones in sport settings" : "no FTP to place the power zones");
        }

        List<ZoneTimeRow>? hr = null;
        var hrTopsAll = Percentages(activity.HrZones) ?? Percentages(settings?.HrZones);
        if (streams.HasHeartRate && OpenTopsDropped(hrTopsAll, dropLast: true) is { } hrTops)
        {
            var samples = streams.Recorded.HeartRate.ToArray();
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = samples[i] > 0 ? samples[i] : double.NaN;
            }

            var seconds = ZoneTimes.Compute(samples, hrTops);
            hr = ZoneRows([.. seconds.Select(s => (int)s)], settings?.HrZoneNames, HrRanges(hrTopsAll));
        }
        else if (streams.HasHeartRate)
        {
            missing("zones.hr", "no heart-rate zones in sport settings");
        }

        List<ZoneTimeRow>? pace = null;
        var paceTopsAll = Percentages(activity.PaceZones) ?? Percentages(settings?.PaceZones);
        var thresholdSpeed = activity.ThresholdPace ?? settings?.ThresholdPace;
        if (streams.HasSpeed && ShowsPace(activity.Type ?? "") && thresholdSpeed is > 0 && OpenTopsDropped(paceTopsAll) is { } paceTopsPercent)
        {
            var samples = streams.Recorded.Speed.ToArray();
            for (var i = 0; i < samples.Length; i++)
            {
                // Standing still is not pace: only moving samples count.
                samples[i] = samples[i] > 0 ? samples[i] : double.NaN;
            }

            var seconds = ZoneTimes.Compute(samples, ZoneTimes.TopsFromPercent(paceTopsPercent, thresholdSpeed.Value).AsSpan());
            pace = ZoneRows([.. seconds.Select(s => (int)s)], settings?.PaceZoneNames,
                PaceRanges(paceTopsAll, thresholdSpeed, activity.Type ?? "", settings?.PaceUnits));
        }

        return power is null && hr is null && pace is null ? null : new ActivityZoneTimes(power, null, hr, pace);
    }

    private static IntervalsIcuValues? IntervalsValues(ActivityDto a)
    {
        var values = new IntervalsIcuValues(
            a.WeightedAverageWatts,
            a.Intensity is { } i ? Math.Round(i > 3 ? i / 100.0 : i, 3) : null,
            Units.Round(a.EfficiencyFactor, 3),
            Units.Round(a.Decoupling, 2),
            a.WPrime,
            a.MaxWbalDepletion);
        return values == new IntervalsIcuValues(null, null, null, null, null, null) ? null : values;
    }

    private static ActivityDetail StubDetail(ActivityDto a) => new(
        a.Id ?? "", TrainingHistory.LocalDate(a), StartTime(a), a.Type, a.Name, StravaStubNotice.Instance,
        null, null, null, null, null, null, null, null);

    private static ExtendedMetrics StubMetrics(ActivityDto a) => new(
        a.Id ?? "", TrainingHistory.LocalDate(a), a.Type, a.Name, StravaStubNotice.Instance,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        [new UnavailableMetric("all", "Strava import: its streams are not available through the Intervals.icu API")]);

    private static McpException NotOwned(AthleteScope scope, string activityId) => ToolFailure.Refused(
        $"Activity '{activityId}' is not one of {scope.Athlete.Name}'s activities on Intervals.icu (no such id, or it belongs to another athlete). " +
        $"Call get_training_history for {scope.Athlete.Name} to list activity ids, or pass the 'athlete' the activity belongs to.");

    private static string? StartTime(ActivityDto a) =>
        a.StartDateLocal is { } local ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>Pace matters for every sport except cycling (rides show speed and power instead).</summary>
    private static bool ShowsPace(string sport) =>
        !sport.Contains("Ride", StringComparison.OrdinalIgnoreCase) && !sport.Equals("Velomobile", StringComparison.OrdinalIgnoreCase);

    private static string? FormatPace(double? speed, string sport, string? paceUnits) =>
        paceUnits is null ? Units.Pace(speed, sport) : PaceUnits.Format(speed, paceUnits);

    private static string? IntervalZone(IntervalDto interval, SportSettingsDto? settings)
    {
        if (interval.Zone is not { } zone || zone < 1)
        {
            return null;
        }

        var names = interval.AverageWatts is not null ? settings?.PowerZoneNames : settings?.PaceZoneNames;
        return names is not null && zone <= names.Count && !string.IsNullOrWhiteSpace(names[zone - 1])
            ? string.Create(CultureInfo.InvariantCulture, $"Z{zone} {names[zone - 1]}")
            : string.Create(CultureInfo.InvariantCulture, $"Z{zone}");
    }

    private static ActivityWeather? WeatherOf(ActivityDto a) =>
        a.AverageWeatherTemp is null && a.AverageTemp is null && a.AverageWindSpeed is null && a.HeadwindPercent is null
            ? null
            : new ActivityWeather(Units.Round(a.AverageWeatherTemp), Units.Round(a.AverageTemp), Units.Round(a.AverageWindSpeed), Units.Round(a.HeadwindPercent, 0));

    private static double[]? Percentages<T>(IReadOnlyList<T?>? values)
        where T : struct, IConvertible
    {
        if (values is not { Count: > 0 })
        {
            return null;
        }

        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                return null;
            }

            result[i] = v.ToDouble(CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>
    /// The zone tops ZoneTimes needs: Intervals.icu lists the top of its last zone too (999 % or max HR), which is
    /// dropped. Null when the tops are not strictly increasing.
    /// </summary>
    private static double[]? OpenTopsDropped(double[]? tops, bool dropLast = false)
    {
        if (tops is not { Length: > 1 })
        {
            return null;
        }

        var kept = dropLast || tops[^1] >= 900 ? tops[..^1] : tops;
        for (var i = 1; i < kept.Length; i++)
        {
            if (!(kept[i] > kept[i - 1]))
            {
                return null;
            }
        }

        return kept;
    }

    private static List<ZoneTimeRow>? ZoneRows(IReadOnlyList<int> seconds, IReadOnlyList<string>? names, Func<int, string?> range)
    {
        var total = seconds.Sum();
        if (total <= 0)
        {
            return null;
        }

        return [.. seconds.Select((s, k) => new ZoneTimeRow(
            string.Create(CultureInfo.InvariantCulture, $"Z{k + 1}"),
            names is not null && k < names.Count && !string.IsNullOrWhiteSpace(names[k]) ? names[k] : null,
            range(k),
            s,
            Math.Round(s * 100.0 / total, 1)))];
    }

    /// <summary>Bounds of power zone <c>k</c> in watts (or % FTP without an FTP); the last zone is open-ended.</summary>
    private static Func<int, string?> PowerRanges(double[]? topsPercent, double? ftp) => k =>
    {
        if (topsPercent is null)
        {
            return null;
        }

        string Value(double percent) => ftp is { } f
            ? Math.Round(percent * f / 100).ToString(CultureInfo.InvariantCulture)
            : percent.ToString("0.#", CultureInfo.InvariantCulture);
        var unit = ftp is null ? "% FTP" : " W";
        double? lower = k == 0 ? null : k - 1 < topsPercent.Length ? topsPercent[k - 1] : null;
        double? upper = k < topsPercent.Length && topsPercent[k] < 900 ? topsPercent[k] : null;
        return Bounds(lower is { } l ? Value(l) : null, upper is { } u ? Value(u) : null, unit, k == 0);
    };

    /// <summary>Bounds of HR zone <c>k</c> in bpm; Intervals.icu's last top is max HR.</summary>
    private static Func<int, string?> HrRanges(double[]? topsBpm) => k =>
    {
        if (topsBpm is null)
        {
            return null;
        }

        double? lower = k == 0 ? null : k - 1 < topsBpm.Length ? topsBpm[k - 1] : null;
        double? upper = k < topsBpm.Length ? topsBpm[k] : null;
        return Bounds(lower?.ToString("0", CultureInfo.InvariantCulture), upper?.ToString("0", CultureInfo.InvariantCulture), " bpm", k == 0);
    };

    /// <summary>Bounds of pace zone <c>k</c> as paces (zone 1 is the slowest); the last zone is open-ended.</summary>
    private static Func<int, string?> PaceRanges(double[]? topsPercent, double? thresholdSpeed, string sport, string? paceUnits) => k =>
    {
        if (topsPercent is null || thresholdSpeed is not > 0)
        {
            return null;
        }

        string? PaceAt(double percent) => FormatPace(thresholdSpeed.Value * percent / 100, sport, paceUnits);
        double? slowerEdge = k == 0 ? null : k - 1 < topsPercent.Length ? topsPercent[k - 1] : null;
        double? fasterEdge = k < topsPercent.Length && topsPercent[k] < 900 ? topsPercent[k] : null;
        return (slowerEdge, fasterEdge) switch
        {
            (null, { } f) => "slower than " + PaceAt(f),
            ({ } s, null) => "faster than " + PaceAt(s),
            ({ } s, { } f) => PaceAt(s)?.Split('/')[0] + "–" + PaceAt(f),
            _ => null,
        };
    };

    private static string? Bounds(string? lower, string? upper, string unit, bool first) => (lower, upper) switch
    {
        (null, { } u) when first => "≤" + u + unit,
        ({ } l, null) => ">" + l + unit,
        ({ } l, { } u) => l + "–" + u + unit,
        _ => null,
    };
}
