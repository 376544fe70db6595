using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Intents.Write;

/// <summary>The write-intent tests' own steps: all of an athlete's events, the dry run → apply round trip and its pre-flight checks.</summary>
internal static class IntentWriteKit
{
    public static IReadOnlyList<SandboxEvent> AllEvents(IcuSyncTestHost host, string athleteId) =>
        host.Store().GetEvents(athleteId, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1));

    public static JsonElement Json(this CallToolResult result) => JsonSerializer.SerializeToElement(result.StructuredContent);

    /// <summary>Dry-runs, then applies with dry_run:false and the returned code.</summary>
    public static async Task<JsonElement> ApplyAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var code = (await client.CallToolAsync(tool, args)).ConfirmCode();
        return (await client.CallToolAsync(tool, args.With("dry_run", false).With("confirm", code))).Structured();
    }

    public static Dictionary<string, JsonElement> PreFlight(this JsonElement result) =>
        result.GetProperty("pre_flight").EnumerateArray().ToDictionary(l => l.GetProperty("check").GetString()!);
}
