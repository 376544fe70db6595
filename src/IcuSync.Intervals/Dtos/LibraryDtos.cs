using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>A workout-library folder or training plan, with its workouts in <see cref="Children"/>.</summary>
[WireSchema("Folder", "CreateFolderDTO")]
public sealed record FolderDto
{
    /// <summary>Folder id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Owning athlete id.</summary>
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }

    /// <summary><c>FOLDER</c> or <c>PLAN</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>PRIVATE</c> or <c>PUBLIC</c>.</summary>
    [JsonPropertyName("visibility")] public string? Visibility { get; init; }

    /// <summary>Plan start (plans only), local.</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>Plan length in weeks.</summary>
    [JsonPropertyName("duration_weeks")] public int? DurationWeeks { get; init; }

    /// <summary>Number of workouts.</summary>
    [JsonPropertyName("num_workouts")] public int? NumWorkouts { get; init; }

    /// <summary>Sports covered.</summary>
    [JsonPropertyName("activity_types")] public IReadOnlyList<string>? ActivityTypes { get; init; }

    /// <summary>Target types used (POWER, HR, PACE).</summary>
    [JsonPropertyName("workout_targets")] public IReadOnlyList<string>? WorkoutTargets { get; init; }

    /// <summary>Plan volume lower bound, hours per week.</summary>
    [JsonPropertyName("hours_per_week_min")] public int? HoursPerWeekMin { get; init; }

    /// <summary>Plan volume upper bound, hours per week.</summary>
    [JsonPropertyName("hours_per_week_max")] public int? HoursPerWeekMax { get; init; }

    /// <summary>Short blurb.</summary>
    [JsonPropertyName("blurb")] public string? Blurb { get; init; }

    /// <summary>True when the caller may edit it.</summary>
    [JsonPropertyName("canEdit")] public bool? CanEdit { get; init; }

    /// <summary>Workouts in the folder.</summary>
    [JsonPropertyName("children")] public IReadOnlyList<WorkoutDto>? Children { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>
/// A library workout. <see cref="Description"/> holds the workout text; Intervals.icu computes <see cref="WorkoutDoc"/>,
/// duration (s), distance (m), load and intensity (% of FTP) from it.
/// </summary>
[WireSchema("Workout", "WorkoutEx")]
public sealed record WorkoutDto
{
    /// <summary>Workout id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Owning athlete id.</summary>
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }

    /// <summary>Folder id (required on create).</summary>
    [JsonPropertyName("folder_id")] public long? FolderId { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Workout-builder text.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Sport.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Sub-type.</summary>
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }

    /// <summary>True for indoor workouts.</summary>
    [JsonPropertyName("indoor")] public bool? Indoor { get; init; }

    /// <summary>Display colour.</summary>
    [JsonPropertyName("color")] public string? Color { get; init; }

    /// <summary>Duration, seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Distance, meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Training load.</summary>
    [JsonPropertyName("icu_training_load")] public int? TrainingLoad { get; init; }

    /// <summary>Intensity, % of FTP.</summary>
    [JsonPropertyName("icu_intensity")] public double? Intensity { get; init; }

    /// <summary>Work, joules.</summary>
    [JsonPropertyName("joules")] public long? Joules { get; init; }

    /// <summary>Work above FTP, joules.</summary>
    [JsonPropertyName("joules_above_ftp")] public long? JoulesAboveFtp { get; init; }

    /// <summary>Structured workout computed from the text. Read-only.</summary>
    [JsonPropertyName("workout_doc")] public JsonElement? WorkoutDoc { get; init; }

    /// <summary>Target type: <c>AUTO</c>, <c>POWER</c>, <c>HR</c>, <c>PACE</c>.</summary>
    [JsonPropertyName("target")] public string? Target { get; init; }

    /// <summary>Target types present, e.g. <c>POWER</c>.</summary>
    [JsonPropertyName("targets")] public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>Zero-based day within a plan.</summary>
    [JsonPropertyName("day")] public int? Day { get; init; }

    /// <summary>Number of days (multi-day entries).</summary>
    [JsonPropertyName("days")] public int? Days { get; init; }

    /// <summary>True for whole-week entries.</summary>
    [JsonPropertyName("for_week")] public bool? ForWeek { get; init; }

    /// <summary>Local time of day.</summary>
    [JsonPropertyName("time")] public string? Time { get; init; }

    /// <summary>True to hide from the athlete.</summary>
    [JsonPropertyName("hide_from_athlete")] public bool? HideFromAthlete { get; init; }

    /// <summary>Carbohydrate plan, grams per hour.</summary>
    [JsonPropertyName("carbs_per_hour")] public int? CarbsPerHour { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Workout file text (ZWO/MRC/ERG) instead of a description. Write-only.</summary>
    [JsonPropertyName("file_contents")] public string? FileContents { get; init; }

    /// <summary>Base64 workout file with <see cref="FileName"/>. Write-only.</summary>
    [JsonPropertyName("file_contents_base64")] public string? FileContentsBase64 { get; init; }

    /// <summary>File name whose extension names the format. Write-only.</summary>
    [JsonPropertyName("filename")] public string? FileName { get; init; }

    /// <summary>When the workout last changed.</summary>
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
