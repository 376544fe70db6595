using System.Text.Json;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>Connections on the intents profile and argument helpers for the settings intents.</summary>
internal static class SettingsTestKit
{
    public static Task<McpClient> IntentsAsync(IcuSyncTestHost host, string who) =>
        IcuSyncTestHost.ConnectAsync(host.DemoUrl(who) + "?profile=intents");

    public static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<string, object?> With(this Dictionary<string, object?> args, string key, object? value) =>
        new(args) { [key] = value };

    /// <summary>A dry run's confirm code (asserting the call was a dry run).</summary>
    public static string DryRunCode(this CallToolResult result)
    {
        var json = result.Structured();
        Assert.Equal("dry_run", json.GetProperty("status").GetString());
        return json.GetProperty("confirm").GetString()!;
    }

    public static JsonElement At(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element;
    }

    public static bool Has(this JsonElement element, string name) => element.TryGetProperty(name, out _);
}
