using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.Intervals;

/// <summary>
/// Source-generated JSON metadata for every Intervals.icu DTO. Reading is lenient (numbers as strings, fractional
/// integers, odd dates become null, unknown keys are kept in <c>AdditionalFields</c>); writing drops nulls so partial
/// updates change only the fields that were set.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters =
    [
        typeof(LenientInt32Converter),
        typeof(LenientInt64Converter),
        typeof(LenientDoubleConverter),
        typeof(LenientBooleanConverter),
        typeof(LocalDateTimeConverter),
        typeof(TimestampConverter),
        typeof(LocalDateConverter),
    ])]
[JsonSerializable(typeof(AthleteDto))]
[JsonSerializable(typeof(List<CoachedAthleteDto>))]
[JsonSerializable(typeof(SportSettingsDto))]
[JsonSerializable(typeof(List<SportSettingsDto>))]
[JsonSerializable(typeof(ActivityDto))]
[JsonSerializable(typeof(List<ActivityDto>))]
[JsonSerializable(typeof(ActivityIntervalsDto))]
[JsonSerializable(typeof(List<ActivityStreamDto>))]
[JsonSerializable(typeof(BestEffortsDto))]
[JsonSerializable(typeof(PowerCurveDto))]
[JsonSerializable(typeof(PowerCurveSetDto))]
[JsonSerializable(typeof(HrCurveSetDto))]
[JsonSerializable(typeof(PaceCurveSetDto))]
[JsonSerializable(typeof(WellnessDto))]
[JsonSerializable(typeof(List<WellnessDto>))]
[JsonSerializable(typeof(EventDto))]
[JsonSerializable(typeof(List<EventDto>))]
[JsonSerializable(typeof(List<DoomedEventDto>))]
[JsonSerializable(typeof(DeleteEventsResponseDto))]
[JsonSerializable(typeof(FolderDto))]
[JsonSerializable(typeof(List<FolderDto>))]
[JsonSerializable(typeof(WorkoutDto))]
[JsonSerializable(typeof(List<WorkoutDto>))]
[JsonSerializable(typeof(GearDto))]
[JsonSerializable(typeof(List<GearDto>))]
[JsonSerializable(typeof(GearReminderDto))]
public sealed partial class IntervalsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// A context that writes nulls too, so a DTO re-serializes close to the JSON Intervals.icu sent (typed fields plus
    /// <c>AdditionalFields</c>). Useful to measure how large the raw API payload would be.
    /// </summary>
    public static IntervalsJsonContext Wire => s_wire ??= CreateWire();

    private static IntervalsJsonContext? s_wire;

    private static IntervalsJsonContext CreateWire()
    {
        // Same settings and converters as Default, but writing nulls; the copy must not stay bound to Default.
        var options = new JsonSerializerOptions(Default.Options)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = null,
        };
        return new IntervalsJsonContext(options);
    }
}

/// <summary>Wire shapes the client reads but does not expose: OAuth token responses and error bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class IntervalsInternalJsonContext : JsonSerializerContext;

/// <summary>The OAuth token endpoint's answer (no refresh token and no expiry: tokens live until revoked).</summary>
internal sealed record OAuthTokenResponse
{
    [JsonPropertyName("token_type")] public string? TokenType { get; init; }

    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }

    [JsonPropertyName("scope")] public string? Scope { get; init; }

    [JsonPropertyName("athlete")] public OAuthAthlete? Athlete { get; init; }
}

internal sealed record OAuthAthlete
{
    [JsonPropertyName("id")] public JsonElement? Id { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>Error bodies: <c>{"status":403,"error":"Access denied"}</c> (plus <c>message</c>/<c>path</c> in Spring defaults).</summary>
internal sealed record ErrorBody
{
    [JsonPropertyName("status")] public JsonElement? Status { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("message")] public string? Message { get; init; }
}
