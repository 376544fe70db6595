using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>Small shared steps of the period-tool tests (summary, fitness, wellness, events).</summary>
internal static class PeriodTestKit
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(JsonElement element, string property) =>
        DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, params (string Name, object? Value)[] arguments) =>
        await client.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    public static int? OptionalInt(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetInt32() : null;

    public static double? OptionalDouble(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetDouble() : null;

    /// <summary>An HTTP client on the sandbox (the fake Intervals.icu) with an athlete's API key, to change its data directly.</summary>
    public static HttpClient SandboxHttp(IcuSyncTestHost host, string apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(host.Server.Sandbox!.BaseAddress.ToString().TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("API_KEY:" + apiKey)));
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Asserts a tool error that names the argument and says what form is accepted.</summary>
    public static void AssertBadArgument(CallToolResult result, string argument, string acceptedHint)
    {
        Assert.True(result.IsError, "Expected a tool error, got: " + result.Text());
        Assert.Contains($"'{argument}'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(acceptedHint, result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Text(), StringComparison.Ordinal);
    }
}
