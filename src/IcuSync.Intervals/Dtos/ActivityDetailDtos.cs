using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary><c>GET /api/v1/activity/{id}/intervals</c>: a wrapper object, not a bare list.</summary>
[WireSchema("IntervalsDTO")]
public sealed record ActivityIntervalsDto
{
    /// <summary>Activity id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>When the activity was analysed.</summary>
    [JsonPropertyName("analyzed")] public DateTimeOffset? Analyzed { get; init; }

    /// <summary>Intervals in time order.</summary>
    [JsonPropertyName("icu_intervals")] public IReadOnlyList<IntervalDto>? Intervals { get; init; }

    /// <summary>Groups of similar intervals (e.g. the reps of a set).</summary>
    [JsonPropertyName("icu_groups")] public IReadOnlyList<IntervalGroupDto>? Groups { get; init; }
}

/// <summary>
/// One interval of an activity. <c>start_index</c>/<c>end_index</c> (end exclusive) index the stream arrays;
/// times in seconds, distances in meters, power in watts, HR in bpm, speed in m/s, intensity in % of FTP.
/// </summary>
[WireSchema("Interval")]
public sealed record IntervalDto
{
    /// <summary>Interval id within the activity.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary><c>WORK</c> or <c>RECOVERY</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Label.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Id of the interval group this belongs to.</summary>
    [JsonPropertyName("group_id")] public string? GroupId { get; init; }

    /// <summary>First stream index (inclusive).</summary>
    [JsonPropertyName("start_index")] public int? StartIndex { get; init; }

    /// <summary>Last stream index (exclusive).</summary>
    [JsonPropertyName("end_index")] public int? EndIndex { get; init; }

    /// <summary>Start, seconds from activity start (do not use to index streams: pauses).</summary>
    [JsonPropertyName("start_time")] public int? StartTime { get; init; }

    /// <summary>End, seconds from activity start.</summary>
    [JsonPropertyName("end_time")] public int? EndTime { get; init; }

    /// <summary>Moving time in seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Elapsed time in seconds.</summary>
    [JsonPropertyName("elapsed_time")] public int? ElapsedTime { get; init; }

    /// <summary>Distance in meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Average power, watts.</summary>
    [JsonPropertyName("average_watts")] public int? AverageWatts { get; init; }

    /// <summary>Normalized power, watts.</summary>
    [JsonPropertyName("weighted_average_watts")] public int? WeightedAverageWatts { get; init; }

    /// <summary>Maximum power, watts.</summary>
    [JsonPropertyName("max_watts")] public int? MaxWatts { get; init; }

    /// <summary>Minimum power, watts.</summary>
    [JsonPropertyName("min_watts")] public int? MinWatts { get; init; }

    /// <summary>Average power per kg, W/kg.</summary>
    [JsonPropertyName("average_watts_kg")] public double? AverageWattsPerKg { get; init; }

    /// <summary>Intensity, % of FTP.</summary>
    [JsonPropertyName("intensity")] public int? Intensity { get; init; }

    /// <summary>Training load of the interval.</summary>
    [JsonPropertyName("training_load")] public double? TrainingLoad { get; init; }

    /// <summary>Work in joules.</summary>
    [JsonPropertyName("joules")] public long? Joules { get; init; }

    /// <summary>Work above FTP in joules.</summary>
    [JsonPropertyName("joules_above_ftp")] public long? JoulesAboveFtp { get; init; }

    /// <summary>Power zone number (1-based).</summary>
    [JsonPropertyName("zone")] public int? Zone { get; init; }

    /// <summary>Average HR, bpm.</summary>
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }

    /// <summary>Minimum HR, bpm.</summary>
    [JsonPropertyName("min_heartrate")] public int? MinHeartrate { get; init; }

    /// <summary>Maximum HR, bpm.</summary>
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }

    /// <summary>Average cadence, rpm.</summary>
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }

    /// <summary>Average speed, m/s.</summary>
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }

    /// <summary>Maximum speed, m/s.</summary>
    [JsonPropertyName("max_speed")] public double? MaxSpeed { get; init; }

    /// <summary>Gradient-adjusted pace as a speed, m/s.</summary>
    [JsonPropertyName("gap")] public double? Gap { get; init; }

    /// <summary>Elevation gain, meters.</summary>
    [JsonPropertyName("total_elevation_gain")] public double? TotalElevationGain { get; init; }

    /// <summary>Average gradient, percent.</summary>
    [JsonPropertyName("average_gradient")] public double? AverageGradient { get; init; }

    /// <summary>Aerobic decoupling, percent.</summary>
    [JsonPropertyName("decoupling")] public double? Decoupling { get; init; }

    /// <summary>W′ balance at the start, joules.</summary>
    [JsonPropertyName("wbal_start")] public int? WbalStart { get; init; }

    /// <summary>W′ balance at the end, joules.</summary>
    [JsonPropertyName("wbal_end")] public int? WbalEnd { get; init; }

    /// <summary>Average stride, meters.</summary>
    [JsonPropertyName("average_stride")] public double? AverageStride { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>A group of similar intervals with their averages (same units as <see cref="IntervalDto"/>).</summary>
[WireSchema("IntervalGroup")]
public sealed record IntervalGroupDto
{
    /// <summary>Group id, e.g. <c>480s@258w</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Number of intervals in the group.</summary>
    [JsonPropertyName("count")] public int? Count { get; init; }

    /// <summary>First stream index of the first interval.</summary>
    [JsonPropertyName("start_index")] public int? StartIndex { get; init; }

    /// <summary>Average moving time per interval, seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Average elapsed time, seconds.</summary>
    [JsonPropertyName("elapsed_time")] public int? ElapsedTime { get; init; }

    /// <summary>Distance, meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }

    /// <summary>Average power, watts.</summary>
    [JsonPropertyName("average_watts")] public int? AverageWatts { get; init; }

    /// <summary>Normalized power, watts.</summary>
    [JsonPropertyName("weighted_average_watts")] public int? WeightedAverageWatts { get; init; }

    /// <summary>Maximum power, watts.</summary>
    [JsonPropertyName("max_watts")] public int? MaxWatts { get; init; }

    /// <summary>Intensity, % of FTP.</summary>
    [JsonPropertyName("intensity")] public int? Intensity { get; init; }

    /// <summary>Training load.</summary>
    [JsonPropertyName("training_load")] public double? TrainingLoad { get; init; }

    /// <summary>Average HR, bpm.</summary>
    [JsonPropertyName("average_heartrate")] public int? AverageHeartrate { get; init; }

    /// <summary>Maximum HR, bpm.</summary>
    [JsonPropertyName("max_heartrate")] public int? MaxHeartrate { get; init; }

    /// <summary>Average cadence, rpm.</summary>
    [JsonPropertyName("average_cadence")] public double? AverageCadence { get; init; }

    /// <summary>Average speed, m/s.</summary>
    [JsonPropertyName("average_speed")] public double? AverageSpeed { get; init; }

    /// <summary>Elevation gain, meters.</summary>
    [JsonPropertyName("total_elevation_gain")] public double? TotalElevationGain { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>
/// One stream of an activity (<c>GET /api/v1/activity/{id}/streams.json</c> returns an array of these). Samples are
/// aligned by index across streams. Units: <c>time</c> s since start (gaps at pauses), <c>watts</c> W,
/// <c>heartrate</c> bpm, <c>cadence</c> rpm, <c>velocity_smooth</c> m/s, <c>distance</c> m (cumulative),
/// <c>altitude</c> m, <c>grade_smooth</c> %, <c>temp</c> °C; <c>moving</c> is 1/0. <c>latlng</c> has latitude in
/// <see cref="Data"/> and longitude in <see cref="Data2"/>.
/// </summary>
[WireSchema("ActivityStream")]
public sealed record ActivityStreamDto
{
    /// <summary>Stream type, e.g. <c>watts</c>, <c>heartrate</c>, <c>time</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Display name (custom streams).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Samples; null where the device recorded nothing.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(StreamSamplesConverter))]
    public IReadOnlyList<double?>? Data { get; init; }

    /// <summary>Second component (longitude for <c>latlng</c>).</summary>
    [JsonPropertyName("data2")]
    [JsonConverter(typeof(StreamSamplesConverter))]
    public IReadOnlyList<double?>? Data2 { get; init; }

    /// <summary>True when each sample is itself an array (such samples read as null here).</summary>
    [JsonPropertyName("valueTypeIsArray")] public bool? ValueTypeIsArray { get; init; }

    /// <summary>True for athlete-defined streams.</summary>
    [JsonPropertyName("custom")] public bool? Custom { get; init; }

    /// <summary>True when every sample is null.</summary>
    [JsonPropertyName("allNull")] public bool? AllNull { get; init; }

    /// <summary>Every other field Intervals.icu sent (e.g. <c>valueType</c>, <c>anomalies</c>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary><c>GET /api/v1/activity/{id}/best-efforts</c>: the best efforts of one duration or distance in an activity.</summary>
[WireSchema("BestEfforts")]
public sealed record BestEffortsDto
{
    /// <summary>Efforts, best first.</summary>
    [JsonPropertyName("efforts")] public IReadOnlyList<EffortDto>? Efforts { get; init; }
}

/// <summary>One best effort: stream indexes (end exclusive), its average (stream units), duration (s) and distance (m).</summary>
[WireSchema("Effort")]
public sealed record EffortDto
{
    /// <summary>First stream index.</summary>
    [JsonPropertyName("start_index")] public int? StartIndex { get; init; }

    /// <summary>Last stream index (exclusive).</summary>
    [JsonPropertyName("end_index")] public int? EndIndex { get; init; }

    /// <summary>Average value of the searched stream over the effort (W for watts, bpm for heartrate, m/s for speed).</summary>
    [JsonPropertyName("average")] public double? Average { get; init; }

    /// <summary>Duration in seconds.</summary>
    [JsonPropertyName("duration")] public int? Duration { get; init; }

    /// <summary>Distance in meters.</summary>
    [JsonPropertyName("distance")] public double? Distance { get; init; }
}
