using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Tools.Period;

public sealed class HistoryStravaStubTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_strava_import_is_named_as_such_in_rows_text_and_sport_counts()
    {
        var host = fixture.Host;
        var stub = host.Server.Sandbox!.Store.GetActivities(SandboxPrincipals.RunnerId).First(a => a.IsStravaStub);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("runner"));
        var day = stub.StartDateLocal.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var result = await client.CallToolAsync("get_training_history", new Dictionary<string, object?> { ["start_date"] = day, ["end_date"] = day });

        var row = result.Structured().GetProperty("activities").EnumerateArray().Single(r => r.GetProperty("id").GetString() == stub.Id);
        Assert.Equal("Strava import", row.GetProperty("sport").GetString());
        Assert.Equal("Strava import", row.GetProperty("name").GetString());
        Assert.False(result.Structured().GetProperty("totals").GetProperty("sessions_by_sport").TryGetProperty("Unknown", out _));
        Assert.Contains("Strava import [" + stub.Id + "]", result.Text(), StringComparison.Ordinal);
    }
}
