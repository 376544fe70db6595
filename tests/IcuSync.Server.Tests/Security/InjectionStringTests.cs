using System.Globalization;
using System.Net;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// SQL-ish and script-ish strings in every text argument of every classic tool (the list comes from tools/list): each
/// call ends in a tool result, never a protocol failure or a 5xx, and afterwards the database and the sandbox are
/// unchanged. Writes are only ever dry-run here, so any change would be an injection.
/// </summary>
public sealed class InjectionStringTests(ManyCallsHostFixture fixture) : IClassFixture<ManyCallsHostFixture>
{
    public static readonly string[] Payloads =
    [
        "'; DROP TABLE accounts; --",
        "1\" OR \"1\"=\"1'; DELETE FROM mcp_tokens WHERE 1=1; --",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>{{7*7}}../../etc/passwd%s%n",
    ];

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Every_text_argument_of_every_classic_tool_survives_injection_strings_and_nothing_changes()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var athlete = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("cyclist"));
        await using var coach = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var tools = await athlete.ListToolsAsync();
        var calls = 0;
        foreach (var tool in tools)
        {
            var textArguments = TextArguments(tool).ToList();
            foreach (var argument in textArguments)
            {
                foreach (var payload in Payloads)
                {
                    var args = Baseline(tool.Name);
                    args[argument] = payload;
                    await AssertAnsweredAsync(athlete, tool.Name, args, $"{tool.Name}.{argument} = {payload}");
                    if (argument == "athlete" && payload == Payloads[0])
                    {
                        await AssertAnsweredAsync(coach, tool.Name, args, $"coach {tool.Name}.{argument} = {payload}");
                    }

                    calls++;
                }
            }
        }

        Assert.True(calls > 60, $"Only {calls} injection calls were made: the tools list lost its text arguments.");
        Assert.Contains(tools, t => t.Name == "push_workout");
        await before.AssertUnchangedAsync(Host, "injection strings in tool arguments");
        Assert.True(await Attack.PingAnsweredAsync(Host.DemoUrl("cyclist")));
    }

    [Fact]
    public async Task Injection_strings_in_raw_tool_calls_never_get_a_5xx()
    {
        var url = Host.DemoUrl("cyclist");
        foreach (var payload in Payloads)
        {
            foreach (var name in new[] { payload, "get_fitness" })
            {
                using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, Attack.ToolCall(name, new Dictionary<string, string> { [payload] = payload, ["athlete"] = payload })));
                var text = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {text}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Attack.AssertNoStackTrace(text);
            }
        }
    }

    /// <summary>The arguments whose schema accepts a string (or anything), read from tools/list.</summary>
    internal static IEnumerable<string> TextArguments(McpClientTool tool)
    {
        if (!tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (!property.Value.TryGetProperty("type", out var type)
                || (type.ValueKind == JsonValueKind.String && type.GetString() == "string")
                || (type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "string")))
            {
                yield return property.Name;
            }
        }
    }

    /// <summary>Valid arguments for each tool, so an injected value reaches past the first validation.</summary>
    private Dictionary<string, object?> Baseline(string tool)
    {
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var planned = Store.GetEvents(SandboxPrincipals.CyclistId, today.AddDays(1), today.AddDays(20)).First(e => e.Category == "WORKOUT");
        var activity = Store.GetActivities(SandboxPrincipals.CyclistId).Last(a => a.Source != "STRAVA").Id;
        var day = today.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return tool switch
        {
            "push_workout" => new() { ["date"] = day, ["name"] = "Tempo", ["sport"] = "Ride", ["description"] = "- 40m 85%" },
            "edit_workout" => new() { ["event_id"] = planned.Id, ["new_name"] = "Renamed" },
            "delete_workout" => new() { ["event_id"] = planned.Id },
            "get_activity_detail" or "get_extended_metrics" => new() { ["activity_id"] = activity },
            "select_athlete" => new() { ["athlete"] = "Ada Cyclist" },
            _ => [],
        };
    }

    private static async Task AssertAnsweredAsync(McpClient client, string tool, Dictionary<string, object?> args, string what)
    {
        try
        {
            var result = await client.CallToolAsync(tool, args);
            Assert.NotNull(result.Content);
            Attack.AssertNoStackTrace(result.Text());
        }
        catch (McpProtocolException error)
        {
            Assert.Fail($"{what}: a protocol error instead of a tool result: {error.Message}");
        }
        catch (HttpRequestException error)
        {
            Assert.Fail($"{what}: HTTP failure {error.StatusCode}: {error.Message}");
        }
    }
}
