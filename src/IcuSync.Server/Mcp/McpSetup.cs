using System.Text.Json;
using System.Text.Json.Nodes;
using IcuSync.Server.Accounts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>Registers the MCP server: tools of both profiles, grant-aware list/call filters, and the HTTP endpoint.</summary>
public static class McpSetup
{
    public static IMcpServerBuilder AddIcuSyncMcpServer(this IServiceCollection services)
    {
        services.AddScoped<ToolRuntime>();
        var builder = services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "icusync", Title = "IcuSync", Version = ServerVersion };
                options.ServerInstructions =
                    "IcuSync connects to Intervals.icu training data. Every result states the athlete and the athlete-local 'today' it used. " +
                    "Coaches: call list_athletes, then select_athlete (or pass 'athlete' to any tool). Writes are dry runs first: " +
                    "repeat the call with the returned confirm code to apply.";
            })
            .WithToolsFromAssembly(typeof(McpSetup).Assembly, IcuJson.Options)
            .WithRequestFilters(filters =>
            {
                filters.AddListToolsFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    var caller = context.Services!.GetRequiredService<ICallerContext>();
                    result.Tools = [.. result.Tools.Where(t => IsVisible(caller, t.Name)).Select(PortableSchema)];
                    return result;
                });
                filters.AddCallToolFilter(next => async (context, cancellationToken) =>
                {
                    var caller = context.Services!.GetRequiredService<ICallerContext>();
                    var name = context.Params?.Name ?? "";
                    if (!IsVisible(caller, name))
                    {
                        return new CallToolResult
                        {
                            IsError = true,
                            Content = [new TextContentBlock { Text = $"The tool '{name}' is not available on this connection (profile '{caller.Profile}'). Call tools/list to see the tools you can use." }],
                        };
                    }

                    return await next(context, cancellationToken);
                });
            });
        return builder.WithIntentResources().WithIntentPrompts().WithCompactIntentToolList();
    }

    public static string ServerVersion { get; } =
        typeof(McpSetup).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>A tool is visible when it belongs to the profile and its base grant is held on at least one reachable athlete.</summary>
    public static bool IsVisible(ICallerContext caller, string toolName)
    {
        if (!ToolProfiles.Contains(caller.Profile, toolName))
        {
            return false;
        }

        var grant = ToolGrants.BaseGrant(toolName);
        if (grant is null)
        {
            return true;
        }

        var principal = caller.Principal;
        return principal is not null && principal.Athletes.Any(a => Holds(a, grant) || (toolName == "modify_training" && HoldsAnyWrite(a)));
    }

    private static bool Holds(ReachableAthlete athlete, string grant) =>
        grant == ToolGrants.Settings ? athlete.CanChangeSettings : athlete.GrantedTools.Contains(grant);

    private static bool HoldsAnyWrite(ReachableAthlete athlete) =>
        athlete.GrantedTools.Contains("push_workout") || athlete.GrantedTools.Contains("edit_workout") || athlete.GrantedTools.Contains("delete_workout");

    /// <summary>
    /// Null members are omitted from structured results, so the generated output schema must not list them as
    /// required, or schema-validating clients (the TypeScript SDK, the inspector) reject the result.
    /// </summary>
    private static Tool PortableSchema(Tool tool)
    {
        if (tool.OutputSchema is { } schema)
        {
            var node = JsonNode.Parse(schema.GetRawText());
            StripRequired(node);
            tool.OutputSchema = JsonSerializer.SerializeToElement(node);
        }

        return tool;
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
