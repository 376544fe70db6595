using System.Text.Json;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>What a real MCP client sees through one MCP URL.</summary>
public static class McpProbe
{
    /// <summary>The names in tools/list.</summary>
    public static async Task<IReadOnlySet<string>> ToolNamesAsync(string mcpUrl)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(mcpUrl);
        var tools = await client.ListToolsAsync();
        return tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The grantable tools in tools/list.</summary>
    public static async Task<IReadOnlySet<string>> GrantableToolNamesAsync(string mcpUrl) =>
        (await ToolNamesAsync(mcpUrl)).Where(ToolCatalog.IsGrantable).ToHashSet(StringComparer.Ordinal);

    /// <summary>list_athletes' structured answer: athlete id → granted tools.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> RosterAsync(string mcpUrl)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(mcpUrl);
        var result = await client.CallToolAsync("list_athletes", new Dictionary<string, object?>());
        Assert.NotEqual(true, result.IsError);
        var athletes = result.StructuredContent?.GetProperty("athletes")
            ?? throw new InvalidOperationException("list_athletes returned no structured content.");
        var roster = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var athlete in athletes.EnumerateArray())
        {
            roster[Property(athlete, "athlete_id", "athleteId").GetString()!] = Property(athlete, "granted_tools", "grantedTools").EnumerateArray()
                .Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        return roster;
    }

    private static JsonElement Property(JsonElement element, string name, string alternative) =>
        element.TryGetProperty(name, out var value) || element.TryGetProperty(alternative, out value)
            ? value
            : throw new InvalidOperationException($"list_athletes returned an athlete without '{name}': {element}");

    /// <summary>Calls a tool; a refusal comes back as an error result (or a protocol error), never as data.</summary>
    public static async Task<(bool IsError, string Text)> CallAsync(string mcpUrl, string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(mcpUrl);
        try
        {
            var result = await client.CallToolAsync(tool, arguments);
            var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            return (result.IsError == true, text);
        }
        catch (McpException error)
        {
            return (true, error.Message);
        }
    }

    /// <summary>True when the MCP endpoint refuses the URL outright (unknown, revoked or regenerated token).</summary>
    public static async Task<bool> IsRefusedAsync(string mcpUrl)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await http.SendAsync(request);
        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
    }
}
