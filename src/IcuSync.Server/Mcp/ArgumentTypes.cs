using System.Text.Json;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Names the first tool argument whose JSON type does not fit the tool's input schema (a string where a whole number
/// belongs, an object for a date, …), so a call the SDK cannot bind gets an answer naming the argument and the fix
/// instead of a bare "an error occurred".
/// </summary>
public static class ArgumentTypes
{
    /// <summary>The mismatch as a sentence, or null when every argument has a type its schema allows.</summary>
    public static string? FirstMismatch(JsonElement inputSchema, IEnumerable<KeyValuePair<string, JsonElement>>? arguments)
    {
        if (arguments is null || inputSchema.ValueKind != JsonValueKind.Object
            || !inputSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var schema) || schema.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("type", out var type))
            {
                continue;
            }

            var allowed = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];
            if (allowed.Count == 0 || allowed.Any(t => Fits(t, value)))
            {
                continue;
            }

            var wanted = string.Join(" or ", allowed.Where(t => t != "null").Select(Describe));
            var optional = allowed.Contains("null") ? " (or leave it out)" : "";
            return $"Invalid argument '{ToolArguments.Shorten(name)}': expected {wanted}{optional}, got {Got(value)}. Send it as {Example(allowed)}.";
        }

        return null;
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Describe(string type) => type switch
    {
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "an object",
        _ => "a " + type,
    };

    private static string Example(IReadOnlyList<string> allowed) =>
        allowed.Contains("integer") ? "a bare JSON number such as 30, not \"30\""
        : allowed.Contains("number") ? "a bare JSON number such as 2.5, not \"2.5\""
        : allowed.Contains("boolean") ? "a bare JSON true or false, not \"true\""
        : allowed.Contains("array") ? "a JSON list such as [\"Ride\", \"Run\"]"
        : allowed.Contains("string") ? "a JSON string in quotes"
        : "the type above";

    private static string Got(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "a whole number" : "a fractional number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "an unreadable value",
    };
}
