using System.Globalization;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>Shared arguments, sandbox look-ups and audit reads for the write-tool tests.</summary>
internal static class WriteTestKit
{
    /// <summary>A 56-minute threshold ride: 10 + 3 × (8 + 4) + 10 minutes.</summary>
    public const string ThresholdRide = "Warmup\n- 10m ramp 50%-75%\n\nMain Set 3x\n- 8m 95-100%\n- 4m 55%\n\nCooldown\n- 10m 50%";

    public const int ThresholdRideSeconds = 3360;

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date in the cyclist's future with no seeded events (planned workouts end at today + 20; the race is ~8 weeks out).</summary>
    public static DateOnly FreeDay(IcuSyncTestHost host, int offset)
    {
        var store = host.Server.Sandbox!.Store;
        var day = store.Today(SandboxPrincipals.CyclistId).AddDays(offset);
        Assert.Empty(store.GetEvents(SandboxPrincipals.CyclistId, day, day));
        return day;
    }

    public static IReadOnlyList<SandboxEvent> EventsOn(IcuSyncTestHost host, DateOnly day, string athleteId = SandboxPrincipals.CyclistId) =>
        host.Server.Sandbox!.Store.GetEvents(athleteId, day, day);

    public static Dictionary<string, object?> Push(DateOnly day, string name, string description, string sport = "Ride") => new()
    {
        ["date"] = Day(day),
        ["name"] = name,
        ["sport"] = sport,
        ["description"] = description,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> args, string key, object? value) =>
        new(args) { [key] = value };

    public static string ConfirmCode(this CallToolResult dryRun)
    {
        var json = dryRun.Structured();
        Assert.Equal("dry_run", json.GetProperty("status").GetString());
        return json.GetProperty("confirm").GetString()!;
    }

    /// <summary>Dry-runs, then confirms with the returned code; returns the confirmed result.</summary>
    public static async Task<CallToolResult> DryRunThenConfirmAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var code = (await client.CallToolAsync(tool, args)).ConfirmCode();
        return await client.CallToolAsync(tool, args.With("confirm", code));
    }

    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(IcuSyncTestHost host) =>
        await host.Server.App.Services.GetRequiredService<AuditLog>().ListAsync(1000, null, null, CancellationToken.None);

    public static JsonElement Property(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element;
    }
}
