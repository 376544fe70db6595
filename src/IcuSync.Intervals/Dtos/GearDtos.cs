using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>A piece of gear or a component. Distance in meters, time in seconds.</summary>
[WireSchema("Gear")]
public sealed record GearDto
{
    /// <summary>Gear id (opaque string).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Owning athlete id.</summary>
    [JsonPropertyName("athlete_id")] public string? AthleteId { get; init; }

    /// <summary><c>Bike</c>, <c>Shoes</c>, <c>Wetsuit</c>, <c>Trainer</c>, components like <c>Chain</c>, <c>Tyre</c>, …</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Purchase date (local, <c>YYYY-MM-DD</c>).</summary>
    [JsonPropertyName("purchased")] public string? Purchased { get; init; }

    /// <summary>Notes.</summary>
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary>Total distance, meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Total time, seconds.</summary>
    [JsonPropertyName("time")] public double? Time { get; init; }

    /// <summary>Number of activities.</summary>
    [JsonPropertyName("activities")] public int? Activities { get; init; }

    /// <summary>True to count elapsed instead of moving time.</summary>
    [JsonPropertyName("use_elapsed_time")] public bool? UseElapsedTime { get; init; }

    /// <summary>Retirement date, or null while in use.</summary>
    [JsonPropertyName("retired")] public string? Retired { get; init; }

    /// <summary>True for a component (chain, tyre…) rather than a top-level item.</summary>
    [JsonPropertyName("component")] public bool? Component { get; init; }

    /// <summary>Ids of components fitted to this gear.</summary>
    [JsonPropertyName("component_ids")] public IReadOnlyList<string>? ComponentIds { get; init; }

    /// <summary>Service reminders.</summary>
    [JsonPropertyName("reminders")] public IReadOnlyList<GearReminderDto>? Reminders { get; init; }

    /// <summary>Every other field Intervals.icu sent (e.g. activity filters).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>A service reminder on gear: due after a distance (m), time (s), activity count or days.</summary>
[WireSchema("GearReminder")]
public sealed record GearReminderDto
{
    /// <summary>Reminder id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Gear id.</summary>
    [JsonPropertyName("gear_id")] public string? GearId { get; init; }

    /// <summary>What to do, e.g. "Replace chain".</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Due after this distance, meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Due after this time, seconds.</summary>
    [JsonPropertyName("time")] public double? Time { get; init; }

    /// <summary>Due after this many activities.</summary>
    [JsonPropertyName("activities")] public int? Activities { get; init; }

    /// <summary>Due after this many days.</summary>
    [JsonPropertyName("days")] public int? Days { get; init; }

    /// <summary>When the reminder was last reset.</summary>
    [JsonPropertyName("last_reset")] public string? LastReset { get; init; }

    /// <summary>Snoozed until this date.</summary>
    [JsonPropertyName("snoozed_until")] public string? SnoozedUntil { get; init; }

    /// <summary>How much of the interval is used, percent.</summary>
    [JsonPropertyName("percent_used")] public double? PercentUsed { get; init; }

    /// <summary>Distance used since reset, meters.</summary>
    [JsonPropertyName("distance_used")] public double? DistanceUsed { get; init; }

    /// <summary>Time used since reset, seconds.</summary>
    [JsonPropertyName("time_used")] public double? TimeUsed { get; init; }

    /// <summary>Activities since reset.</summary>
    [JsonPropertyName("activities_used")] public int? ActivitiesUsed { get; init; }

    /// <summary>Days since reset.</summary>
    [JsonPropertyName("days_used")] public int? DaysUsed { get; init; }
}
