using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>get_activity_detail through a real MCP client against the sandbox.</summary>
public sealed class ActivityDetailToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Interval_table_summary_and_zones_match_the_sandbox_activity()
    {
        var store = Host.Store();
        var activity = store.Latest(SandboxPrincipals.CyclistId,
            a => RideTypes.Contains(a.Type) && a.IcuWeightedAvgWatts is not null && store.GetIntervals(a.Id).Intervals.Count >= 3);
        var intervals = store.GetIntervals(activity.Id).Intervals;
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var result = await client.CallToolAsync("get_activity_detail", new Dictionary<string, object?> { ["activity_id"] = activity.Id });
        var json = result.Structured();

        Assert.Equal(Iso(store.Today(SandboxPrincipals.CyclistId)), json.GetProperty("context").GetProperty("today").GetString());
        var detail = json.GetProperty("activity");
        Assert.Equal(activity.Id, detail.GetProperty("id").GetString());
        Assert.Equal(Iso(activity.LocalDate), detail.GetProperty("date").GetString());
        var summary = detail.GetProperty("summary");
        Assert.Equal(activity.IcuWeightedAvgWatts, summary.GetProperty("np_w").GetInt32());
        Assert.Equal(activity.IcuAverageWatts, summary.GetProperty("avg_power_w").GetInt32());
        Assert.Equal(activity.IcuTrainingLoad, summary.GetProperty("load").GetInt32());
        Assert.Equal(activity.MovingTime, summary.GetProperty("moving_time_s").GetInt32());

        var rows = detail.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(intervals.Count, rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var expected = intervals[k];
            Assert.Equal(k + 1, row.GetProperty("rep").GetInt32());
            Assert.Equal(expected.MovingTime, row.GetProperty("duration_s").GetInt32());
            Assert.Equal(expected.AverageWatts, row.GetProperty("avg_power_w").GetInt32());
            Assert.Equal(expected.WeightedAverageWatts, row.GetProperty("np_w").GetInt32());
            Assert.Equal(expected.AverageHeartrate, row.GetProperty("avg_hr_bpm").GetInt32());
            Assert.StartsWith($"Z{expected.Zone} ", row.GetProperty("zone").GetString(), StringComparison.Ordinal);
        }

        var powerZones = detail.GetProperty("zones").GetProperty("power").EnumerateArray().ToList();
        foreach (var zone in activity.IcuZoneTimes!.Where(z => z.Id.StartsWith('Z')))
        {
            var row = powerZones.Single(z => z.GetProperty("zone").GetString() == zone.Id);
            Assert.Equal(zone.Secs, row.GetProperty("time_s").GetInt32());
        }

        Assert.Equal("Threshold", powerZones[3].GetProperty("name").GetString());
        Assert.EndsWith(" W", powerZones[3].GetProperty("range").GetString(), StringComparison.Ordinal);
        Assert.Contains(activity.Id, result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strava_stub_is_explained_and_never_shown_as_zeros()
    {
        var stub = Host.Store().GetActivities(SandboxPrincipals.CyclistId).First(a => a.IsStravaStub);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var result = await client.CallToolAsync("get_activity_detail", new Dictionary<string, object?> { ["activity_id"] = stub.Id });
        var detail = result.Structured().GetProperty("activity");

        Assert.Equal(stub.Id, detail.GetProperty("id").GetString());
        Assert.Contains("Strava", detail.GetProperty("strava_stub").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Null(detail.Optional("summary"));
        Assert.Null(detail.Optional("intervals"));
        Assert.Null(detail.Optional("zones"));
        var raw = JsonSerializer.Serialize(result.StructuredContent);
        Assert.DoesNotMatch("_(w|bpm|s|km)\":0[,}]", raw);
        Assert.Contains("Strava", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_activity_id_gets_advice_to_list_the_athletes_activities()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var result = await client.CallToolAsync("get_activity_detail", new Dictionary<string, object?> { ["activity_id"] = "i999999999" });

        Assert.True(result.IsError);
        Assert.Contains("i999999999", result.Text(), StringComparison.Ordinal);
        Assert.Contains("get_training_history", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_activity_detail", "../athlete/i1002", "got '../athlete/i1002'")]
    [InlineData("get_extended_metrics", null, "it is missing")]
    public async Task Malformed_or_missing_activity_id_names_the_argument_and_the_accepted_form(string tool, string? activityId, string detail)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var args = new Dictionary<string, object?>();
        if (activityId is not null)
        {
            args["activity_id"] = activityId;
        }

        var result = await client.CallToolAsync(tool, args);

        Assert.True(result.IsError);
        Assert.Contains("'activity_id'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(detail, result.Text(), StringComparison.Ordinal);
        Assert.Contains("i51234567", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_of_another_athlete_is_not_served_even_to_a_coach_who_reaches_both()
    {
        var store = Host.Store();
        var runnersActivity = store.Latest(SandboxPrincipals.RunnerId, _ => true);
        await using var coach = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        await using var cyclist = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var viaCoach = await coach.CallToolAsync("get_activity_detail", new Dictionary<string, object?>
        {
            ["activity_id"] = runnersActivity.Id,
            ["athlete"] = SandboxPrincipals.CyclistId,
        });
        var viaCyclist = await cyclist.CallToolAsync("get_extended_metrics", new Dictionary<string, object?> { ["activity_id"] = runnersActivity.Id });

        Assert.True(viaCoach.IsError);
        Assert.Contains("not one of Ada Cyclist's activities", viaCoach.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(runnersActivity.Name ?? "\u0000", viaCoach.Text(), StringComparison.Ordinal);
        Assert.True(viaCyclist.IsError);
        Assert.Contains("not one of", viaCyclist.Text(), StringComparison.Ordinal);

        var own = await coach.CallToolAsync("get_activity_detail", new Dictionary<string, object?>
        {
            ["activity_id"] = runnersActivity.Id,
            ["athlete"] = SandboxPrincipals.RunnerId,
        });
        Assert.Equal(runnersActivity.Id, own.Structured().GetProperty("activity").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Invited_coach_reads_detail_and_curves_but_is_refused_the_tools_not_granted()
    {
        var store = Host.Store();
        var activity = store.Latest(SandboxPrincipals.CyclistId, a => RideTypes.Contains(a.Type));
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Contains("get_activity_detail", tools);
        Assert.Contains("get_power_curves", tools);
        Assert.DoesNotContain("get_extended_metrics", tools);
        Assert.DoesNotContain("get_best_efforts", tools);

        var detail = await client.CallToolAsync("get_activity_detail", new Dictionary<string, object?> { ["activity_id"] = activity.Id });
        Assert.Equal(activity.Id, detail.Structured().GetProperty("activity").GetProperty("id").GetString());
        var curves = await client.CallToolAsync("get_power_curves", new Dictionary<string, object?>());
        Assert.Equal(SandboxPrincipals.CyclistId, curves.Structured().GetProperty("context").GetProperty("athlete_id").GetString());

        var metrics = await client.CallToolAsync("get_extended_metrics", new Dictionary<string, object?> { ["activity_id"] = activity.Id });
        var efforts = await client.CallToolAsync("get_best_efforts", new Dictionary<string, object?>());
        Assert.True(metrics.IsError);
        Assert.Contains("get_extended_metrics", metrics.Text(), StringComparison.Ordinal);
        Assert.Null(metrics.StructuredContent);
        Assert.True(efforts.IsError);
        Assert.Contains("get_best_efforts", efforts.Text(), StringComparison.Ordinal);
    }
}
