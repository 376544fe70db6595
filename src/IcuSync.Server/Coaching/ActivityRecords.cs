using IcuSync.Intervals;

namespace IcuSync.Server.Coaching;

/// <summary>
/// Why a Strava-imported activity shows no numbers: Strava's API terms keep its data out of the Intervals.icu API.
/// The numbers are unknown, not zero.
/// </summary>
public sealed record StravaStubNotice(string Note, string Advice)
{
    /// <summary>The one explanation every tool gives for a Strava stub.</summary>
    public static StravaStubNotice Instance { get; } = new(
        "Imported from Strava: Strava's API terms keep this activity's data (duration, power, heart rate, streams, intervals) " +
        "out of the Intervals.icu API, so IcuSync cannot see it. Its metrics are unknown, not zero.",
        "Connect the device or app (Garmin, Wahoo, COROS, Polar, Suunto, Zwift) to Intervals.icu directly, or upload the original " +
        "file to Intervals.icu, then ask again.");
}

/// <summary>Time in one zone. <c>Range</c> shows the zone's bounds in W, bpm or pace.</summary>
public sealed record ZoneTimeRow(string Zone, string? Name, string? Range, int TimeS, double SharePct);

/// <summary>Time in power, heart-rate and pace zones; a list is absent when the activity has no such data.</summary>
public sealed record ActivityZoneTimes(
    IReadOnlyList<ZoneTimeRow>? Power,
    int? SweetSpotS,
    IReadOnlyList<ZoneTimeRow>? Hr,
    IReadOnlyList<ZoneTimeRow>? Pace);

/// <summary>Headline numbers of one activity, as Intervals.icu computed them. IF is a ratio (0.91), EF is NP/HR in W/bpm.</summary>
public sealed record ActivitySummary(
    int? MovingTimeS,
    int? ElapsedTimeS,
    double? DistanceKm,
    double? ElevationGainM,
    int? Load,
    double? If,
    int? AvgPowerW,
    int? NpW,
    int? FtpW,
    double? Vi,
    double? EfWPerBpm,
    double? WorkKj,
    int? AvgHrBpm,
    int? MaxHrBpm,
    string? Pace,
    double? AvgSpeedKmh,
    double? AvgCadenceRpm,
    double? DecouplingPct,
    int? CaloriesKcal,
    int? CarbsUsedG,
    int? Rpe,
    int? Feel,
    bool? Trainer,
    bool? Race,
    string? Source,
    string? Device,
    double? CompliancePct,
    IReadOnlyList<string>? IntervalSummary);

/// <summary>
/// One interval or lap. <c>Rep</c> is its 1-based position in the activity; <c>DurationS</c> is moving time;
/// <c>Zone</c> is the power zone of its average power (name included) when it has power.
/// </summary>
public sealed record IntervalRow(
    int Rep,
    string? Type,
    string? Label,
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
    string? Zone);

/// <summary>A set of similar intervals (e.g. 3 × 8 min at 258 W) with its per-interval averages.</summary>
public sealed record IntervalGroupRow(
    string? Id,
    int? Count,
    int? DurationS,
    int? AvgPowerW,
    int? NpW,
    int? AvgHrBpm,
    string? Pace,
    double? CadenceRpm)
{
    /// <summary>
    /// The groups Intervals.icu found in <paramref name="activity"/>, or null when it found none; <paramref name="pace"/>
    /// formats a group's average speed (null when the activity is shown by power).
    /// </summary>
    public static IReadOnlyList<IntervalGroupRow>? Of(ActivityDto activity, Func<double?, string?> pace)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(pace);
        return activity.IntervalGroups is { Count: > 0 } groups
            ? groups.Select(g => new IntervalGroupRow(
                g.Id,
                g.Count,
                g.MovingTime ?? g.ElapsedTime,
                g.AverageWatts,
                g.WeightedAverageWatts,
                g.AverageHeartrate,
                pace(g.AverageSpeed),
                Units.Round(g.AverageCadence, 0))).ToList()
            : null;
    }
}

/// <summary>Weather during the activity: temperatures in °C, wind in m/s.</summary>
public sealed record ActivityWeather(double? TempC, double? DeviceTempC, double? WindSpeedMps, double? HeadwindPct);

/// <summary>
/// One activity for a coach: summary, interval table, time in zones, weather and notes. A Strava stub carries only
/// its id, date and <see cref="StravaStub"/>.
/// </summary>
public sealed record ActivityDetail(
    string Id,
    string Date,
    string? StartTime,
    string? Sport,
    string? Name,
    StravaStubNotice? StravaStub,
    ActivitySummary? Summary,
    IReadOnlyList<IntervalRow>? Intervals,
    IReadOnlyList<IntervalGroupRow>? IntervalGroups,
    ActivityZoneTimes? Zones,
    ActivityWeather? Weather,
    string? Notes,
    IReadOnlyList<string>? Tags,
    long? PairedEventId);

/// <summary>A metric that could not be computed, and why.</summary>
public sealed record UnavailableMetric(string Metric, string Reason);

/// <summary>
/// The thresholds the stream metrics used. FTP feeds IF and the power zones; CP and W′ feed W′ balance.
/// <c>CpSource</c> is <c>mmp_model</c>, <c>sport_settings</c> (CP = FTP, as Intervals.icu does) or <c>fitted_90d_curve</c>.
/// </summary>
public sealed record MetricThresholds(
    double? FtpW,
    string? FtpSource,
    double? CpW,
    double? WPrimeJ,
    string? CpSource,
    int? LthrBpm,
    string? ThresholdPace);

/// <summary>
/// Aerobic decoupling: EF of the first half against the second (halves by sample count). Positive means HR drifted up.
/// The half EFs are in W/bpm on the power basis and (m/min)/bpm on the speed basis.
/// </summary>
public sealed record DecouplingMetric(double Pct, string Basis, string Label, double FirstHalfEf, double SecondHalfEf);

/// <summary>Average heart rate of the first and second half and the change between them.</summary>
public sealed record HrDriftMetric(double FirstHalfAvgHrBpm, double SecondHalfAvgHrBpm, double DriftBpm, double DriftPct);

/// <summary>
/// W′ balance over the activity (differential model, on the 1 s grid with pauses as rest). <c>MinAtS</c> is seconds
/// from the start; <c>TimeBelowQuarterS</c> is the seconds spent below 25 % of W′.
/// </summary>
public sealed record WPrimeBalanceMetric(
    double CpW,
    double WPrimeJ,
    string Source,
    double MinJ,
    double MinPct,
    int MinAtS,
    double MaxDepletionJ,
    int TimeBelowQuarterS);

/// <summary>The best mean power held for one duration within the activity.</summary>
public sealed record MeanMaxAnchor(int DurationS, string Label, double PowerW);

/// <summary>Intervals.icu's own values for the same activity, for comparison with the server-computed ones.</summary>
public sealed record IntervalsIcuValues(int? NpW, double? If, double? EfWPerBpm, double? DecouplingPct, int? WPrimeJ, int? MaxWbalDepletionJ);

/// <summary>
/// Metrics IcuSync computed itself from an activity's streams with IcuSync.Analytics. NP, IF, VI, EF, decoupling,
/// HR drift and zones use the recorded samples (device pauses left out); mean-max and W′ balance use a 1 s grid on
/// which pauses of up to an hour count as rest. EF is NP/HR in W/bpm with power, else moving speed/HR in (m/min)/bpm.
/// Anything that cannot be computed is listed in <see cref="Unavailable"/>.
/// </summary>
public sealed record ExtendedMetrics(
    string ActivityId,
    string Date,
    string? Sport,
    string? Name,
    StravaStubNotice? StravaStub,
    int? RecordedS,
    int? ElapsedS,
    MetricThresholds? Thresholds,
    double? AvgPowerW,
    double? NpW,
    double? If,
    double? Vi,
    double? WorkKj,
    double? EfWPerBpm,
    double? EfMPerMinPerBpm,
    DecouplingMetric? Decoupling,
    HrDriftMetric? HrDrift,
    WPrimeBalanceMetric? WPrimeBalance,
    IReadOnlyList<MeanMaxAnchor>? MeanMax,
    ActivityZoneTimes? Zones,
    IntervalsIcuValues? IntervalsIcu,
    IReadOnlyList<UnavailableMetric>? Unavailable);
