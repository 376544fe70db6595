using IcuSync.Analytics.Power;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IcuSync.Server.Tests.Tools.Activity;

public sealed class ScratchProbe(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Probe()
    {
        var host = fixture.Host;
        var store = host.Store();
        var activity = store.Latest(SandboxPrincipals.CyclistId,
            a => ActivityTestKit.RideTypes.Contains(a.Type) && a.IcuJoulesAboveFtp > 20_000 && a.MovingTime >= 1800);
        var run = store.Latest(SandboxPrincipals.RunnerId, a => a.Type == "Run" && a.MovingTime >= 1200);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("Cyclist"));
        await using var runner = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("Runner"));
        var t = store.Today(SandboxPrincipals.CyclistId);
        foreach (var (mcp, tool, args) in new (ModelContextProtocol.Client.McpClient, string, Dictionary<string, object?>)[]
        {
            (client, "get_activity_detail", new() { }),
            (client, "get_extended_metrics", new() { ["activity_id"] = activity.Id }),
            (client, "get_activity_detail", new() { ["activity_id"] = activity.Id }),
            (client, "get_power_curves", new() { ["start_date"] = ActivityTestKit.Iso(t.AddDays(-41)), ["compare_start_date"] = ActivityTestKit.Iso(t.AddDays(-83)) }),
            (runner, "get_best_efforts", new() { ["metric"] = "pace", ["distances"] = new[] { 1000.0, 5000.0, 10000.0 } }),
            (runner, "get_activity_detail", new() { ["activity_id"] = run.Id }),
            (runner, "get_extended_metrics", new() { ["activity_id"] = run.Id }),
        })
        {
            var r = await mcp.CallToolAsync(tool, args);
            output.WriteLine("=== " + tool + " " + System.Text.Json.JsonSerializer.Serialize(args));
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(r.StructuredContent, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            output.WriteLine(r.Text());
        }

        var today = store.Today(SandboxPrincipals.CyclistId);
        var sandbox = await host.SandboxGetAsync(SandboxPrincipals.CyclistApiKey,
            $"api/v1/athlete/{SandboxPrincipals.CyclistId}/power-curves.json?type=Ride&curves=r.{ActivityTestKit.Iso(today.AddDays(-89))}.{ActivityTestKit.Iso(today)}");
        var c = sandbox.GetProperty("list")[0];
        var secs = c.GetProperty("secs").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var vals = c.GetProperty("values").EnumerateArray().Select(s => (double)s.GetInt32()).ToArray();
        output.WriteLine(string.Join(" ", secs.Zip(vals, (s, v) => $"{s}:{v}")));
        var curve = new MeanMaxCurve([.. secs], [.. vals]);
        foreach (var (min, max) in new[] { (1, 1200), (3, 1200), (5, 1200), (10, 1200), (60, 1200), (120, 1200), (5, 3600), (120, 3600) })
        {
            foreach (var model in new[] { CriticalPowerModel.ThreeParameter, CriticalPowerModel.TwoParameterHyperbolic })
            {
                var fit = CriticalPowerEstimator.FitMeanMax(curve, model, min, max);
                output.WriteLine($"{model} {min}-{max}: {fit}");
            }
        }
    }
}
