using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>MCP connections on the intents profile, tool calls and their arguments, and the dry run's confirm code.</summary>
internal static class McpCallKit
{
    /// <summary>A real MCP client on the intents profile for the demo principal whose label contains <paramref name="who"/>.</summary>
    public static Task<McpClient> ConnectIntentsAsync(this IcuSyncTestHost host, string who) => ConnectIntentsUrlAsync(host.DemoUrl(who));

    public static Task<McpClient> ConnectIntentsUrlAsync(string mcpUrl) => IcuSyncTestHost.ConnectAsync(mcpUrl + "?profile=intents");

    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, params (string Name, object? Value)[] arguments) =>
        await client.CallToolAsync(tool, Args(arguments));

    public static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<string, object?> With(this Dictionary<string, object?> args, string key, object? value) =>
        new(args) { [key] = value };

    /// <summary>A dry run's confirm code (asserting the call was a dry run).</summary>
    public static string ConfirmCode(this CallToolResult dryRun)
    {
        var json = dryRun.Structured();
        Assert.Equal("dry_run", json.GetProperty("status").GetString());
        return json.GetProperty("confirm").GetString()!;
    }

    /// <summary>A tool error that names the argument and the accepted form, with no stack trace.</summary>
    public static void AssertBadArgument(CallToolResult result, string argument, string acceptedHint)
    {
        Assert.True(result.IsError, "Expected a tool error, got: " + result.Text());
        Assert.Contains($"'{argument}'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(acceptedHint, result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Text(), StringComparison.Ordinal);
    }
}
