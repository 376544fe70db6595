using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>
/// A calendar event: planned workout, race, note, target… (<c>/api/v1/athlete/{id}/events…</c>). Dates are athlete-local
/// date-times (<c>2026-05-20T00:00:00</c>); a one-day event ends at the next midnight. Units: seconds, meters, joules,
/// <c>icu_intensity</c> in % of FTP. For workouts, <see cref="Description"/> holds the workout text that Intervals.icu parses
/// into <see cref="WorkoutDoc"/> (it does not accept a workout_doc as input). When creating or updating, set only the
/// fields to send: null fields are omitted.
/// </summary>
[WireSchema("Event", "EventEx")]
public sealed record EventDto
{
    /// <summary>Category for planned workouts.</summary>
    public const string WorkoutCategory = "WORKOUT";

    /// <summary>Category for notes.</summary>
    public const string NoteCategory = "NOTE";

    /// <summary>Event id (server-assigned).</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Globally unique id (server-assigned).</summary>
    [JsonPropertyName("uid")] public string? Uid { get; init; }

    /// <summary>Athlete id.</summary>
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }

    /// <summary>Calendar id (1 = default calendar).</summary>
    [JsonPropertyName("calendar_id")] public long? CalendarId { get; init; }

    /// <summary><c>WORKOUT</c>, <c>RACE_A</c>, <c>RACE_B</c>, <c>RACE_C</c>, <c>NOTE</c>, <c>PLAN</c>, <c>HOLIDAY</c>, <c>SICK</c>, <c>INJURED</c>, <c>TARGET</c>, …</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }

    /// <summary>Start, athlete-local (required on create).</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>End, athlete-local (next midnight for one-day events).</summary>
    [JsonPropertyName("end_date_local")] public DateTime? EndDateLocal { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Text; for workouts the workout-builder text that is parsed into <see cref="WorkoutDoc"/>.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Sport (<c>Ride</c>, <c>Run</c>, <c>Swim</c>…); null for notes.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Sub-type.</summary>
    [JsonPropertyName("sub_type")] public string? SubType { get; init; }

    /// <summary>True for indoor workouts.</summary>
    [JsonPropertyName("indoor")] public bool? Indoor { get; init; }

    /// <summary>Display colour.</summary>
    [JsonPropertyName("color")] public string? Color { get; init; }

    /// <summary>Planned duration, seconds (computed from the workout when parseable).</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Planned distance, meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Planned training load.</summary>
    [JsonPropertyName("icu_training_load")] public int? TrainingLoad { get; init; }

    /// <summary>Planned intensity, % of FTP.</summary>
    [JsonPropertyName("icu_intensity")] public double? Intensity { get; init; }

    /// <summary>Planned work, joules.</summary>
    [JsonPropertyName("joules")] public long? Joules { get; init; }

    /// <summary>Planned work above FTP, joules.</summary>
    [JsonPropertyName("joules_above_ftp")] public long? JoulesAboveFtp { get; init; }

    /// <summary>FTP used for the plan, watts.</summary>
    [JsonPropertyName("icu_ftp")] public int? Ftp { get; init; }

    /// <summary>Projected fitness (CTL) after this event.</summary>
    [JsonPropertyName("icu_ctl")] public double? Ctl { get; init; }

    /// <summary>Projected fatigue (ATL) after this event.</summary>
    [JsonPropertyName("icu_atl")] public double? Atl { get; init; }

    /// <summary>Structured workout built by Intervals.icu from the text (steps, duration, zone times). Read-only.</summary>
    [JsonPropertyName("workout_doc")] public JsonElement? WorkoutDoc { get; init; }

    /// <summary>Target type to execute: <c>AUTO</c>, <c>POWER</c>, <c>HR</c>, <c>PACE</c>.</summary>
    [JsonPropertyName("target")] public string? Target { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Caller-chosen id; with bulk upsert, events with the same external id (from the same app) are updated instead of duplicated.</summary>
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }

    /// <summary>OAuth application that created the event.</summary>
    [JsonPropertyName("oauth_client_id")] public long? OAuthClientId { get; init; }

    /// <summary>Athlete who created the event.</summary>
    [JsonPropertyName("created_by_id")] public string? CreatedById { get; init; }

    /// <summary>True to keep the event off the fitness chart.</summary>
    [JsonPropertyName("not_on_fitness_chart")] public bool? NotOnFitnessChart { get; init; }

    /// <summary>True to show the event as a note.</summary>
    [JsonPropertyName("show_as_note")] public bool? ShowAsNote { get; init; }

    /// <summary>True to show on the CTL line.</summary>
    [JsonPropertyName("show_on_ctl_line")] public bool? ShowOnCtlLine { get; init; }

    /// <summary>True for whole-week events.</summary>
    [JsonPropertyName("for_week")] public bool? ForWeek { get; init; }

    /// <summary>True to hide from the athlete (coach planning).</summary>
    [JsonPropertyName("hide_from_athlete")] public bool? HideFromAthlete { get; init; }

    /// <summary>True to stop the athlete editing it.</summary>
    [JsonPropertyName("athlete_cannot_edit")] public bool? AthleteCannotEdit { get; init; }

    /// <summary>Weekly load target (TARGET events).</summary>
    [JsonPropertyName("load_target")] public int? LoadTarget { get; init; }

    /// <summary>Weekly time target, seconds (TARGET events).</summary>
    [JsonPropertyName("time_target")] public int? TimeTarget { get; init; }

    /// <summary>Weekly distance target, meters (TARGET events).</summary>
    [JsonPropertyName("distance_target")] public double? DistanceTarget { get; init; }

    /// <summary>Carbohydrate plan, grams per hour.</summary>
    [JsonPropertyName("carbs_per_hour")] public int? CarbsPerHour { get; init; }

    /// <summary>Failures pushing the workout to devices (Garmin etc.).</summary>
    [JsonPropertyName("push_errors")] public IReadOnlyList<PushErrorDto>? PushErrors { get; init; }

    /// <summary>Workout file contents (ZWO/MRC/ERG text) as an alternative to <see cref="Description"/>. Write-only.</summary>
    [JsonPropertyName("file_contents")] public string? FileContents { get; init; }

    /// <summary>Base64 workout file (FIT etc.) with <see cref="FileName"/>. Write-only.</summary>
    [JsonPropertyName("file_contents_base64")] public string? FileContentsBase64 { get; init; }

    /// <summary>File name whose extension names the format (<c>.zwo</c>, <c>.mrc</c>, <c>.erg</c>, <c>.fit</c>). Write-only.</summary>
    [JsonPropertyName("filename")] public string? FileName { get; init; }

    /// <summary>When the event last changed.</summary>
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }

    /// <summary>Every other field Intervals.icu sent (e.g. the undocumented <c>paired_activity_id</c>, <c>plan_name</c>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>The activity matched to this planned workout (undocumented <c>paired_activity_id</c>), when present.</summary>
    [JsonIgnore]
    public string? PairedActivityId =>
        AdditionalFields is not null && AdditionalFields.TryGetValue("paired_activity_id", out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>A failure pushing a workout to an external service.</summary>
[WireSchema("PushError")]
public sealed record PushErrorDto
{
    /// <summary>Service name, e.g. Garmin.</summary>
    [JsonPropertyName("service")] public string? Service { get; init; }

    /// <summary>Error text.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>When it happened.</summary>
    [JsonPropertyName("date")] public DateTimeOffset? Date { get; init; }
}

/// <summary>An event to delete in bulk: by <c>id</c>, or by <c>external_id</c> (events created by the calling OAuth app only; wins when both are set).</summary>
[WireSchema("DoomedEvent")]
public sealed record DoomedEventDto
{
    /// <summary>Event id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>External id.</summary>
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
}

/// <summary>Result of a bulk delete.</summary>
[WireSchema("DeleteEventsResponse")]
public sealed record DeleteEventsResponseDto
{
    /// <summary>How many events were deleted (unknown ones are ignored).</summary>
    [JsonPropertyName("eventsDeleted")] public int? EventsDeleted { get; init; }
}
