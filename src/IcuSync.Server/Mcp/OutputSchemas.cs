using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Names the record a tool's structured content has (the method returns a complete <see cref="CallToolResult"/>, see
/// <see cref="ToolResponse"/>). Its output schema is listed from <c>Mcp/OutputSchemas.json</c> (<see cref="OutputSchemas"/>),
/// not generated at every start.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OutputSchemaAttribute(Type resultType) : Attribute
{
    public Type ResultType { get; } = resultType;
}

/// <summary>
/// The output schemas of the tools marked <see cref="OutputSchemaAttribute"/>, generated ahead of time. Generating them
/// while the server starts (the MCP SDK's reflection over every result record and its JSON schema export) was about a
/// seventh of a cold start. The file holds exactly what the SDK generates from the result types, made portable
/// (<see cref="ListedSchemaTool.Portable"/>); <c>OutputSchemaFileTests</c> fails while it differs, and rewrites it when run
/// with <c>ICUSYNC_UPDATE_OUTPUT_SCHEMAS=1</c>.
/// </summary>
public static class OutputSchemas
{
    /// <summary>The embedded resource holding the schemas, by tool name.</summary>
    public const string ResourceName = "IcuSync.Server.Mcp.OutputSchemas.json";

    private static readonly Lazy<Dictionary<string, JsonElement>> Stored = new(Load);

    /// <summary>The stored output schema of <paramref name="toolName"/>, or null when the tool has none.</summary>
    public static JsonElement? For(string toolName) => Stored.Value.TryGetValue(toolName, out var schema) ? schema : null;

    /// <summary>Every tool method of this assembly marked <see cref="OutputSchemaAttribute"/>, with its tool name.</summary>
    public static IEnumerable<(string ToolName, MethodInfo Method, Type ResultType)> Marked() =>
        from type in typeof(OutputSchemas).Assembly.GetTypes()
        where type.GetCustomAttribute<McpServerToolTypeAttribute>() is not null
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let tool = method.GetCustomAttribute<McpServerToolAttribute>()
        let marked = method.GetCustomAttribute<OutputSchemaAttribute>()
        where tool is not null && marked is not null
        orderby tool.Name ?? method.Name
        select (tool.Name ?? method.Name, method, marked.ResultType);

    /// <summary>
    /// The output schema the MCP SDK generates for a tool whose <c>OutputSchemaType</c> is <paramref name="resultType"/>
    /// (the same call, with IcuSync's JSON options), made portable.
    /// </summary>
    public static JsonElement Generate(Type resultType) =>
        ListedSchemaTool.Portable(AIJsonUtilities.CreateJsonSchema(resultType, serializerOptions: IcuJson.Options));

    /// <summary>The file's text for the given schemas: an indented object of each tool's schema by tool name, in name order.</summary>
    public static string Serialize(IEnumerable<KeyValuePair<string, JsonElement>> schemas) =>
        JsonSerializer.Serialize(
            schemas.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value),
            new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static Dictionary<string, JsonElement> Load()
    {
        using var stream = typeof(OutputSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
