using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>get_power_curves against the sandbox's athlete power curves.</summary>
public sealed class PowerCurvesToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Anchors_match_the_sandbox_curves_of_both_ranges_with_deltas_and_a_cp_fit()
    {
        var today = Host.Store().Today(SandboxPrincipals.CyclistId);
        var start = today.AddDays(-59);
        var compareEnd = start.AddDays(-1);
        var compareStart = compareEnd.AddDays(-59);
        var current = $"r.{Iso(start)}.{Iso(today)}";
        var previous = $"r.{Iso(compareStart)}.{Iso(compareEnd)}";
        var sandbox = await Host.SandboxGetAsync(SandboxPrincipals.CyclistApiKey,
            $"api/v1/athlete/{SandboxPrincipals.CyclistId}/power-curves.json?type=Ride&curves={current},{previous}");
        var now = Curve(sandbox.GetProperty("list")[0]);
        var then = Curve(sandbox.GetProperty("list")[1]);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        // Only the comparison start is given: the comparison range takes the main range's length.
        var result = await client.CallToolAsync("get_power_curves", new Dictionary<string, object?>
        {
            ["start_date"] = Iso(start),
            ["compare_start_date"] = Iso(compareStart),
        });
        var curves = result.Structured().GetProperty("curves");

        Assert.Equal($"{Iso(compareStart)}..{Iso(compareEnd)}", curves.GetProperty("compare_range").GetString());
        var anchors = curves.GetProperty("anchors").EnumerateArray().ToList();
        Assert.Equal(10, anchors.Count);
        foreach (var row in anchors)
        {
            var seconds = row.GetProperty("duration_s").GetInt32();
            var (watts, activityId) = now[seconds];
            var (compareWatts, compareActivityId) = then[seconds];
            Assert.Equal(watts, row.GetProperty("power_w").GetInt32());
            Assert.Equal(activityId, row.GetProperty("activity_id").GetString());
            Assert.Equal(compareWatts, row.GetProperty("compare_power_w").GetInt32());
            Assert.Equal(compareActivityId, row.GetProperty("compare_activity_id").GetString());
            Assert.Equal(watts - compareWatts, row.GetProperty("delta_w").GetInt32());
            Assert.Equal(Math.Round((watts - compareWatts) * 100.0 / compareWatts, 1), row.GetProperty("delta_pct").GetDouble());
        }

        var fit = curves.GetProperty("critical_power");
        Assert.True(fit.GetProperty("valid").GetBoolean(), fit.ToString());
        Assert.InRange(fit.GetProperty("r2").GetDouble(), 0.5, 1.0);
        Assert.InRange(fit.GetProperty("cp_w").GetDouble(), 0.7 * SandboxDemo.CyclistFtp, 1.2 * SandboxDemo.CyclistFtp);
        Assert.InRange(fit.GetProperty("w_prime_j").GetDouble(), 3_000, 60_000);
        Assert.True(curves.TryGetProperty("compare_critical_power", out _));
        Assert.Contains("CP", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sport_with_no_power_data_reports_the_fit_as_unavailable_not_zero()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Runner"));

        var result = await client.CallToolAsync("get_power_curves", new Dictionary<string, object?> { ["sport"] = "Swim" });
        var curves = result.Structured().GetProperty("curves");

        Assert.Null(curves.Optional("critical_power"));
        Assert.False(string.IsNullOrEmpty(curves.GetProperty("critical_power_unavailable").GetString()));
        Assert.All(curves.GetProperty("anchors").EnumerateArray(), a => Assert.Null(a.Optional("power_w")));
    }

    private static Dictionary<int, (int Watts, string ActivityId)> Curve(JsonElement curve)
    {
        var secs = curve.GetProperty("secs").EnumerateArray().Select(s => s.GetInt32()).ToList();
        var values = curve.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToList();
        var ids = curve.GetProperty("activity_id").EnumerateArray().Select(v => v.GetString()!).ToList();
        return secs.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => (values[p.i], ids[p.i]));
    }
}
