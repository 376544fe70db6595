using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Sandbox;

/// <summary>
/// An activity as the sandbox stores it (the wire shape of <c>Activity</c>). Units: seconds, meters, m/s, watts, bpm.
/// Strava stubs have <see cref="Source"/> <c>STRAVA</c> and are served as the real API's empty stub.
/// </summary>
public sealed record SandboxActivity
{
    /// <summary>Activity id: <c>i</c> + digits, or a bare numeric string for Strava stubs.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("icu_athlete_id")] public required string AthleteId { get; init; }
    /// <summary>Local start time without offset.</summary>
    [JsonPropertyName("start_date_local")] public DateTime StartDateLocal { get; init; }
    /// <summary>UTC start time (serialized with <c>Z</c>).</summary>
    [JsonPropertyName("start_date")] public DateTime? StartDate { get; init; }
    [JsonPropertyName("timezone")] public string? Timezone { get; init; }
    /// <summary>Sport, e.g. <c>Ride</c>, <c>VirtualRide</c>, <c>Run</c>, <c>Swim</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary><c>GARMIN_CONNECT</c>, <c>ZWIFT</c>, <c>STRAVA</c>, ...</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
    [JsonPropertyName("device_name")] public string? DeviceName { get; init; }
    [JsonPropertyName("trainer")] public bool? Trainer { get; init; }
    [JsonPropertyName("commute")] public bool? Commute { get; init; }
    [JsonPropertyName("race")] public bool? Race { get; init; }
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }
    /// <summary>Seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }
    /// <summary>Seconds (includes pauses).</summary>
    [JsonPropertyName("elapsed_time")] public int? ElapsedTime { get; init; }
    [JsonPropertyName("icu_recording_time")] public int? IcuRecordingTime { get; init; }
    [JsonPropertyName("coasting_time")] public int? CoastingTime { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    [JsonPropertyName("icu_distance")] public double? IcuDistance { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("total_elevation_gain")] public double? TotalElevationGain { get; init; }
    [JsonPropertyName("total_elevation_loss")] public double? TotalElevationLoss { get; init; }
    [JsonPropertyName("average_altitude")] public double? AverageAltitude { get; init; }
    [JsonPropertyName("min_altitude")] public double? MinAltitude { get; init; }
    [JsonPropertyName("max_altitude")] public double? MaxAltitude { get; init; }
    /// <summary>m/s.</summary>
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }
    [JsonPropertyName("max_speed")] public double? MaxSpeed { get; init; }
    /// <summary>m/s (a speed, despite the name).</summary>
    [JsonPropertyName("pace")] public double? Pace { get; init; }
    [JsonPropertyName("gap")] public double? Gap { get; init; }
    /// <summary>bpm.</summary>
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }
    [JsonPropertyName("has_heartrate")] public bool? HasHeartrate { get; init; }
    /// <summary>rpm (running: per leg).</summary>
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }
    /// <summary>kcal.</summary>
    [JsonPropertyName("calories")] public int? Calories { get; init; }
    /// <summary>Joules of work.</summary>
    [JsonPropertyName("icu_joules")] public int? IcuJoules { get; init; }
    /// <summary>Average power in watts.</summary>
    [JsonPropertyName("icu_average_watts")] public int? IcuAverageWatts { get; init; }
    /// <summary>Normalized power in watts.</summary>
    [JsonPropertyName("icu_weighted_avg_watts")] public int? IcuWeightedAvgWatts { get; init; }
    /// <summary>FTP used for this activity, watts.</summary>
    [JsonPropertyName("icu_ftp")] public int? IcuFtp { get; init; }
    /// <summary>Intensity factor as a percentage (e.g. 86.0).</summary>
    [JsonPropertyName("icu_intensity")] public double? IcuIntensity { get; init; }
    [JsonPropertyName("icu_variability_index")] public double? IcuVariabilityIndex { get; init; }
    [JsonPropertyName("icu_efficiency_factor")] public double? IcuEfficiencyFactor { get; init; }
    [JsonPropertyName("icu_joules_above_ftp")] public int? IcuJoulesAboveFtp { get; init; }
    [JsonPropertyName("icu_w_prime")] public int? IcuWPrime { get; init; }
    [JsonPropertyName("p_max")] public int? PMax { get; init; }
    [JsonPropertyName("device_watts")] public bool? DeviceWatts { get; init; }
    [JsonPropertyName("power_meter")] public string? PowerMeter { get; init; }
    [JsonPropertyName("power_field")] public string? PowerField { get; init; }
    /// <summary>Training load (TSS-like points).</summary>
    [JsonPropertyName("icu_training_load")] public int? IcuTrainingLoad { get; init; }
    [JsonPropertyName("power_load")] public int? PowerLoad { get; init; }
    [JsonPropertyName("hr_load")] public int? HrLoad { get; init; }
    [JsonPropertyName("pace_load")] public int? PaceLoad { get; init; }
    [JsonPropertyName("hr_load_type")] public string? HrLoadType { get; init; }
    [JsonPropertyName("pace_load_type")] public string? PaceLoadType { get; init; }
    [JsonPropertyName("trimp")] public double? Trimp { get; init; }
    /// <summary>Fitness (CTL) at the end of the activity's day.</summary>
    [JsonPropertyName("icu_ctl")] public double? IcuCtl { get; init; }
    /// <summary>Fatigue (ATL) at the end of the activity's day.</summary>
    [JsonPropertyName("icu_atl")] public double? IcuAtl { get; init; }
    [JsonPropertyName("icu_rpe")] public int? IcuRpe { get; init; }
    [JsonPropertyName("feel")] public int? Feel { get; init; }
    [JsonPropertyName("session_rpe")] public int? SessionRpe { get; init; }
    [JsonPropertyName("icu_weight")] public double? IcuWeight { get; init; }
    [JsonPropertyName("icu_resting_hr")] public int? IcuRestingHr { get; init; }
    [JsonPropertyName("lthr")] public int? Lthr { get; init; }
    [JsonPropertyName("athlete_max_hr")] public int? AthleteMaxHr { get; init; }
    [JsonPropertyName("icu_hr_zones")] public IReadOnlyList<int>? IcuHrZones { get; init; }
    [JsonPropertyName("icu_power_zones")] public IReadOnlyList<int>? IcuPowerZones { get; init; }
    [JsonPropertyName("icu_sweet_spot_min")] public int? IcuSweetSpotMin { get; init; }
    [JsonPropertyName("icu_sweet_spot_max")] public int? IcuSweetSpotMax { get; init; }
    /// <summary>m/s.</summary>
    [JsonPropertyName("threshold_pace")] public double? ThresholdPace { get; init; }
    [JsonPropertyName("pace_zones")] public IReadOnlyList<double>? PaceZones { get; init; }
    [JsonPropertyName("icu_zone_times")] public IReadOnlyList<SandboxZoneTime>? IcuZoneTimes { get; init; }
    /// <summary>Seconds per HR zone.</summary>
    [JsonPropertyName("icu_hr_zone_times")] public IReadOnlyList<int>? IcuHrZoneTimes { get; init; }
    [JsonPropertyName("pace_zone_times")] public IReadOnlyList<int>? PaceZoneTimes { get; init; }
    [JsonPropertyName("polarization_index")] public double? PolarizationIndex { get; init; }
    [JsonPropertyName("stream_types")] public IReadOnlyList<string>? StreamTypes { get; init; }
    [JsonPropertyName("gear")] public SandboxGearRef? Gear { get; init; }
    [JsonPropertyName("interval_summary")] public IReadOnlyList<string>? IntervalSummary { get; init; }
    [JsonPropertyName("icu_lap_count")] public int? IcuLapCount { get; init; }
    /// <summary>Aerobic decoupling in percent.</summary>
    [JsonPropertyName("decoupling")] public double? Decoupling { get; init; }
    [JsonPropertyName("paired_event_id")] public int? PairedEventId { get; init; }
    [JsonPropertyName("compliance")] public double? Compliance { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("file_type")] public string? FileType { get; init; }
    [JsonPropertyName("icu_warmup_time")] public int? IcuWarmupTime { get; init; }
    [JsonPropertyName("icu_cooldown_time")] public int? IcuCooldownTime { get; init; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("analyzed")] public DateTimeOffset? Analyzed { get; init; }
    [JsonPropertyName("icu_sync_date")] public DateTimeOffset? IcuSyncDate { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>True for a Strava-imported activity the API hides (only a stub is returned).</summary>
    [JsonIgnore] public bool IsStravaStub => string.Equals(Source, "STRAVA", StringComparison.OrdinalIgnoreCase);

    /// <summary>The local calendar date the activity started on.</summary>
    [JsonIgnore] public DateOnly LocalDate => DateOnly.FromDateTime(StartDateLocal);
}

/// <summary>Seconds in one power zone (<c>{"id":"Z2","secs":1510}</c>; <c>SS</c> is sweet spot).</summary>
public sealed record SandboxZoneTime(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("secs")] int Secs);

/// <summary>The gear reference embedded in an activity.</summary>
public sealed record SandboxGearRef(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("distance")] double? Distance,
    [property: JsonPropertyName("primary")] bool? Primary);

/// <summary>One interval of an activity. Indexes point into the stream arrays (end exclusive).</summary>
public sealed record SandboxInterval
{
    [JsonPropertyName("id")] public int Id { get; init; }
    /// <summary><c>WORK</c> or <c>RECOVERY</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("group_id")] public string? GroupId { get; init; }
    [JsonPropertyName("start_index")] public int StartIndex { get; init; }
    [JsonPropertyName("end_index")] public int EndIndex { get; init; }
    /// <summary>Seconds from the activity start (includes pauses, so not a stream index).</summary>
    [JsonPropertyName("start_time")] public int StartTime { get; init; }
    [JsonPropertyName("end_time")] public int EndTime { get; init; }
    [JsonPropertyName("moving_time")] public int MovingTime { get; init; }
    [JsonPropertyName("elapsed_time")] public int ElapsedTime { get; init; }
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    [JsonPropertyName("average_watts")] public int? AverageWatts { get; init; }
    [JsonPropertyName("weighted_average_watts")] public int? WeightedAverageWatts { get; init; }
    [JsonPropertyName("max_watts")] public int? MaxWatts { get; init; }
    [JsonPropertyName("min_watts")] public int? MinWatts { get; init; }
    [JsonPropertyName("average_watts_kg")] public double? AverageWattsKg { get; init; }
    /// <summary>Percent of FTP.</summary>
    [JsonPropertyName("intensity")] public int? Intensity { get; init; }
    [JsonPropertyName("zone")] public int? Zone { get; init; }
    [JsonPropertyName("training_load")] public double? TrainingLoad { get; init; }
    [JsonPropertyName("joules")] public int? Joules { get; init; }
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }
    [JsonPropertyName("min_heartrate")] public int? MinHeartrate { get; init; }
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }
    [JsonPropertyName("max_speed")] public double? MaxSpeed { get; init; }
    [JsonPropertyName("total_elevation_gain")] public double? TotalElevationGain { get; init; }
    [JsonPropertyName("average_gradient")] public double? AverageGradient { get; init; }
    [JsonPropertyName("decoupling")] public double? Decoupling { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A group of similar intervals (e.g. <c>480s@258w</c> × 3).</summary>
public sealed record SandboxIntervalGroup
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("count")] public int Count { get; init; }
    [JsonPropertyName("start_index")] public int StartIndex { get; init; }
    [JsonPropertyName("moving_time")] public int MovingTime { get; init; }
    [JsonPropertyName("elapsed_time")] public int ElapsedTime { get; init; }
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    [JsonPropertyName("average_watts")] public int? AverageWatts { get; init; }
    [JsonPropertyName("weighted_average_watts")] public int? WeightedAverageWatts { get; init; }
    [JsonPropertyName("max_watts")] public int? MaxWatts { get; init; }
    [JsonPropertyName("intensity")] public int? Intensity { get; init; }
    [JsonPropertyName("training_load")] public double? TrainingLoad { get; init; }
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One activity stream (<c>ActivityStream</c>): values aligned by index across streams.</summary>
public sealed record SandboxStream
{
    /// <summary>Stream type: <c>time</c> (s), <c>watts</c> (W), <c>heartrate</c> (bpm), <c>cadence</c> (rpm),
    /// <c>velocity_smooth</c> (m/s), <c>altitude</c> (m), <c>distance</c> (m, cumulative).</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>Values; <c>null</c> entries are gaps.</summary>
    [JsonPropertyName("data")] public IReadOnlyList<double?> Data { get; init; } = [];
    [JsonPropertyName("data2")] public IReadOnlyList<double?>? Data2 { get; init; }
    [JsonPropertyName("valueTypeIsArray")] public bool ValueTypeIsArray { get; init; }
    [JsonPropertyName("anomalies")] public JsonElement? Anomalies { get; init; }
    [JsonPropertyName("custom")] public bool Custom { get; init; }
    [JsonPropertyName("allNull")] public bool AllNull { get; init; }
}
