using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>The write-tool tests' own steps: push_workout arguments and the dry run → confirm round trip.</summary>
internal static class WriteTestKit
{
    public static Dictionary<string, object?> Push(DateOnly day, string name, string description, string sport = "Ride") => new()
    {
        ["date"] = Iso(day),
        ["name"] = name,
        ["sport"] = sport,
        ["description"] = description,
    };

    /// <summary>Dry-runs, then confirms with the returned code; returns the confirmed result.</summary>
    public static async Task<CallToolResult> DryRunThenConfirmAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var code = (await client.CallToolAsync(tool, args)).ConfirmCode();
        return await client.CallToolAsync(tool, args.With("confirm", code));
    }
}
