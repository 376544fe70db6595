using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IcuSync.Sandbox;

/// <summary>
/// A calendar event (planned workout, race, note...). For <c>WORKOUT</c> events the sandbox parses
/// <see cref="Description"/> into <see cref="WorkoutDoc"/> and derives <see cref="MovingTime"/> (s),
/// <see cref="Distance"/> (m) and <see cref="IcuTrainingLoad"/>.
/// </summary>
public sealed record SandboxEvent
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }
    [JsonPropertyName("calendar_id")] public int? CalendarId { get; init; }
    /// <summary><c>WORKOUT</c>, <c>RACE_A</c>, <c>NOTE</c>, ...</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }
    /// <summary>Local date-time without offset (midnight for whole-day events).</summary>
    [JsonPropertyName("start_date_local")] public DateTime StartDateLocal { get; init; }
    [JsonPropertyName("end_date_local")] public DateTime? EndDateLocal { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }
    [JsonPropertyName("indoor")] public bool? Indoor { get; init; }
    [JsonPropertyName("color")] public string? Color { get; init; }
    /// <summary>Seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    [JsonPropertyName("icu_training_load")] public int? IcuTrainingLoad { get; init; }
    /// <summary>Percent of threshold.</summary>
    [JsonPropertyName("icu_intensity")] public double? IcuIntensity { get; init; }
    [JsonPropertyName("joules")] public int? Joules { get; init; }
    [JsonPropertyName("joules_above_ftp")] public int? JoulesAboveFtp { get; init; }
    [JsonPropertyName("icu_ftp")] public int? IcuFtp { get; init; }
    /// <summary>Projected fitness after the event's day (filled when served).</summary>
    [JsonPropertyName("icu_ctl")] public double? IcuCtl { get; init; }
    [JsonPropertyName("icu_atl")] public double? IcuAtl { get; init; }
    [JsonPropertyName("workout_doc")] public JsonObject? WorkoutDoc { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
    [JsonPropertyName("oauth_client_id")] public int? OauthClientId { get; init; }
    [JsonPropertyName("created_by_id")] public string? CreatedById { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("attachments")] public JsonArray? Attachments { get; init; }
    [JsonPropertyName("push_errors")] public JsonArray? PushErrors { get; init; }
    [JsonPropertyName("hide_from_athlete")] public bool? HideFromAthlete { get; init; }
    [JsonPropertyName("athlete_cannot_edit")] public bool? AthleteCannotEdit { get; init; }
    [JsonPropertyName("not_on_fitness_chart")] public bool? NotOnFitnessChart { get; init; }
    [JsonPropertyName("show_as_note")] public bool? ShowAsNote { get; init; }
    [JsonPropertyName("show_on_ctl_line")] public bool? ShowOnCtlLine { get; init; }
    [JsonPropertyName("for_week")] public bool? ForWeek { get; init; }
    [JsonPropertyName("carbs_per_hour")] public int? CarbsPerHour { get; init; }
    [JsonPropertyName("load_target")] public int? LoadTarget { get; init; }
    [JsonPropertyName("time_target")] public int? TimeTarget { get; init; }
    [JsonPropertyName("distance_target")] public double? DistanceTarget { get; init; }
    [JsonPropertyName("plan_applied")] public DateTimeOffset? PlanApplied { get; init; }
    /// <summary>Observed on the real API (not in the spec): the activity matched to this planned workout.</summary>
    [JsonPropertyName("paired_activity_id")] public string? PairedActivityId { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Events created in the same request share a batch (for <c>DELETE ?others=true</c>).</summary>
    [JsonIgnore] internal long BatchId { get; init; }
}

/// <summary>A workout in the athlete's library.</summary>
public sealed record SandboxWorkout
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }
    [JsonPropertyName("folder_id")] public int? FolderId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("indoor")] public bool? Indoor { get; init; }
    [JsonPropertyName("color")] public string? Color { get; init; }
    /// <summary>Seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    [JsonPropertyName("icu_training_load")] public int? IcuTrainingLoad { get; init; }
    [JsonPropertyName("icu_intensity")] public double? IcuIntensity { get; init; }
    [JsonPropertyName("joules")] public int? Joules { get; init; }
    [JsonPropertyName("joules_above_ftp")] public int? JoulesAboveFtp { get; init; }
    [JsonPropertyName("workout_doc")] public JsonObject? WorkoutDoc { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("targets")] public IReadOnlyList<string>? Targets { get; init; }
    [JsonPropertyName("day")] public int? Day { get; init; }
    [JsonPropertyName("days")] public int? Days { get; init; }
    [JsonPropertyName("for_week")] public bool? ForWeek { get; init; }
    [JsonPropertyName("hide_from_athlete")] public bool? HideFromAthlete { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }
    [JsonPropertyName("carbs_per_hour")] public int? CarbsPerHour { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A library folder (or plan); its <c>children</c> are filled from the workouts when served.</summary>
public sealed record SandboxFolder
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }
    /// <summary><c>FOLDER</c> or <c>PLAN</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("visibility")] public string? Visibility { get; init; }
    [JsonPropertyName("start_date_local")] public string? StartDateLocal { get; init; }
    [JsonPropertyName("duration_weeks")] public int? DurationWeeks { get; init; }
    [JsonPropertyName("activity_types")] public IReadOnlyList<string>? ActivityTypes { get; init; }
    [JsonPropertyName("canEdit")] public bool? CanEdit { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A piece of gear (bike, shoes...). Distance in meters, time in seconds.</summary>
public sealed record SandboxGear
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("purchased")] public string? Purchased { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    /// <summary>Meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    /// <summary>Seconds.</summary>
    [JsonPropertyName("time")] public double? Time { get; init; }
    [JsonPropertyName("activities")] public int? Activities { get; init; }
    [JsonPropertyName("use_elapsed_time")] public bool? UseElapsedTime { get; init; }
    [JsonPropertyName("retired")] public string? Retired { get; init; }
    [JsonPropertyName("component")] public bool? Component { get; init; }
    [JsonPropertyName("component_ids")] public IReadOnlyList<string>? ComponentIds { get; init; }
    [JsonPropertyName("reminders")] public IReadOnlyList<SandboxGearReminder>? Reminders { get; init; }
    [JsonPropertyName("activity_filters")] public JsonArray? ActivityFilters { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A gear service reminder; the <c>*_used</c> and <c>percent_used</c> fields are filled when served.</summary>
public sealed record SandboxGearReminder
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("gear_id")] public string? GearId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>Meters between services.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
    /// <summary>Seconds between services.</summary>
    [JsonPropertyName("time")] public double? Time { get; init; }
    [JsonPropertyName("activities")] public int? Activities { get; init; }
    [JsonPropertyName("days")] public int? Days { get; init; }
    [JsonPropertyName("last_reset")] public DateTimeOffset? LastReset { get; init; }
    [JsonPropertyName("starting_distance")] public double? StartingDistance { get; init; }
    [JsonPropertyName("starting_time")] public double? StartingTime { get; init; }
    [JsonPropertyName("starting_activities")] public int? StartingActivities { get; init; }
    [JsonPropertyName("snoozed_until")] public DateTimeOffset? SnoozedUntil { get; init; }
    [JsonPropertyName("percent_used")] public double? PercentUsed { get; init; }
    [JsonPropertyName("distance_used")] public double? DistanceUsed { get; init; }
    [JsonPropertyName("time_used")] public double? TimeUsed { get; init; }
    [JsonPropertyName("activities_used")] public int? ActivitiesUsed { get; init; }
    [JsonPropertyName("days_used")] public int? DaysUsed { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
