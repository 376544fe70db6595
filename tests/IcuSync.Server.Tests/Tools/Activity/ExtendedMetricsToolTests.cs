using IcuSync.Analytics.Endurance;
using IcuSync.Analytics.Power;
using IcuSync.Analytics.Streams;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>get_extended_metrics: server-computed metrics from the sandbox's streams, checked against IcuSync.Analytics.</summary>
public sealed class ExtendedMetricsToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int CyclistWPrime = 18_500;

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Ride_metrics_equal_the_analytics_engine_on_the_sandbox_streams()
    {
        var store = Host.Store();
        var activity = store.Latest(SandboxPrincipals.CyclistId,
            a => RideTypes.Contains(a.Type) && a.IcuJoulesAboveFtp > 20_000 && a.MovingTime >= 1800);
        var streams = store.GetStreams(activity.Id);
        var watts = Samples(streams, "watts")!;
        var heartRate = Samples(streams, "heartrate")!;
        var time = Samples(streams, "time")!;
        StreamPreparation.RepairPowerDropouts(watts);
        var expectedNp = PowerMetrics.NormalizedPower(watts)!.Value;
        var expectedDecoupling = AerobicDecoupling.Compute(watts, heartRate)!.Percent;
        var grid = StreamPreparation.ToOneHertz(time, Samples(streams, "watts")!);
        StreamPreparation.RepairPowerDropouts(grid);
        var ftp = activity.IcuFtp!.Value;
        var expectedWbal = WPrimeBalance.Compute(grid, ftp, CyclistWPrime)!.Summary;
        var expectedMeanMax = MeanMax.Compute(grid, [5, 60, 300]);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var result = await client.CallToolAsync("get_extended_metrics", new Dictionary<string, object?> { ["activity_id"] = activity.Id });
        var json = result.Structured();
        var metrics = json.GetProperty("metrics");

        var np = metrics.GetProperty("np_w").GetDouble();
        Assert.Equal(expectedNp, np, 0.05);
        Assert.InRange(np, activity.IcuWeightedAvgWatts!.Value - 3, activity.IcuWeightedAvgWatts.Value + 3);
        Assert.Equal(activity.IcuWeightedAvgWatts, metrics.GetProperty("intervals_icu").GetProperty("np_w").GetInt32());
        Assert.Equal(expectedNp / ftp, metrics.GetProperty("if").GetDouble(), 0.0006);
        Assert.Equal(watts.Length, metrics.GetProperty("recorded_s").GetInt32());

        var decoupling = metrics.GetProperty("decoupling");
        Assert.Equal(expectedDecoupling, decoupling.GetProperty("pct").GetDouble(), 0.006);
        Assert.Equal("power", decoupling.GetProperty("basis").GetString());
        Assert.False(string.IsNullOrEmpty(decoupling.GetProperty("label").GetString()));

        var thresholds = metrics.GetProperty("thresholds");
        Assert.Equal("sport_settings", thresholds.GetProperty("cp_source").GetString());
        Assert.Equal(ftp, thresholds.GetProperty("cp_w").GetDouble());
        Assert.Equal(CyclistWPrime, thresholds.GetProperty("w_prime_j").GetDouble());
        var wbal = metrics.GetProperty("w_prime_balance");
        Assert.Equal(Math.Round(expectedWbal.MinimumJoules), wbal.GetProperty("min_j").GetDouble());
        Assert.Equal(expectedWbal.SecondsBelowQuarter, wbal.GetProperty("time_below_quarter_s").GetInt32());
        Assert.True(wbal.GetProperty("min_j").GetDouble() < CyclistWPrime, "the session goes above CP, so W′ is used");

        var anchors = metrics.GetProperty("mean_max").EnumerateArray().ToDictionary(a => a.GetProperty("duration_s").GetInt32(), a => a.GetProperty("power_w").GetDouble());
        foreach (var seconds in new[] { 5, 60, 300 })
        {
            Assert.Equal(expectedMeanMax.ValueAt(seconds)!.Value, anchors[seconds], 0.05);
        }

        var zones = metrics.GetProperty("zones");
        Assert.Equal(watts.Length, zones.GetProperty("power").EnumerateArray().Sum(z => z.GetProperty("time_s").GetInt32()));
        Assert.Equal(7, zones.GetProperty("hr").GetArrayLength());
        Assert.Contains("NP", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_without_power_lists_power_metrics_as_unavailable_with_the_reason()
    {
        var store = Host.Store();
        var run = store.Latest(SandboxPrincipals.RunnerId, a => a.Type == "Run" && a.IcuAverageWatts is null && a.MovingTime >= 1200);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Runner"));

        var result = await client.CallToolAsync("get_extended_metrics", new Dictionary<string, object?> { ["activity_id"] = run.Id });
        var metrics = result.Structured().GetProperty("metrics");

        Assert.Null(metrics.Optional("np_w"));
        Assert.Null(metrics.Optional("w_prime_balance"));
        var unavailable = metrics.GetProperty("unavailable").EnumerateArray()
            .ToDictionary(u => u.GetProperty("metric").GetString()!, u => u.GetProperty("reason").GetString()!);
        Assert.Contains("no power stream", unavailable["np_w"], StringComparison.Ordinal);
        Assert.Contains("w_prime_balance", unavailable.Keys);
        Assert.InRange(metrics.GetProperty("ef_m_per_min_per_bpm").GetDouble(), 0.5, 3.0);
        Assert.Equal("speed", metrics.GetProperty("decoupling").GetProperty("basis").GetString());
        var pace = metrics.GetProperty("zones").GetProperty("pace").EnumerateArray().ToList();
        Assert.Equal(7, pace.Count);
        Assert.EndsWith("/km", pace[0].GetProperty("range").GetString(), StringComparison.Ordinal);
        Assert.True(metrics.GetProperty("hr_drift").TryGetProperty("drift_bpm", out _));
    }

    [Fact]
    public async Task Strava_stub_metrics_are_explained_not_computed()
    {
        var stub = Host.Store().GetActivities(SandboxPrincipals.RunnerId).First(a => a.IsStravaStub);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Runner"));

        var result = await client.CallToolAsync("get_extended_metrics", new Dictionary<string, object?> { ["activity_id"] = stub.Id });
        var metrics = result.Structured().GetProperty("metrics");

        Assert.Contains("Strava", metrics.GetProperty("strava_stub").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Null(metrics.Optional("np_w"));
        Assert.Null(metrics.Optional("mean_max"));
        Assert.Contains("Strava", result.Text(), StringComparison.Ordinal);
    }
}
