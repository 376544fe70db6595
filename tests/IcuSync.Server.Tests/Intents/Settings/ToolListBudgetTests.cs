using System.Text;
using System.Text.Json;
using IcuSync.Server.Mcp;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>
/// The intents profile exists to save the model's context: every tool description stays under 1,200 characters and
/// the whole tools/list result under 12 KB. Measured on the JSON-RPC result exactly as the server sends it, for the
/// principal that sees the most tools (the athlete).
/// </summary>
public sealed class ToolListBudgetTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    private const int MaxDescriptionChars = 1200;
    private const int MaxIntentsListBytes = 12 * 1024;

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Every_intents_tool_description_is_under_1200_characters_and_the_list_is_under_12_KB()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist") + "?profile=intents");
        var (bytes, tools) = await ListToolsRawAsync(client);

        output.WriteLine($"intents profile: tools/list result = {bytes} bytes ({bytes / 1024.0:0.0} KB) for {tools.Count} tools");
        foreach (var tool in tools)
        {
            output.WriteLine($"  {tool.Name}: description {tool.Description?.Length ?? 0} chars, tool JSON {JsonSerializer.SerializeToUtf8Bytes(tool, McpJsonUtilities.DefaultOptions).Length} bytes");
        }

        Assert.All(tools, t => Assert.True(ToolProfiles.IntentTools.Contains(t.Name) || ToolProfiles.RosterTools.Contains(t.Name), $"{t.Name} is not an intents-profile tool"));
        Assert.Contains(tools, t => t.Name == "manage_profile");
        Assert.Contains(tools, t => t.Name == "manage_gear");
        Assert.All(tools, t => Assert.True((t.Description?.Length ?? 0) < MaxDescriptionChars,
            $"{t.Name}: description is {t.Description?.Length} characters (limit {MaxDescriptionChars - 1})"));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.Name} has no description"));
        Assert.True(bytes < MaxIntentsListBytes, $"tools/list on the intents profile is {bytes} bytes (limit {MaxIntentsListBytes - 1})");
    }

    [Fact]
    public async Task The_classic_profile_tool_list_size_is_measured_and_every_description_is_bounded()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var (bytes, tools) = await ListToolsRawAsync(client);

        output.WriteLine($"classic profile: tools/list result = {bytes} bytes ({bytes / 1024.0:0.0} KB) for {tools.Count} tools");
        Assert.DoesNotContain(tools, t => ToolProfiles.IntentTools.Contains(t.Name));
        Assert.Contains(tools, t => t.Name == "get_athlete_profile");
        Assert.All(tools, t => Assert.True((t.Description?.Length ?? 0) < MaxDescriptionChars, $"{t.Name}: {t.Description?.Length} characters"));
    }

    [Fact]
    public async Task The_intents_listing_drops_output_schemas_and_null_unions_while_the_classic_listing_keeps_them()
    {
        await using var intents = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist") + "?profile=intents");
        await using var classic = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var (_, compact) = await ListToolsRawAsync(intents);
        var (_, full) = await ListToolsRawAsync(classic);

        Assert.All(compact, t => Assert.Null(t.OutputSchema));
        var profile = compact.Single(t => t.Name == "manage_profile");
        var properties = profile.InputSchema.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("new_lt_hr").GetProperty("type").GetString());
        Assert.Equal("array", properties.GetProperty("sections").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("sections").GetProperty("items").GetProperty("type").GetString());
        Assert.False(properties.GetProperty("action").TryGetProperty("default", out _));
        Assert.True(profile.Annotations?.ReadOnlyHint is not true);
        // The roster tools are shared by both profiles: compacting one listing must not change the other.
        Assert.NotNull(full.Single(t => t.Name == "list_athletes").OutputSchema);
        Assert.Null(compact.Single(t => t.Name == "list_athletes").OutputSchema);
    }

    /// <summary>Sends tools/list itself and measures the serialized JSON-RPC result (every page, if the server pages).</summary>
    private static async Task<(int Bytes, List<Tool> Tools)> ListToolsRawAsync(McpClient client)
    {
        var tools = new List<Tool>();
        var bytes = 0;
        string? cursor = null;
        do
        {
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = JsonSerializer.SerializeToNode(new ListToolsRequestParams { Cursor = cursor }, McpJsonUtilities.DefaultOptions),
            };
            var response = await client.SendRequestAsync(request);
            var raw = response.Result?.ToJsonString(McpJsonUtilities.DefaultOptions) ?? "";
            bytes += Encoding.UTF8.GetByteCount(raw);
            var page = JsonSerializer.Deserialize<ListToolsResult>(raw, McpJsonUtilities.DefaultOptions)!;
            tools.AddRange(page.Tools);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return (bytes, tools);
    }
}
