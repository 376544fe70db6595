using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>
/// A tool that returns a complete <see cref="CallToolResult"/> (structured content and text, see <see cref="ToolResponse"/>)
/// with its output schema listed by this wrapper instead of the SDK's tool. The SDK builds a structured response for
/// every tool that has an output schema by serializing whatever the method returned, and then, for a
/// <see cref="CallToolResult"/>, passes the result through and drops what it built: a serialization and a parse of the
/// whole answer on every call for nothing. The wrapped tool has no schema, so it skips that step; clients see the
/// schema stored for it in <see cref="OutputSchemas"/>.
/// </summary>
internal sealed class ListedSchemaTool : DelegatingMcpServerTool
{
    private readonly Tool listed;

    private ListedSchemaTool(McpServerTool inner, Tool listed)
        : base(inner)
    {
        this.listed = listed;
    }

    public override Tool ProtocolTool => listed;

    /// <summary>
    /// Replaces the tool registrations in <paramref name="services"/> so each tool is built once per container as
    /// <see cref="Wrap"/> returns it. (Server options are rebuilt for every stateless request; the tools are singletons.)
    /// </summary>
    public static void WrapRegisteredTools(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = 0; i < services.Count; i++)
        {
            var registration = services[i];
            if (registration.ServiceType != typeof(McpServerTool) || registration.IsKeyedService)
            {
                continue;
            }

            if (registration.ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Singleton<McpServerTool>(sp => Wrap((McpServerTool)factory(sp)));
            }
            else if (registration.ImplementationInstance is McpServerTool instance)
            {
                services[i] = ServiceDescriptor.Singleton(Wrap(instance));
            }
        }
    }

    /// <summary>
    /// The tool as it should be served: a tool marked <see cref="OutputSchemaAttribute"/> wrapped with its output schema
    /// from <see cref="OutputSchemas"/>; any other tool as it is (an output schema the SDK generated made portable).
    /// </summary>
    public static McpServerTool Wrap(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool is ListedSchemaTool)
        {
            return tool;
        }

        if (tool.ProtocolTool.OutputSchema is { } generated)
        {
            tool.ProtocolTool.OutputSchema = Portable(generated);
            return tool;
        }

        var method = tool.Metadata.OfType<MethodInfo>().FirstOrDefault();
        if (method?.GetCustomAttribute<OutputSchemaAttribute>() is null)
        {
            return tool;
        }

        if (!ReturnsCallToolResult(method) || OutputSchemas.For(tool.ProtocolTool.Name) is not { } schema)
        {
            throw new InvalidOperationException(
                $"The tool '{tool.ProtocolTool.Name}' is marked [OutputSchema]: it must return CallToolResult and have a schema in Mcp/OutputSchemas.json " +
                "(run the OutputSchemaFileTests with ICUSYNC_UPDATE_OUTPUT_SCHEMAS=1).");
        }

        var copy = JsonSerializer.Deserialize<Tool>(
            JsonSerializer.Serialize(tool.ProtocolTool, McpJsonUtilities.DefaultOptions), McpJsonUtilities.DefaultOptions)!;
        copy.OutputSchema = schema;
        return new ListedSchemaTool(tool, copy);
    }

    /// <summary>
    /// Null members are omitted from structured results, so the generated output schema must not list them as
    /// required, or schema-validating clients (the TypeScript SDK, the inspector) reject the result.
    /// </summary>
    public static JsonElement Portable(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText());
        StripRequired(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static bool ReturnsCallToolResult(MethodInfo method)
    {
        var returns = method.ReturnType;
        return returns == typeof(CallToolResult) || returns == typeof(Task<CallToolResult>) || returns == typeof(ValueTask<CallToolResult>);
    }

    private static void StripRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("required");
                foreach (var (_, child) in obj.ToList())
                {
                    StripRequired(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripRequired(child);
                }

                break;
        }
    }
}
