using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IcuSync.Sandbox.Json;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SandboxAthlete))]
[JsonSerializable(typeof(List<SandboxAthlete>))]
[JsonSerializable(typeof(SandboxSportSettings))]
[JsonSerializable(typeof(List<SandboxSportSettings>))]
[JsonSerializable(typeof(SandboxActivity))]
[JsonSerializable(typeof(List<SandboxActivity>))]
[JsonSerializable(typeof(SandboxInterval))]
[JsonSerializable(typeof(List<SandboxInterval>))]
[JsonSerializable(typeof(SandboxIntervalGroup))]
[JsonSerializable(typeof(List<SandboxIntervalGroup>))]
[JsonSerializable(typeof(SandboxStream))]
[JsonSerializable(typeof(List<SandboxStream>))]
[JsonSerializable(typeof(SandboxWellness))]
[JsonSerializable(typeof(List<SandboxWellness>))]
[JsonSerializable(typeof(SandboxEvent))]
[JsonSerializable(typeof(List<SandboxEvent>))]
[JsonSerializable(typeof(SandboxWorkout))]
[JsonSerializable(typeof(List<SandboxWorkout>))]
[JsonSerializable(typeof(SandboxFolder))]
[JsonSerializable(typeof(List<SandboxFolder>))]
[JsonSerializable(typeof(SandboxGear))]
[JsonSerializable(typeof(List<SandboxGear>))]
[JsonSerializable(typeof(SandboxGearReminder))]
[JsonSerializable(typeof(List<SandboxCoaching>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>A request that could not be read or failed validation; the message names the field and the expected
/// form. <see cref="Status"/> is 400 for unreadable input and 422 for validation failures, as the real API.</summary>
internal sealed class WireFormatException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>JSON helpers: wire objects with explicit nulls, partial-update merges, readable body errors.</summary>
internal static class SandboxJson
{
    public static SandboxJsonContext Context => SandboxJsonContext.Default;

    /// <summary>Serializes <paramref name="value"/> and adds every spec field it lacks as an explicit null.</summary>
    public static JsonObject ToWire<T>(T value, JsonTypeInfo<T> typeInfo, string[]? fields)
    {
        var node = JsonSerializer.SerializeToNode(value, typeInfo)!.AsObject();
        if (fields is not null)
        {
            foreach (var field in fields)
            {
                if (!node.ContainsKey(field))
                {
                    node[field] = null;
                }
            }
        }

        return node;
    }

    /// <summary>Reads <paramref name="node"/> as <typeparamref name="T"/>, turning failures into a field-named message.</summary>
    public static T FromNode<T>(JsonNode node, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return node.Deserialize(typeInfo) ?? throw new WireFormatException("The request body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            throw new WireFormatException(Describe(ex));
        }
        catch (NotSupportedException ex)
        {
            throw new WireFormatException("The request body has an unsupported value: " + ex.Message);
        }
    }

    /// <summary>Parses a request body; throws <see cref="WireFormatException"/> with a readable message.</summary>
    public static async Task<JsonNode> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken,
                documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return node ?? throw new WireFormatException("The request body is empty; send a JSON document.");
        }
        catch (JsonException ex)
        {
            throw new WireFormatException("The request body is not valid JSON: " + ex.Message);
        }
    }

    /// <summary>Returns a copy of <paramref name="target"/> with every key of <paramref name="patch"/> replaced.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>Keeps only <paramref name="fields"/> and drops nulls (the real API's <c>fields=</c> behaviour).</summary>
    public static JsonObject Project(JsonObject source, IReadOnlySet<string> fields)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (value is not null && fields.Contains(key))
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }

    private static string Describe(JsonException ex)
    {
        var path = ex.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "The request body does not have the expected shape: " + FirstSentence(ex.Message);
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        field = field.Replace("['", string.Empty, StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
        return $"Invalid value for '{field}': {FirstSentence(ex.Message)} Send the type the Intervals.icu API documents for this field.";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}
