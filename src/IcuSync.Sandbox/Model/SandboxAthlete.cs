using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Sandbox;

/// <summary>An athlete as stored by the sandbox (the profile part of <c>GET /api/v1/athlete/{id}</c>).</summary>
/// <remarks>Sport settings live in <see cref="SandboxStore"/> so they can be updated independently.</remarks>
public sealed record SandboxAthlete
{
    /// <summary>Athlete id, e.g. <c>i1001</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("firstname")] public string? FirstName { get; init; }
    [JsonPropertyName("lastname")] public string? LastName { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    /// <summary><c>M</c> or <c>F</c>.</summary>
    [JsonPropertyName("sex")] public string? Sex { get; init; }
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    /// <summary>IANA time zone id, e.g. <c>Europe/London</c>.</summary>
    [JsonPropertyName("timezone")] public required string Timezone { get; init; }
    [JsonPropertyName("locale")] public string? Locale { get; init; }
    [JsonPropertyName("measurement_preference")] public string? MeasurementPreference { get; init; }
    /// <summary>Weight in kg (usually null on the real API; see <see cref="IcuWeight"/>).</summary>
    [JsonPropertyName("weight")] public double? Weight { get; init; }
    /// <summary>Weight in kg.</summary>
    [JsonPropertyName("icu_weight")] public double? IcuWeight { get; init; }
    /// <summary>Resting heart rate in bpm.</summary>
    [JsonPropertyName("icu_resting_hr")] public int? IcuRestingHr { get; init; }
    /// <summary>Date of birth, <c>YYYY-MM-DD</c>.</summary>
    [JsonPropertyName("icu_date_of_birth")] public string? IcuDateOfBirth { get; init; }
    /// <summary>Height in cm.</summary>
    [JsonPropertyName("height")] public double? Height { get; init; }
    [JsonPropertyName("icu_coach")] public bool? IcuCoach { get; init; }
    [JsonPropertyName("plan")] public string? Plan { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("visibility")] public string? Visibility { get; init; }
    [JsonPropertyName("bio")] public string? Bio { get; init; }
    [JsonPropertyName("website")] public string? Website { get; init; }
    [JsonPropertyName("profile_medium")] public string? ProfileMedium { get; init; }
    [JsonPropertyName("icu_tags")] public IReadOnlyList<string>? IcuTags { get; init; }
    [JsonPropertyName("icu_notes")] public string? IcuNotes { get; init; }

    /// <summary>Unknown keys from a loaded dataset, written back unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Sport settings (FTP, LTHR, threshold pace and zones) for a group of activity types.</summary>
public sealed record SandboxSportSettings
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }
    /// <summary>Activity types covered, e.g. <c>["Ride","VirtualRide"]</c>.</summary>
    [JsonPropertyName("types")] public IReadOnlyList<string> Types { get; init; } = [];
    /// <summary>Seconds.</summary>
    [JsonPropertyName("warmup_time")] public int? WarmupTime { get; init; }
    /// <summary>Seconds.</summary>
    [JsonPropertyName("cooldown_time")] public int? CooldownTime { get; init; }
    /// <summary>Functional threshold power in watts.</summary>
    [JsonPropertyName("ftp")] public int? Ftp { get; init; }
    [JsonPropertyName("indoor_ftp")] public int? IndoorFtp { get; init; }
    /// <summary>W′ in joules.</summary>
    [JsonPropertyName("w_prime")] public int? WPrime { get; init; }
    /// <summary>Peak power in watts.</summary>
    [JsonPropertyName("p_max")] public int? PMax { get; init; }
    /// <summary>Top of each power zone as % of FTP.</summary>
    [JsonPropertyName("power_zones")] public IReadOnlyList<int>? PowerZones { get; init; }
    [JsonPropertyName("power_zone_names")] public IReadOnlyList<string>? PowerZoneNames { get; init; }
    [JsonPropertyName("sweet_spot_min")] public int? SweetSpotMin { get; init; }
    [JsonPropertyName("sweet_spot_max")] public int? SweetSpotMax { get; init; }
    /// <summary>Lactate threshold heart rate in bpm.</summary>
    [JsonPropertyName("lthr")] public int? Lthr { get; init; }
    /// <summary>Maximum heart rate in bpm.</summary>
    [JsonPropertyName("max_hr")] public int? MaxHr { get; init; }
    /// <summary>Top of each HR zone in bpm (the last entry is max HR).</summary>
    [JsonPropertyName("hr_zones")] public IReadOnlyList<int>? HrZones { get; init; }
    [JsonPropertyName("hr_zone_names")] public IReadOnlyList<string>? HrZoneNames { get; init; }
    [JsonPropertyName("hr_load_type")] public string? HrLoadType { get; init; }
    /// <summary>Threshold pace as a speed in m/s (for running and swimming alike).</summary>
    [JsonPropertyName("threshold_pace")] public double? ThresholdPace { get; init; }
    [JsonPropertyName("pace_units")] public string? PaceUnits { get; init; }
    /// <summary>Top of each pace zone as % of threshold speed.</summary>
    [JsonPropertyName("pace_zones")] public IReadOnlyList<double>? PaceZones { get; init; }
    [JsonPropertyName("pace_zone_names")] public IReadOnlyList<string>? PaceZoneNames { get; init; }
    [JsonPropertyName("pace_load_type")] public string? PaceLoadType { get; init; }
    [JsonPropertyName("load_order")] public string? LoadOrder { get; init; }
    [JsonPropertyName("tiz_order")] public string? TizOrder { get; init; }
    [JsonPropertyName("workout_order")] public string? WorkoutOrder { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("best_effort_distances")] public IReadOnlyList<double>? BestEffortDistances { get; init; }
    [JsonPropertyName("mmp_model")] public System.Text.Json.Nodes.JsonObject? MmpModel { get; init; }
    [JsonPropertyName("other")] public bool? Other { get; init; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>True when this entry covers <paramref name="activityType"/>.</summary>
    public bool Covers(string activityType) => Types.Contains(activityType, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A coach's access to another athlete (<c>icu_permission</c>).</summary>
/// <param name="CoachId">The coach's athlete id.</param>
/// <param name="AthleteId">The coached or followed athlete.</param>
/// <param name="Permission"><c>READ</c> or <c>WRITE</c>.</param>
public sealed record SandboxCoaching(
    [property: JsonPropertyName("coach_id")] string CoachId,
    [property: JsonPropertyName("athlete_id")] string AthleteId,
    [property: JsonPropertyName("permission")] string Permission)
{
    /// <summary>True when the coach may write (create events, update wellness...).</summary>
    public bool CanWrite => string.Equals(Permission, "WRITE", StringComparison.OrdinalIgnoreCase);
}
