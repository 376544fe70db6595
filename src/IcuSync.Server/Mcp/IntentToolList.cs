using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Keeps the intents profile's tools/list small (the issue caps it at 12 KB): on that profile every tool is listed without
/// an output schema (results still carry <c>structuredContent</c>, documented in docs/intents.md), optional parameters
/// are typed plainly (<c>"string"</c> rather than <c>["string","null"]</c>, which is also more portable) without the
/// generated <c>"default": null</c>, and the annotations repeat neither the title nor the protocol's default hints. The classic profile is untouched.
/// </summary>
public static class IntentToolList
{
    /// <summary>Adds the tools/list filter that compacts the listing on the intents profile.</summary>
    public static IMcpServerBuilder WithCompactIntentToolList(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddListToolsFilter(next => async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            if (McpResources.OnIntentsProfile(context.Services))
            {
                result.Tools = [.. result.Tools.Select(Compact)];
            }

            return result;
        }));

    /// <summary>A compacted copy of <paramref name="tool"/> (the SDK shares tool definitions between requests, so they are never changed in place).</summary>
    public static Tool Compact(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var node = JsonSerializer.SerializeToNode(tool, McpJsonUtilities.DefaultOptions)!.AsObject();
        node.Remove("outputSchema");
        if (node["annotations"] is JsonObject annotations && annotations["title"] is JsonValue title
            && title.TryGetValue<string>(out var text) && text == tool.Title)
        {
            annotations.Remove("title");
        }

        if (node["annotations"] is JsonObject hints)
        {
            DropDefaultHints(hints);
        }

        if (node["inputSchema"]?["properties"] is JsonObject properties)
        {
            foreach (var (_, property) in properties)
            {
                if (property is JsonObject schema)
                {
                    Simplify(schema);
                }
            }
        }

        return node.Deserialize<Tool>(McpJsonUtilities.DefaultOptions)!;
    }

    /// <summary>
    /// Drops hints that state the protocol's defaults (readOnly false, destructive true, idempotent false, openWorld
    /// true). Read-only tools keep an explicit <c>destructiveHint: false</c> for clients that read it on its own.
    /// </summary>
    private static void DropDefaultHints(JsonObject hints)
    {
        Remove(hints, "readOnlyHint", false);
        Remove(hints, "destructiveHint", true);
        Remove(hints, "idempotentHint", false);
        Remove(hints, "openWorldHint", true);
    }

    private static bool? Flag(JsonObject hints, string name) =>
        hints[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static void Remove(JsonObject hints, string name, bool protocolDefault)
    {
        if (Flag(hints, name) == protocolDefault)
        {
            hints.Remove(name);
        }
    }

    private static void Simplify(JsonObject schema)
    {
        if (schema.TryGetPropertyValue("default", out var value) && value is null)
        {
            schema.Remove("default");
        }

        if (schema["type"] is JsonArray { Count: 2 } types
            && types.OfType<JsonValue>().Select(t => t.GetValue<string>()).ToList() is var names
            && names.Contains("null"))
        {
            schema["type"] = names.Single(n => n != "null");
        }

        if (schema["items"] is JsonObject items)
        {
            Simplify(items);
        }
    }
}
