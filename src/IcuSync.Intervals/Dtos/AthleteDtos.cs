using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>
/// <c>GET /api/v1/athlete/{id}</c>: the athlete with sport settings. Personal data (<see cref="Email"/>, date of birth)
/// is present for account logic only and must never be returned to a model. The <c>icu_api_key</c> field is
/// removed by the client before this object is handed out.
/// </summary>
[WireSchema("WithSportSettings", "Athlete")]
public sealed record AthleteDto
{
    /// <summary>Athlete id, usually <c>i</c> + digits (legacy accounts: digits only). Opaque.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>First name.</summary>
    [JsonPropertyName("firstname")] public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [JsonPropertyName("lastname")] public string? LastName { get; init; }

    /// <summary>Email address (personal data: never return to a model).</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary><c>M</c> or <c>F</c>.</summary>
    [JsonPropertyName("sex")] public string? Sex { get; init; }

    /// <summary>City.</summary>
    [JsonPropertyName("city")] public string? City { get; init; }

    /// <summary>State or region.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>Country.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }

    /// <summary>IANA time zone (e.g. <c>Europe/Madrid</c>); all local dates of this athlete are in it.</summary>
    [JsonPropertyName("timezone")] public string? Timezone { get; init; }

    /// <summary>Locale, e.g. <c>en</c>.</summary>
    [JsonPropertyName("locale")] public string? Locale { get; init; }

    /// <summary>Display units preference (<c>meters</c>/<c>feet</c>); data is always metric.</summary>
    [JsonPropertyName("measurement_preference")] public string? MeasurementPreference { get; init; }

    /// <summary>Weight in kg from the external profile; often null — prefer <see cref="IcuWeight"/>.</summary>
    [JsonPropertyName("weight")] public double? Weight { get; init; }

    /// <summary>Weight in kg set in Intervals.icu.</summary>
    [JsonPropertyName("icu_weight")] public double? IcuWeight { get; init; }

    /// <summary>Resting heart rate in bpm.</summary>
    [JsonPropertyName("icu_resting_hr")] public int? IcuRestingHr { get; init; }

    /// <summary>Date of birth, <c>YYYY-MM-DD</c> (personal data).</summary>
    [JsonPropertyName("icu_date_of_birth")] public string? DateOfBirth { get; init; }

    /// <summary>Height (cm unless <see cref="HeightUnits"/> says otherwise).</summary>
    [JsonPropertyName("height")] public double? Height { get; init; }

    /// <summary>Units of <see cref="Height"/>.</summary>
    [JsonPropertyName("height_units")] public string? HeightUnits { get; init; }

    /// <summary>True when the athlete is a coach.</summary>
    [JsonPropertyName("icu_coach")] public bool? IsCoach { get; init; }

    /// <summary>The caller's access to this athlete: <c>NONE</c>, <c>READ</c> or <c>WRITE</c> (null for oneself).</summary>
    [JsonPropertyName("icu_permission")] public string? Permission { get; init; }

    /// <summary>Subscription plan: <c>FREE</c>, <c>PREMIUM</c>, <c>SUPPORTER</c>, <c>WHITELABEL</c>.</summary>
    [JsonPropertyName("plan")] public string? Plan { get; init; }

    /// <summary>Account status: <c>ACTIVE</c>, <c>DORMANT</c>, <c>ARCHIVED</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>Profile visibility.</summary>
    [JsonPropertyName("visibility")] public string? Visibility { get; init; }

    /// <summary>Short biography.</summary>
    [JsonPropertyName("bio")] public string? Bio { get; init; }

    /// <summary>Bikes synced from Strava.</summary>
    [JsonPropertyName("bikes")] public IReadOnlyList<StravaGearDto>? Bikes { get; init; }

    /// <summary>Shoes synced from Strava.</summary>
    [JsonPropertyName("shoes")] public IReadOnlyList<StravaGearDto>? Shoes { get; init; }

    /// <summary>Per-sport thresholds and zones (FTP, LTHR, threshold pace…). This, not <c>icu_type_settings</c>, holds FTP.</summary>
    [JsonPropertyName("sportSettings")] public IReadOnlyList<SportSettingsDto>? SportSettings { get; init; }

    /// <summary>Every other field Intervals.icu sent (integration flags, custom settings…), minus secrets.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>
/// <c>GET /api/v1/athletes</c>: one athlete the API key's owner follows or coaches, including the owner itself.
/// </summary>
[WireSchema("AthleteWithTags")]
public sealed record CoachedAthleteDto
{
    /// <summary>Athlete id (opaque; usually <c>i</c> + digits).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>First name.</summary>
    [JsonPropertyName("firstname")] public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [JsonPropertyName("lastname")] public string? LastName { get; init; }

    /// <summary>Email address (personal data: never return to a model).</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary><c>M</c> or <c>F</c>.</summary>
    [JsonPropertyName("sex")] public string? Sex { get; init; }

    /// <summary>City.</summary>
    [JsonPropertyName("city")] public string? City { get; init; }

    /// <summary>Country.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }

    /// <summary>IANA time zone.</summary>
    [JsonPropertyName("timezone")] public string? Timezone { get; init; }

    /// <summary>Weight in kg.</summary>
    [JsonPropertyName("icu_weight")] public double? IcuWeight { get; init; }

    /// <summary>Resting heart rate in bpm.</summary>
    [JsonPropertyName("icu_resting_hr")] public int? IcuRestingHr { get; init; }

    /// <summary>True when this athlete is a coach.</summary>
    [JsonPropertyName("icu_coach")] public bool? IsCoach { get; init; }

    /// <summary>The caller's access to this athlete: <c>NONE</c>, <c>READ</c> or <c>WRITE</c>; null for the caller itself.</summary>
    [JsonPropertyName("icu_permission")] public string? Permission { get; init; }

    /// <summary>The coach's tags for this athlete.</summary>
    [JsonPropertyName("icu_tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The coach's private notes about this athlete.</summary>
    [JsonPropertyName("icu_notes")] public string? Notes { get; init; }

    /// <summary>Account status.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>Every other field Intervals.icu sent, minus secrets.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>
/// Thresholds and zones for a group of activity types. Units: watts, bpm, seconds, meters; <c>threshold_pace</c> is
/// a speed in m/s for every sport; zone arrays hold the top of each zone.
/// </summary>
[WireSchema("SportSettings")]
public sealed record SportSettingsDto
{
    /// <summary>Settings id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Owning athlete id.</summary>
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }

    /// <summary>Activity types these settings apply to, e.g. <c>Ride</c>, <c>VirtualRide</c>.</summary>
    [JsonPropertyName("types")] public IReadOnlyList<string>? Types { get; init; }

    /// <summary>True for the fallback entry covering types without their own settings.</summary>
    [JsonPropertyName("other")] public bool? IsOther { get; init; }

    /// <summary>Functional threshold power in watts.</summary>
    [JsonPropertyName("ftp")] public int? Ftp { get; init; }

    /// <summary>Indoor FTP in watts (null when the same as outdoor).</summary>
    [JsonPropertyName("indoor_ftp")] public int? IndoorFtp { get; init; }

    /// <summary>W′ (anaerobic work capacity) in joules.</summary>
    [JsonPropertyName("w_prime")] public int? WPrime { get; init; }

    /// <summary>Peak power in watts.</summary>
    [JsonPropertyName("p_max")] public int? PMax { get; init; }

    /// <summary>Top of each power zone as % of FTP (e.g. 55, 75, 90, 105, 120, 150, 999).</summary>
    [JsonPropertyName("power_zones")] public IReadOnlyList<int?>? PowerZones { get; init; }

    /// <summary>Power zone names.</summary>
    [JsonPropertyName("power_zone_names")] public IReadOnlyList<string>? PowerZoneNames { get; init; }

    /// <summary>Sweet-spot lower bound, % of FTP.</summary>
    [JsonPropertyName("sweet_spot_min")] public int? SweetSpotMin { get; init; }

    /// <summary>Sweet-spot upper bound, % of FTP.</summary>
    [JsonPropertyName("sweet_spot_max")] public int? SweetSpotMax { get; init; }

    /// <summary>Lactate threshold heart rate in bpm.</summary>
    [JsonPropertyName("lthr")] public int? Lthr { get; init; }

    /// <summary>Maximum heart rate in bpm.</summary>
    [JsonPropertyName("max_hr")] public int? MaxHr { get; init; }

    /// <summary>Top of each HR zone in bpm; the last entry is max HR.</summary>
    [JsonPropertyName("hr_zones")] public IReadOnlyList<int?>? HrZones { get; init; }

    /// <summary>HR zone names.</summary>
    [JsonPropertyName("hr_zone_names")] public IReadOnlyList<string>? HrZoneNames { get; init; }

    /// <summary>How HR load is computed: <c>AVG_HR</c>, <c>HR_ZONES</c>, <c>HRSS</c>.</summary>
    [JsonPropertyName("hr_load_type")] public string? HrLoadType { get; init; }

    /// <summary>Threshold pace as a speed in m/s (run 4:55/km ≈ 3.39). Null when unset.</summary>
    [JsonPropertyName("threshold_pace")] public double? ThresholdPace { get; init; }

    /// <summary>Display units for pace: <c>MINS_KM</c>, <c>MINS_MILE</c>, <c>SECS_100M</c>, …</summary>
    [JsonPropertyName("pace_units")] public string? PaceUnits { get; init; }

    /// <summary>Top of each pace zone as % of threshold speed.</summary>
    [JsonPropertyName("pace_zones")] public IReadOnlyList<double?>? PaceZones { get; init; }

    /// <summary>Pace zone names.</summary>
    [JsonPropertyName("pace_zone_names")] public IReadOnlyList<string>? PaceZoneNames { get; init; }

    /// <summary>Pace load model: <c>SWIM</c> or <c>RUN</c>.</summary>
    [JsonPropertyName("pace_load_type")] public string? PaceLoadType { get; init; }

    /// <summary>Priority of POWER/HR/PACE for load, e.g. <c>POWER_HR_PACE</c>.</summary>
    [JsonPropertyName("load_order")] public string? LoadOrder { get; init; }

    /// <summary>Priority for time in zones.</summary>
    [JsonPropertyName("tiz_order")] public string? TizOrder { get; init; }

    /// <summary>Priority for workout execution targets.</summary>
    [JsonPropertyName("workout_order")] public string? WorkoutOrder { get; init; }

    /// <summary>Default warm-up in seconds.</summary>
    [JsonPropertyName("warmup_time")] public int? WarmupTime { get; init; }

    /// <summary>Default cool-down in seconds.</summary>
    [JsonPropertyName("cooldown_time")] public int? CooldownTime { get; init; }

    /// <summary>First fatigue threshold for fatigued power curves, kJ.</summary>
    [JsonPropertyName("after_kj0")] public int? AfterKj0 { get; init; }

    /// <summary>Second fatigue threshold for fatigued power curves, kJ.</summary>
    [JsonPropertyName("after_kj1")] public int? AfterKj1 { get; init; }

    /// <summary>The power-duration model used for %MMP targets.</summary>
    [JsonPropertyName("mmp_model")] public PowerModelDto? MmpModel { get; init; }

    /// <summary>Distances for best-effort analysis, meters.</summary>
    [JsonPropertyName("best_effort_distances")] public IReadOnlyList<double?>? BestEffortDistances { get; init; }

    /// <summary>Default local time of day for planned workouts.</summary>
    [JsonPropertyName("default_workout_time")] public string? DefaultWorkoutTime { get; init; }

    /// <summary>When these settings were created.</summary>
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }

    /// <summary>When these settings last changed.</summary>
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    /// <summary>Every other field Intervals.icu sent (display, charts, custom fields…).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>A Strava gear reference on an athlete or activity. Distance in meters.</summary>
[WireSchema("StravaGear")]
public sealed record StravaGearDto
{
    /// <summary>Gear id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Gear name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Total distance in meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>True for the primary gear.</summary>
    [JsonPropertyName("primary")] public bool? Primary { get; init; }
}

/// <summary>A power-duration model. Watts and joules.</summary>
[WireSchema("PowerModel")]
public sealed record PowerModelDto
{
    /// <summary>Model type: <c>MS_2P</c>, <c>MORTON_3P</c>, <c>FFT_CURVES</c>, <c>ECP</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Critical power in watts.</summary>
    [JsonPropertyName("criticalPower")] public int? CriticalPower { get; init; }

    /// <summary>W′ in joules.</summary>
    [JsonPropertyName("wPrime")] public int? WPrime { get; init; }

    /// <summary>Peak power in watts.</summary>
    [JsonPropertyName("pMax")] public int? PMax { get; init; }

    /// <summary>Modelled FTP in watts.</summary>
    [JsonPropertyName("ftp")] public int? Ftp { get; init; }
}
