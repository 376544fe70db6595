using System.Text.Json;

namespace IcuSync.Intervals.Tests.Contract;

/// <summary>
/// The Intervals.icu OpenAPI document, read at test time from the shared reference folder (never copied into the
/// repository): walks up from the test binaries until it finds <c>shared/reference/intervals-openapi.json</c>.
/// </summary>
public sealed class OpenApiSpec
{
    public const string RelativePath = "shared/reference/intervals-openapi.json";

    private static readonly Lazy<OpenApiSpec> Shared = new(Load);

    private OpenApiSpec(JsonDocument document, string path)
    {
        Root = document.RootElement;
        FilePath = path;
    }

    public static OpenApiSpec Instance => Shared.Value;

    public JsonElement Root { get; }

    public string FilePath { get; }

    public JsonElement Schemas => Root.GetProperty("components").GetProperty("schemas");

    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Could not find {RelativePath} in any folder above {AppContext.BaseDirectory}. The contract tests read the Intervals.icu " +
            "OpenAPI document from the shared reference folder beside the repository (../shared/reference); check it is present.");
    }

    /// <summary>The operation at <paramref name="path"/> for <paramref name="method"/>, or null.</summary>
    public JsonElement? Operation(string path, HttpMethod method)
    {
        if (!Root.GetProperty("paths").TryGetProperty(path, out var item))
        {
            return null;
        }

        return item.TryGetProperty(method.Method.ToLowerInvariant(), out var op) ? op : null;
    }

    public IEnumerable<(string Method, string Path)> AllOperations()
    {
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                yield return (op.Name.ToUpperInvariant(), path.Name);
            }
        }
    }

    public static IEnumerable<JsonElement> Parameters(JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location)
            : [];

    public JsonElement Schema(string name) =>
        Schemas.TryGetProperty(name, out var schema)
            ? schema
            : throw new InvalidOperationException($"Schema '{name}' is not in the OpenAPI document.");

    public bool HasSchema(string name) => Schemas.TryGetProperty(name, out _);

    /// <summary>Properties of a schema (following allOf), by wire name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties(string schemaName)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Collect(Schema(schemaName), result);
        return result;
    }

    /// <summary>The schema names a body or response refers to (through arrays and oneOf), and whether it is an array.</summary>
    public static (IReadOnlyList<string> Names, bool IsArray) Referenced(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type) && type.GetString() == "array" && schema.TryGetProperty("items", out var items))
        {
            var (names, _) = Referenced(items);
            return (names, true);
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return ([RefName(reference.GetString()!)], false);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            return ([.. oneOf.EnumerateArray().SelectMany(s => Referenced(s).Names)], false);
        }

        return ([], false);
    }

    public static JsonElement? RequestSchema(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body)
        && body.TryGetProperty("content", out var content)
        && content.TryGetProperty("application/json", out var json)
        && json.TryGetProperty("schema", out var schema)
            ? schema
            : null;

    public static JsonElement? ResponseSchema(JsonElement operation)
    {
        if (!operation.TryGetProperty("responses", out var responses))
        {
            return null;
        }

        foreach (var code in new[] { "200", "201", "default" })
        {
            if (responses.TryGetProperty(code, out var response)
                && response.TryGetProperty("content", out var content))
            {
                foreach (var media in content.EnumerateObject())
                {
                    if (media.Value.TryGetProperty("schema", out var schema))
                    {
                        return schema;
                    }
                }
            }
        }

        return null;
    }

    public static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private void Collect(JsonElement schema, Dictionary<string, JsonElement> into)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Collect(Schema(RefName(reference.GetString()!)), into);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Collect(part, into);
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                into.TryAdd(property.Name, property.Value);
            }
        }
    }

    private static OpenApiSpec Load()
    {
        var path = Locate();
        using var stream = File.OpenRead(path);
        return new OpenApiSpec(JsonDocument.Parse(stream), path);
    }
}
