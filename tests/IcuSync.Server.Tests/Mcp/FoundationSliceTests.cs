using System.Globalization;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Mcp;

/// <summary>The thin vertical slice: a real MCP client over HTTP against the host on the sandbox.</summary>
public sealed class FoundationSliceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Athlete_profile_over_http_reports_the_sandbox_thresholds_and_no_secrets()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>());
        var json = result.Structured();

        var athlete = Host.Server.Sandbox!.Store.FindAthlete(SandboxPrincipals.CyclistId)!;
        var settings = Host.Server.Sandbox.Store.GetSportSettings(SandboxPrincipals.CyclistId);
        var ride = settings.First(s => s.Types!.Contains("Ride"));
        Assert.Equal(SandboxPrincipals.CyclistId, json.GetProperty("context").GetProperty("athlete_id").GetString());
        Assert.Equal(athlete.Timezone, json.GetProperty("context").GetProperty("timezone").GetString());
        var sports = json.GetProperty("profile").GetProperty("sport_settings").EnumerateArray().ToList();
        var rideProfile = sports.First(s => s.GetProperty("types").EnumerateArray().Any(t => t.GetString() == "Ride"));
        Assert.Equal(ride.Ftp, rideProfile.GetProperty("ftp_watts").GetInt32());

        var raw = JsonSerializer.Serialize(result);
        Assert.DoesNotContain("@", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxPrincipals.CyclistApiKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("icu_api_key", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_history_matches_the_sandbox_activities_in_the_range_and_sport()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Triathlete"));
        var store = Host.Server.Sandbox!.Store;
        var today = store.Today(SandboxPrincipals.TriathleteId);
        var start = today.AddDays(-13);
        var result = await client.CallToolAsync("get_training_history", new Dictionary<string, object?>
        {
            ["start_date"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end_date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sport"] = "Run",
        });
        var json = result.Structured();

        var expected = store.GetActivities(SandboxPrincipals.TriathleteId, start, today)
            .Where(a => a.Type is not null && a.Type.EndsWith("Run", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var rows = json.GetProperty("activities").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Select(a => a.Id).Order(), rows.Select(r => r.GetProperty("id").GetString()!).Order());
        Assert.Equal(expected.Count, json.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal(expected.Sum(a => a.IcuTrainingLoad ?? 0), json.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), json.GetProperty("context").GetProperty("today").GetString());
        Assert.All(rows, r => Assert.Equal("Run", r.GetProperty("sport").GetString()![^3..]));
        Assert.NotEmpty(result.Text());
    }

    [Fact]
    public async Task Bad_dates_get_a_tool_error_naming_the_argument()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallToolAsync("get_training_history", new Dictionary<string, object?> { ["start_date"] = "01/02/2026" });
        Assert.True(result.IsError);
        Assert.Contains("start_date", result.Text(), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_token_is_refused_with_401()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(Host.BaseAddress, "/mcp/icu_not-a-real-token"), new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stdio_mode_serves_the_same_tools_for_one_athlete()
    {
        var sandbox = Host.Server.Sandbox!;
        var dll = typeof(IcuSync.Server.Hosting.ServerApp).Assembly.Location;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [dll, "stdio"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["INTERVALS_API_KEY"] = SandboxPrincipals.RunnerApiKey,
                ["INTERVALS_ATHLETE_ID"] = SandboxPrincipals.RunnerId,
                ["INTERVALS_BASE_URL"] = sandbox.BaseAddress.ToString(),
            },
        });
        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "get_training_history");

        var result = await client.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>());
        var json = result.Structured();
        Assert.Equal(SandboxPrincipals.RunnerId, json.GetProperty("context").GetProperty("athlete_id").GetString());
        Assert.Equal(sandbox.Store.FindAthlete(SandboxPrincipals.RunnerId)!.Name, json.GetProperty("profile").GetProperty("name").GetString());
    }
}
