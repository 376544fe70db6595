using System.Globalization;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Intents.Write;

/// <summary>Connections on the intents profile, sandbox look-ups and the dry run → confirm round trip for the write intents.</summary>
internal static class IntentWriteKit
{
    /// <summary>A 56-minute threshold ride: 10 + 3 × (8 + 4) + 10 minutes.</summary>
    public const string ThresholdRide = "Warmup\n- 10m ramp 50%-75%\n\nMain Set 3x\n- 8m 95-100%\n- 4m 55%\n\nCooldown\n- 10m 50%";

    public const int ThresholdRideSeconds = 3360;

    public static Task<McpClient> IntentsAsync(IcuSyncTestHost host, string who) =>
        IcuSyncTestHost.ConnectAsync(host.DemoUrl(who) + "?profile=intents");

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static SandboxStore Store(IcuSyncTestHost host) => host.Server.Sandbox!.Store;

    /// <summary>A day in the athlete's future with no events (seeded planned workouts end at today + 20; races are ~8 weeks out).</summary>
    public static DateOnly FreeDay(IcuSyncTestHost host, int offset, string athleteId = SandboxPrincipals.CyclistId)
    {
        var day = Store(host).Today(athleteId).AddDays(offset);
        Assert.Empty(Store(host).GetEvents(athleteId, day, day));
        return day;
    }

    public static IReadOnlyList<SandboxEvent> EventsOn(IcuSyncTestHost host, DateOnly day, string athleteId = SandboxPrincipals.CyclistId) =>
        Store(host).GetEvents(athleteId, day, day);

    public static IReadOnlyList<SandboxEvent> AllEvents(IcuSyncTestHost host, string athleteId) =>
        Store(host).GetEvents(athleteId, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1));

    public static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<string, object?> With(this Dictionary<string, object?> args, string key, object? value) =>
        new(args) { [key] = value };

    public static JsonElement Json(this CallToolResult result) => JsonSerializer.SerializeToElement(result.StructuredContent);

    public static string Code(this CallToolResult dryRun)
    {
        var json = dryRun.Structured();
        Assert.Equal("dry_run", json.GetProperty("status").GetString());
        return json.GetProperty("confirm").GetString()!;
    }

    /// <summary>Dry-runs, then applies with dry_run:false and the returned code.</summary>
    public static async Task<JsonElement> ApplyAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var code = (await client.CallToolAsync(tool, args)).Code();
        return (await client.CallToolAsync(tool, args.With("dry_run", false).With("confirm", code))).Structured();
    }

    public static Dictionary<string, JsonElement> PreFlight(this JsonElement result) =>
        result.GetProperty("pre_flight").EnumerateArray().ToDictionary(l => l.GetProperty("check").GetString()!);

    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(IcuSyncTestHost host) =>
        await host.Server.App.Services.GetRequiredService<AuditLog>().ListAsync(1000, null, null, CancellationToken.None);
}
