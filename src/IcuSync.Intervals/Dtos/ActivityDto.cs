using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>
/// An activity (<c>GET /api/v1/athlete/{id}/activities</c>, <c>GET /api/v1/activity/{id}</c>). Units: seconds,
/// meters, m/s (pace and gap are speeds), watts, bpm, joules, kcal; <c>icu_intensity</c> is percent of FTP.
/// Strava-imported activities arrive as stubs with almost every field null: check <see cref="IsStravaStub"/> before
/// reading metrics, and never present the missing numbers as zeros.
/// </summary>
[WireSchema("Activity", "ActivityWithIntervals", "Hidden")]
public sealed record ActivityDto
{
    /// <summary>Source value for activities imported from Strava.</summary>
    public const string StravaSource = "STRAVA";

    /// <summary>Activity id: <c>i</c> + digits for native activities, digits only for Strava stubs.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Owning athlete id.</summary>
    [JsonPropertyName("icu_athlete_id")] public string? AthleteId { get; init; }

    /// <summary>Start in the athlete's local time (no zone).</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>Start as an instant (UTC).</summary>
    [JsonPropertyName("start_date")] public DateTimeOffset? StartDate { get; init; }

    /// <summary>Time zone of the activity (Java/IANA id).</summary>
    [JsonPropertyName("timezone")] public string? Timezone { get; init; }

    /// <summary>Sport, e.g. <c>Ride</c>, <c>Run</c>, <c>Swim</c>, <c>VirtualRide</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary><c>NONE</c>, <c>COMMUTE</c>, <c>WARMUP</c>, <c>COOLDOWN</c>, <c>RACE</c>.</summary>
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }

    /// <summary>Activity name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Free-text description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Where the activity came from: <c>STRAVA</c>, <c>GARMIN_CONNECT</c>, <c>UPLOAD</c>, <c>MANUAL</c>, <c>ZWIFT</c>, …</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }

    /// <summary>Explanatory note on hidden activities (Strava stubs: "STRAVA activities are not available via the API").</summary>
    [JsonPropertyName("_note")] public string? Note { get; init; }

    /// <summary>Id on the originating system.</summary>
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }

    /// <summary>Strava id, when linked.</summary>
    [JsonPropertyName("strava_id")] public string? StravaId { get; init; }

    /// <summary>Recording device name.</summary>
    [JsonPropertyName("device_name")] public string? DeviceName { get; init; }

    /// <summary>True for indoor (trainer) activities.</summary>
    [JsonPropertyName("trainer")] public bool? Trainer { get; init; }

    /// <summary>True for commutes.</summary>
    [JsonPropertyName("commute")] public bool? Commute { get; init; }

    /// <summary>True for races.</summary>
    [JsonPropertyName("race")] public bool? Race { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The planned workout (event id) this activity was matched to.</summary>
    [JsonPropertyName("paired_event_id")] public long? PairedEventId { get; init; }

    /// <summary>Compliance with the paired workout, percent.</summary>
    [JsonPropertyName("compliance")] public double? Compliance { get; init; }

    /// <summary>Moving time in seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Elapsed time in seconds.</summary>
    [JsonPropertyName("elapsed_time")] public int? ElapsedTime { get; init; }

    /// <summary>Recording time in seconds.</summary>
    [JsonPropertyName("icu_recording_time")] public int? RecordingTime { get; init; }

    /// <summary>Coasting time in seconds.</summary>
    [JsonPropertyName("coasting_time")] public int? CoastingTime { get; init; }

    /// <summary>Distance in meters (prefer <see cref="IcuDistance"/> when present).</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Distance in meters as computed by Intervals.icu.</summary>
    [JsonPropertyName("icu_distance")] public double? IcuDistance { get; init; }

    /// <summary>Elevation gain in meters.</summary>
    [JsonPropertyName("total_elevation_gain")] public double? TotalElevationGain { get; init; }

    /// <summary>Elevation loss in meters.</summary>
    [JsonPropertyName("total_elevation_loss")] public double? TotalElevationLoss { get; init; }

    /// <summary>Energy in kcal.</summary>
    [JsonPropertyName("calories")] public int? Calories { get; init; }

    /// <summary>Mechanical work in joules.</summary>
    [JsonPropertyName("icu_joules")] public long? Joules { get; init; }

    /// <summary>Work above FTP in joules.</summary>
    [JsonPropertyName("icu_joules_above_ftp")] public long? JoulesAboveFtp { get; init; }

    /// <summary>Average power in watts.</summary>
    [JsonPropertyName("icu_average_watts")] public int? AverageWatts { get; init; }

    /// <summary>Normalized (weighted average) power in watts.</summary>
    [JsonPropertyName("icu_weighted_avg_watts")] public int? WeightedAverageWatts { get; init; }

    /// <summary>FTP at the time of the activity, watts.</summary>
    [JsonPropertyName("icu_ftp")] public int? Ftp { get; init; }

    /// <summary>Rolling (estimated) FTP, watts.</summary>
    [JsonPropertyName("icu_rolling_ftp")] public int? RollingFtp { get; init; }

    /// <summary>Intensity factor as percent of FTP (e.g. 86.04).</summary>
    [JsonPropertyName("icu_intensity")] public double? Intensity { get; init; }

    /// <summary>Variability index (NP / average power).</summary>
    [JsonPropertyName("icu_variability_index")] public double? VariabilityIndex { get; init; }

    /// <summary>Efficiency factor (NP / average HR).</summary>
    [JsonPropertyName("icu_efficiency_factor")] public double? EfficiencyFactor { get; init; }

    /// <summary>W′ used for the activity, joules.</summary>
    [JsonPropertyName("icu_w_prime")] public int? WPrime { get; init; }

    /// <summary>Largest W′ balance depletion, joules.</summary>
    [JsonPropertyName("icu_max_wbal_depletion")] public int? MaxWbalDepletion { get; init; }

    /// <summary>Peak power in watts.</summary>
    [JsonPropertyName("p_max")] public int? PMax { get; init; }

    /// <summary>True when power came from a power meter (not estimated).</summary>
    [JsonPropertyName("device_watts")] public bool? DeviceWatts { get; init; }

    /// <summary>Average left/right balance, percent left.</summary>
    [JsonPropertyName("avg_lr_balance")] public double? AverageLrBalance { get; init; }

    /// <summary>Power-based load.</summary>
    [JsonPropertyName("power_load")] public int? PowerLoad { get; init; }

    /// <summary>True when heart rate was recorded.</summary>
    [JsonPropertyName("has_heartrate")] public bool? HasHeartrate { get; init; }

    /// <summary>Average heart rate in bpm.</summary>
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }

    /// <summary>Maximum heart rate in bpm.</summary>
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }

    /// <summary>LTHR at the time of the activity, bpm.</summary>
    [JsonPropertyName("lthr")] public int? Lthr { get; init; }

    /// <summary>Resting HR at the time of the activity, bpm.</summary>
    [JsonPropertyName("icu_resting_hr")] public int? RestingHr { get; init; }

    /// <summary>Athlete max HR at the time of the activity, bpm.</summary>
    [JsonPropertyName("athlete_max_hr")] public int? AthleteMaxHr { get; init; }

    /// <summary>Top of each HR zone, bpm.</summary>
    [JsonPropertyName("icu_hr_zones")] public IReadOnlyList<int?>? HrZones { get; init; }

    /// <summary>HR-based load.</summary>
    [JsonPropertyName("hr_load")] public int? HrLoad { get; init; }

    /// <summary>HR load model used.</summary>
    [JsonPropertyName("hr_load_type")] public string? HrLoadType { get; init; }

    /// <summary>TRIMP.</summary>
    [JsonPropertyName("trimp")] public double? Trimp { get; init; }

    /// <summary>Aerobic decoupling (power or pace vs HR drift), percent.</summary>
    [JsonPropertyName("decoupling")] public double? Decoupling { get; init; }

    /// <summary>Power-to-HR ratio.</summary>
    [JsonPropertyName("icu_power_hr")] public double? PowerHr { get; init; }

    /// <summary>Average speed in m/s.</summary>
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }

    /// <summary>Maximum speed in m/s.</summary>
    [JsonPropertyName("max_speed")] public double? MaxSpeed { get; init; }

    /// <summary>Pace as a speed in m/s.</summary>
    [JsonPropertyName("pace")] public double? Pace { get; init; }

    /// <summary>Gradient-adjusted pace as a speed in m/s.</summary>
    [JsonPropertyName("gap")] public double? Gap { get; init; }

    /// <summary>Threshold pace at the time of the activity, m/s.</summary>
    [JsonPropertyName("threshold_pace")] public double? ThresholdPace { get; init; }

    /// <summary>Top of each pace zone, % of threshold speed.</summary>
    [JsonPropertyName("pace_zones")] public IReadOnlyList<double?>? PaceZones { get; init; }

    /// <summary>Pace-based load.</summary>
    [JsonPropertyName("pace_load")] public int? PaceLoad { get; init; }

    /// <summary>Average stride length in meters.</summary>
    [JsonPropertyName("average_stride")] public double? AverageStride { get; init; }

    /// <summary>Average cadence (rpm; steps per minute for runs depending on device).</summary>
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }

    /// <summary>Training load (TSS-like points).</summary>
    [JsonPropertyName("icu_training_load")] public int? TrainingLoad { get; init; }

    /// <summary>Fitness (CTL) after this activity.</summary>
    [JsonPropertyName("icu_ctl")] public double? Ctl { get; init; }

    /// <summary>Fatigue (ATL) after this activity.</summary>
    [JsonPropertyName("icu_atl")] public double? Atl { get; init; }

    /// <summary>Rate of perceived exertion, 1–10.</summary>
    [JsonPropertyName("icu_rpe")] public int? Rpe { get; init; }

    /// <summary>Session RPE (RPE × minutes).</summary>
    [JsonPropertyName("session_rpe")] public int? SessionRpe { get; init; }

    /// <summary>Feel, 1–5 (lower is better).</summary>
    [JsonPropertyName("feel")] public int? Feel { get; init; }

    /// <summary>Perceived exertion from the device or Strava.</summary>
    [JsonPropertyName("perceived_exertion")] public double? PerceivedExertion { get; init; }

    /// <summary>Strain score.</summary>
    [JsonPropertyName("strain_score")] public double? StrainScore { get; init; }

    /// <summary>Top of each power zone, % of FTP.</summary>
    [JsonPropertyName("icu_power_zones")] public IReadOnlyList<int?>? PowerZones { get; init; }

    /// <summary>Seconds in each power zone (objects with <c>id</c> Z1…Z7 and SS for sweet spot).</summary>
    [JsonPropertyName("icu_zone_times")] public IReadOnlyList<ZoneTimeDto>? ZoneTimes { get; init; }

    /// <summary>Seconds in each HR zone.</summary>
    [JsonPropertyName("icu_hr_zone_times")] public IReadOnlyList<int?>? HrZoneTimes { get; init; }

    /// <summary>Seconds in each pace zone.</summary>
    [JsonPropertyName("pace_zone_times")] public IReadOnlyList<int?>? PaceZoneTimes { get; init; }

    /// <summary>Seconds in each gradient-adjusted pace zone.</summary>
    [JsonPropertyName("gap_zone_times")] public IReadOnlyList<int?>? GapZoneTimes { get; init; }

    /// <summary>Polarization index.</summary>
    [JsonPropertyName("polarization_index")] public double? PolarizationIndex { get; init; }

    /// <summary>Stream names stored for this activity (<c>time</c>, <c>watts</c>, <c>heartrate</c>…).</summary>
    [JsonPropertyName("stream_types")] public IReadOnlyList<string>? StreamTypes { get; init; }

    /// <summary>Number of laps.</summary>
    [JsonPropertyName("icu_lap_count")] public int? LapCount { get; init; }

    /// <summary>Short interval summaries such as <c>3x 8m 260w</c>.</summary>
    [JsonPropertyName("interval_summary")] public IReadOnlyList<string>? IntervalSummary { get; init; }

    /// <summary>True when weather data is attached.</summary>
    [JsonPropertyName("has_weather")] public bool? HasWeather { get; init; }

    /// <summary>Average device temperature, °C.</summary>
    [JsonPropertyName("average_temp")] public double? AverageTemp { get; init; }

    /// <summary>Average weather temperature, °C.</summary>
    [JsonPropertyName("average_weather_temp")] public double? AverageWeatherTemp { get; init; }

    /// <summary>Average wind speed (weather), m/s.</summary>
    [JsonPropertyName("average_wind_speed")] public double? AverageWindSpeed { get; init; }

    /// <summary>Share of time with headwind, percent.</summary>
    [JsonPropertyName("headwind_percent")] public double? HeadwindPercent { get; init; }

    /// <summary>Carbohydrate used, grams.</summary>
    [JsonPropertyName("carbs_used")] public int? CarbsUsed { get; init; }

    /// <summary>Carbohydrate ingested, grams.</summary>
    [JsonPropertyName("carbs_ingested")] public int? CarbsIngested { get; init; }

    /// <summary>Athlete weight at the time, kg.</summary>
    [JsonPropertyName("icu_weight")] public double? Weight { get; init; }

    /// <summary>Gear used.</summary>
    [JsonPropertyName("gear")] public StravaGearDto? Gear { get; init; }

    /// <summary>When the file was analysed.</summary>
    [JsonPropertyName("analyzed")] public DateTimeOffset? Analyzed { get; init; }

    /// <summary>Intervals (only with <c>intervals=true</c> on the detail call).</summary>
    [JsonPropertyName("icu_intervals")] public IReadOnlyList<IntervalDto>? Intervals { get; init; }

    /// <summary>Interval groups (only with <c>intervals=true</c>).</summary>
    [JsonPropertyName("icu_groups")] public IReadOnlyList<IntervalGroupDto>? IntervalGroups { get; init; }

    /// <summary>Every other field Intervals.icu sent, including athlete-defined custom fields.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>
    /// True for a Strava-imported activity that Intervals.icu may not share through its API: only id, date and source
    /// are present, and streams, intervals and curves answer with <see cref="IntervalsErrorKind.StravaRestricted"/>.
    /// </summary>
    [JsonIgnore]
    public bool IsStravaStub =>
        string.Equals(Source, StravaSource, StringComparison.OrdinalIgnoreCase)
        && (Note is not null || (Type is null && MovingTime is null && ElapsedTime is null));

    /// <summary>Best distance in meters: <see cref="IcuDistance"/>, else <see cref="Distance"/>.</summary>
    [JsonIgnore]
    public double? BestDistance => IcuDistance ?? Distance;
}

/// <summary>Seconds spent in one power zone; <c>id</c> is <c>Z1</c>…<c>Z7</c> or <c>SS</c> (sweet spot).</summary>
[WireSchema("ZoneTime")]
public sealed record ZoneTimeDto
{
    /// <summary>Zone id: <c>Z1</c>…<c>Z7</c>, <c>SS</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Seconds in the zone.</summary>
    [JsonPropertyName("secs")] public int? Secs { get; init; }
}
