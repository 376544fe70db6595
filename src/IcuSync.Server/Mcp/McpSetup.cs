using System.Text.Json;
using IcuSync.Server.Accounts;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Mcp;

/// <summary>Registers the MCP server: tools of both profiles, grant-aware list/call filters, and the HTTP endpoint.</summary>
public static partial class McpSetup
{
    /// <summary>The log category of tool-call outcomes.</summary>
    public const string ToolCallsCategory = "IcuSync.Server.Mcp.ToolCalls";

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
                    result.Tools = [.. result.Tools.Where(t => IsVisible(caller, t.Name))];
                    return result;
                });
                filters.AddCallToolFilter(next => async (context, cancellationToken) =>
                {
                    var services = context.Services!;
                    var caller = services.GetRequiredService<ICallerContext>();
                    var name = context.Params?.Name ?? "";
                    if (!IsVisible(caller, name))
                    {
                        return Refusal(NotVisibleMessage(caller, name));
                    }

                    try
                    {
                        return await next(context, cancellationToken);
                    }
                    catch (McpException error) when (error is not McpProtocolException)
                    {
                        // A tool error (bad argument, missing grant, upstream advice) is an expected outcome, not a
                        // server fault: answer it here with the text the SDK would send, and log one line instead of
                        // the SDK's error with a stack trace. Neither arguments nor the message are logged.
                        return ToolError(error.Message);
                    }
                    catch (Exception error) when (error is JsonException or ArgumentException or FormatException
                        && context.MatchedPrimitive is McpServerTool tool
                        && ArgumentTypes.FirstMismatch(tool.ProtocolTool.InputSchema, context.Params?.Arguments) is { } mismatch)
                    {
                        // The SDK could not bind an argument of the wrong JSON type; say which one and how to send it.
                        return ToolError(mismatch);
                    }

                    CallToolResult ToolError(string message)
                    {
                        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(ToolCallsCategory);
                        LogToolError(logger, name, caller.Principal?.Kind.ToString() ?? "anonymous");
                        return Refusal($"An error occurred invoking '{name}': {message}");
                    }
                });
            });
        ListedSchemaTool.WrapRegisteredTools(services);
        services.AddScoped<IOptionsSnapshot<McpServerOptions>, SharedServerOptions>();
        return builder.WithIntentResources().WithIntentPrompts().WithCompactIntentToolList();
    }

    public static string ServerVersion { get; } =
        typeof(McpSetup).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>
    /// Why <paramref name="toolName"/> cannot be called: not in this profile (the other profile is one URL parameter
    /// away), or no reachable athlete has granted it (naming the grant and who can give it).
    /// </summary>
    public static string NotVisibleMessage(ICallerContext caller, string toolName)
    {
        var tool = ToolArguments.Shorten(toolName);
        if (!ToolProfiles.Contains(caller.Profile, toolName))
        {
            var other = caller.Profile == ToolProfiles.Intents ? ToolProfiles.Classic : ToolProfiles.Intents;
            return ToolProfiles.Contains(other, toolName)
                ? $"The tool '{tool}' is not in this connection's '{caller.Profile}' tool profile; it belongs to the '{other}' profile. " +
                  $"Connect with ?profile={other} added to the MCP URL to use it, or call tools/list to see the tools of this profile."
                : $"There is no tool '{tool}' in this connection's '{caller.Profile}' tool profile (?profile={caller.Profile}). Call tools/list to see the tools you can use.";
        }

        var principal = caller.Principal;
        if (principal is null)
        {
            return "This connection is not authenticated. Use the MCP URL from the IcuSync dashboard.";
        }

        if (principal.Athletes.Count == 0)
        {
            return $"The tool '{tool}' is not available on this connection: it reaches no athletes yet. " +
                "An athlete must invite this coach email on the IcuSync dashboard, or share coach access on Intervals.icu.";
        }

        var grant = ToolGrants.BaseGrant(toolName) ?? toolName;
        if (principal.Athletes.Count == 1)
        {
            var only = principal.Athletes[0];
            return $"The tool '{tool}' is not available on this connection: it needs the '{grant}' grant, which {only.Name} has not given this connection. " +
                ToolGrants.WhoCanGrant(grant, only);
        }

        return $"The tool '{tool}' is not available on this connection: it needs the '{grant}' grant, which none of the {principal.Athletes.Count} athletes you reach has given this connection. " +
            ToolGrants.WhoCanGrant(grant);
    }

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

    private static CallToolResult Refusal(string text) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = text }],
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Tool {Tool} answered with a tool error (caller: {PrincipalKind})")]
    private static partial void LogToolError(ILogger logger, string tool, string principalKind);
}
