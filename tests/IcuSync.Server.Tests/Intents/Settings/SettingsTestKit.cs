using System.Text.Json;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>The settings-intent tests' own JSON helper (the shared ones are in Infrastructure).</summary>
internal static class SettingsTestKit
{
    public static bool Has(this JsonElement element, string name) => element.TryGetProperty(name, out _);
}
