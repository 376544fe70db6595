using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary><c>GET /api/v1/athlete/{id}/power-curves.json</c>: one curve per requested range, plus the activities that set the points.</summary>
[WireSchema("DataCurveSetPowerCurve")]
public sealed record PowerCurveSetDto
{
    /// <summary>Curves, in the order requested.</summary>
    [JsonPropertyName("list")] public IReadOnlyList<PowerCurveDto>? Curves { get; init; }

    /// <summary>Activities referenced by <see cref="PowerCurveDto.ActivityIds"/>, keyed by activity id (summary fields only).</summary>
    [JsonPropertyName("activities")] public IReadOnlyDictionary<string, ActivityDto>? Activities { get; init; }
}

/// <summary>
/// A best-power curve: for each duration in <see cref="Secs"/> (seconds) the best average power (watts) in
/// <see cref="Values"/> (falls back to <see cref="Watts"/>), W/kg and the activity that set it.
/// </summary>
[WireSchema("DataCurve", "PowerCurve")]
public sealed record PowerCurveDto
{
    /// <summary>Curve spec, e.g. <c>42d</c>, <c>1y</c>, <c>s0</c>, <c>all</c>, <c>r.2024-01-01.2024-03-31</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Human label.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Range start (local).</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>Range end (local).</summary>
    [JsonPropertyName("end_date_local")] public DateTime? EndDateLocal { get; init; }

    /// <summary>Range length in days.</summary>
    [JsonPropertyName("days")] public int? Days { get; init; }

    /// <summary>Athlete weight used for W/kg, kg.</summary>
    [JsonPropertyName("weight")] public double? Weight { get; init; }

    /// <summary>For fatigued curves: kJ done before the efforts counted.</summary>
    [JsonPropertyName("after_kj")] public int? AfterKj { get; init; }

    /// <summary>Total moving time in the range, seconds.</summary>
    [JsonPropertyName("moving_time")] public int? MovingTime { get; init; }

    /// <summary>Total training load in the range.</summary>
    [JsonPropertyName("training_load")] public int? TrainingLoad { get; init; }

    /// <summary>Durations in seconds (sparse at long durations).</summary>
    [JsonPropertyName("secs")] public IReadOnlyList<int?>? Secs { get; init; }

    /// <summary>Best average power per duration, watts.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<int?>? Values { get; init; }

    /// <summary>Best average power per duration, watts (alternative field some responses use).</summary>
    [JsonPropertyName("watts")] public IReadOnlyList<int?>? Watts { get; init; }

    /// <summary>Best average power per duration, W/kg.</summary>
    [JsonPropertyName("watts_per_kg")] public IReadOnlyList<double?>? WattsPerKg { get; init; }

    /// <summary>Activity that set each point.</summary>
    [JsonPropertyName("activity_id")] public IReadOnlyList<string?>? ActivityIds { get; init; }

    /// <summary>Start stream index of each point's effort.</summary>
    [JsonPropertyName("start_index")] public IReadOnlyList<int?>? StartIndexes { get; init; }

    /// <summary>End stream index (exclusive) of each point's effort.</summary>
    [JsonPropertyName("end_index")] public IReadOnlyList<int?>? EndIndexes { get; init; }

    /// <summary>Power-duration models fitted to this curve.</summary>
    [JsonPropertyName("powerModels")] public IReadOnlyList<PowerModelDto>? PowerModels { get; init; }

    /// <summary>Estimated VO2max from the 5-minute power, ml/kg/min.</summary>
    [JsonPropertyName("vo2max_5m")] public double? Vo2Max5m { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>Best power per duration in watts: <see cref="Values"/>, or <see cref="Watts"/> when only that was sent.</summary>
    [JsonIgnore] public IReadOnlyList<int?>? BestWatts => Values is { Count: > 0 } ? Values : Watts;
}

/// <summary><c>GET /api/v1/athlete/{id}/hr-curves.json</c>.</summary>
[WireSchema("DataCurveSetHRCurve")]
public sealed record HrCurveSetDto
{
    /// <summary>Curves, in the order requested.</summary>
    [JsonPropertyName("list")] public IReadOnlyList<HrCurveDto>? Curves { get; init; }

    /// <summary>Activities referenced by the curves, keyed by id.</summary>
    [JsonPropertyName("activities")] public IReadOnlyDictionary<string, ActivityDto>? Activities { get; init; }
}

/// <summary>A best-heart-rate curve: for each duration in <see cref="Secs"/> (seconds) the highest sustained HR (bpm).</summary>
[WireSchema("DataCurve", "HRCurve")]
public sealed record HrCurveDto
{
    /// <summary>Curve spec, e.g. <c>42d</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Human label.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Range start (local).</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>Range end (local).</summary>
    [JsonPropertyName("end_date_local")] public DateTime? EndDateLocal { get; init; }

    /// <summary>Range length in days.</summary>
    [JsonPropertyName("days")] public int? Days { get; init; }

    /// <summary>Durations in seconds.</summary>
    [JsonPropertyName("secs")] public IReadOnlyList<int?>? Secs { get; init; }

    /// <summary>Best sustained heart rate per duration, bpm.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<int?>? Values { get; init; }

    /// <summary>Activity that set each point.</summary>
    [JsonPropertyName("activity_id")] public IReadOnlyList<string?>? ActivityIds { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary><c>GET /api/v1/athlete/{id}/pace-curves.json</c>.</summary>
[WireSchema("DataCurveSetPaceCurve")]
public sealed record PaceCurveSetDto
{
    /// <summary>Curves, in the order requested.</summary>
    [JsonPropertyName("list")] public IReadOnlyList<PaceCurveDto>? Curves { get; init; }

    /// <summary>Activities referenced by the curves, keyed by id.</summary>
    [JsonPropertyName("activities")] public IReadOnlyDictionary<string, ActivityDto>? Activities { get; init; }
}

/// <summary>
/// A best-pace curve: for each distance in <see cref="Distance"/> (meters) the fastest time to cover it,
/// <see cref="Values"/> (seconds).
/// </summary>
[WireSchema("DataCurve", "PaceCurve")]
public sealed record PaceCurveDto
{
    /// <summary>Curve spec, e.g. <c>42d</c>.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Human label.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Sport of the curve.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Range start (local).</summary>
    [JsonPropertyName("start_date_local")] public DateTime? StartDateLocal { get; init; }

    /// <summary>Range end (local).</summary>
    [JsonPropertyName("end_date_local")] public DateTime? EndDateLocal { get; init; }

    /// <summary>Range length in days.</summary>
    [JsonPropertyName("days")] public int? Days { get; init; }

    /// <summary>Athlete weight, kg.</summary>
    [JsonPropertyName("weight")] public double? Weight { get; init; }

    /// <summary>Distances in meters.</summary>
    [JsonPropertyName("distance")] public IReadOnlyList<double?>? Distance { get; init; }

    /// <summary>Fastest time for each distance, seconds.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<int?>? Values { get; init; }

    /// <summary>Activity that set each point.</summary>
    [JsonPropertyName("activity_id")] public IReadOnlyList<string?>? ActivityIds { get; init; }

    /// <summary>Critical-speed models fitted to this curve.</summary>
    [JsonPropertyName("paceModels")] public IReadOnlyList<PaceModelDto>? PaceModels { get; init; }

    /// <summary>Every other field Intervals.icu sent.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}

/// <summary>A critical-speed model: <c>criticalSpeed</c> in m/s, <c>dPrime</c> in meters.</summary>
[WireSchema("PaceModel")]
public sealed record PaceModelDto
{
    /// <summary>Model type, e.g. <c>CS</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Critical speed, m/s.</summary>
    [JsonPropertyName("criticalSpeed")] public double? CriticalSpeed { get; init; }

    /// <summary>D′ (distance capacity above critical speed), meters.</summary>
    [JsonPropertyName("dPrime")] public double? DPrime { get; init; }

    /// <summary>Goodness of fit, 0–1.</summary>
    [JsonPropertyName("r2")] public double? R2 { get; init; }
}
