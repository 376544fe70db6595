using System.Globalization;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>The authenticated caller of an API request.</summary>
internal sealed record Caller(string AthleteId, string CredentialKey, bool IsBearer, IReadOnlySet<string> Scopes, int? OAuthClientId)
{
    public bool HasScope(string area, bool write) => !IsBearer || Scopes.Contains(area + (write ? ":WRITE" : ":READ"));
}

/// <summary>The OAuth scope area guarding an endpoint (bearer tokens only).</summary>
internal static class Area
{
    public const string None = "";
    public const string Activity = "ACTIVITY";
    public const string Wellness = "WELLNESS";
    public const string Calendar = "CALENDAR";
    public const string Settings = "SETTINGS";
}

/// <summary>Responses in the real API's shapes.</summary>
internal static class ApiResults
{
    /// <summary>Writes '+', '&lt;', '&gt;' and non-ASCII text unescaped, as the real (Jackson) server does.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Json(JsonNode node, int status = 200) =>
        Results.Content(node.ToJsonString(Relaxed), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary><c>{"status":N,"error":"..."}</c>.</summary>
    public static IResult Error(int status, string error) =>
        Json(new JsonObject { ["status"] = status, ["error"] = error }, status);

    public static IResult AccessDenied() => Error(403, "Access denied");

    public static IResult Unauthorized() => Error(401, "Unauthorized");

    public static IResult NotFound(string what) => Error(404, what);

    /// <summary>Spring's default body for unknown paths and wrong methods.</summary>
    public static IResult Spring(HttpContext context, int status, string error) => Json(new JsonObject
    {
        ["timestamp"] = context.RequestServices.GetService(typeof(TimeProvider)) is TimeProvider t
            ? t.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture)
            : DateTimeOffset.UnixEpoch.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture),
        ["status"] = status,
        ["error"] = error,
        ["path"] = context.Request.Path.Value,
    }, status);

    public static IResult Ok() => Results.Ok();

    public static IResult Empty() => Results.Content(string.Empty, "application/json", System.Text.Encoding.UTF8, 200);
}

/// <summary>Query-string readers that fail with the real API's wording (422 missing, 400 unreadable).</summary>
internal static class Query
{
    public static string? Text(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        var joined = string.Join(',', values.Where(v => !string.IsNullOrEmpty(v)));
        return joined.Length == 0 ? null : joined;
    }

    public static string Required(HttpContext context, string name, string javaType = "String") =>
        Text(context, name) ?? throw new WireFormatException(
            $"Required request parameter '{name}' for method parameter type {javaType} is not present", 422);

    public static bool Bool(HttpContext context, string name, bool fallback = false) => Text(context, name) switch
    {
        null => fallback,
        var v when bool.TryParse(v, out var b) => b,
        var v => throw new WireFormatException($"Invalid value '{v}' for query parameter '{name}': use true or false."),
    };

    public static bool RequiredBool(HttpContext context, string name) =>
        Text(context, name) is null ? throw new WireFormatException($"Required request parameter '{name}' for method parameter type boolean is not present", 422) : Bool(context, name);

    public static int? Int(HttpContext context, string name) => Text(context, name) switch
    {
        null => null,
        var v when int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        var v => throw new WireFormatException($"Invalid value '{v}' for query parameter '{name}': use a whole number."),
    };

    public static double? Double(HttpContext context, string name) => Text(context, name) switch
    {
        null => null,
        var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var v => throw new WireFormatException($"Invalid value '{v}' for query parameter '{name}': use a number."),
    };

    /// <summary>A local date or date-time (<c>2026-05-01</c> or <c>2026-05-01T07:30:00</c>).</summary>
    public static (DateTime Value, bool DateOnly)? LocalDateTime(HttpContext context, string name)
    {
        var text = Text(context, name);
        if (text is null)
        {
            return null;
        }

        return ParseLocal(text) ?? throw new WireFormatException(
            $"Invalid value '{text}' for '{name}': use a local ISO-8601 date like 2026-05-01 or a date-time like 2026-05-01T07:30:00.", 422);
    }

    public static DateOnly? Date(HttpContext context, string name) => LocalDateTime(context, name) is { } v ? System.DateOnly.FromDateTime(v.Value) : null;

    public static (DateTime Value, bool DateOnly)? ParseLocal(string text)
    {
        if (System.DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return (d.ToDateTime(TimeOnly.MinValue), true);
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        return System.DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            ? (dt, false)
            : null;
    }

    public static HashSet<string> List(HttpContext context, string name) =>
        (Text(context, name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
}
