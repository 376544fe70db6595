using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcuSync.Analytics.Distribution;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>Shared steps of the read-intent tests: intents-profile clients, calls, and the sandbox numbers to assert against.</summary>
internal static class ReadIntentKit
{
    public static readonly string[] RideTypes = ["Ride", "VirtualRide", "GravelRide", "MountainBikeRide", "TrackRide"];

    public static SandboxStore Store(this IcuSyncTestHost host) => host.Server.Sandbox!.Store;

    /// <summary>A real MCP client on the intents profile for the demo principal whose label contains <paramref name="who"/>.</summary>
    public static Task<McpClient> ConnectIntentsAsync(this IcuSyncTestHost host, string who) =>
        IcuSyncTestHost.ConnectAsync(host.DemoUrl(who) + "?profile=intents");

    public static Task<McpClient> ConnectIntentsUrlAsync(string mcpUrl) => IcuSyncTestHost.ConnectAsync(mcpUrl + "?profile=intents");

    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, params (string Name, object? Value)[] arguments) =>
        await client.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(this JsonElement element, string property) =>
        DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonElement? Optional(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    public static IReadOnlyDictionary<string, string> UnavailableByMetric(this JsonElement element) =>
        element.TryGetProperty("unavailable", out var list)
            ? list.EnumerateArray().ToDictionary(u => u.GetProperty("metric").GetString()!, u => u.GetProperty("reason").GetString()!)
            : new Dictionary<string, string>();

    /// <summary>A tool error that names the argument and the accepted form, with no stack trace.</summary>
    public static void AssertBadArgument(CallToolResult result, string argument, string acceptedHint)
    {
        Assert.True(result.IsError, "Expected a tool error, got: " + result.Text());
        Assert.Contains($"'{argument}'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(acceptedHint, result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Text(), StringComparison.Ordinal);
    }

    /// <summary>A stream's samples with missing samples as NaN; null when the activity has no such stream.</summary>
    public static double[]? Samples(IReadOnlyList<SandboxStream> streams, string type) =>
        streams.FirstOrDefault(s => s.Type == type) is { } stream ? [.. stream.Data.Select(v => v ?? double.NaN)] : null;

    /// <summary>Daily load (sum of icu_training_load per local date, Strava stubs excluded) from <paramref name="from"/> through <paramref name="to"/>.</summary>
    public static double[] DailyLoads(this SandboxStore store, string athleteId, DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => (double)store.DailyLoad(athleteId, from.AddDays(i)))];

    /// <summary>Low/moderate/high seconds of one activity from its power, else HR, else pace zone times (the documented mapping).</summary>
    public static (double Low, double Moderate, double High)? ThreeZones(SandboxActivity activity)
    {
        var power = activity.IcuZoneTimes?.Where(z => z.Id.StartsWith('Z')).OrderBy(z => z.Id, StringComparer.Ordinal).Select(z => (double)z.Secs).ToArray();
        var zones = power is { Length: > 0 } && power.Sum() > 0 ? power
            : activity.IcuHrZoneTimes is { Count: > 0 } hr && hr.Sum() > 0 ? hr.Select(s => (double)s).ToArray()
            : activity.PaceZoneTimes?.Select(s => (double)s).ToArray();
        if (zones is not { Length: >= 3 } || !(zones.Sum() > 0))
        {
            return null;
        }

        var (firstModerate, firstHigh) = zones.Length >= 7 ? (3, 5) : zones.Length >= 5 ? (3, 4) : (2, 3);
        double low = 0, moderate = 0, high = 0;
        for (var i = 0; i < zones.Length; i++)
        {
            if (i + 1 >= firstHigh)
            {
                high += zones[i];
            }
            else if (i + 1 >= firstModerate)
            {
                moderate += zones[i];
            }
            else
            {
                low += zones[i];
            }
        }

        return (low, moderate, high);
    }

    /// <summary>The three-zone distribution of a set of activities, as IcuSync.Analytics describes it.</summary>
    public static IntensityDistribution? Distribution(IEnumerable<SandboxActivity> activities)
    {
        double low = 0, moderate = 0, high = 0;
        foreach (var a in activities.Where(a => !a.IsStravaStub))
        {
            if (ThreeZones(a) is { } z)
            {
                (low, moderate, high) = (low + z.Low, moderate + z.Moderate, high + z.High);
            }
        }

        return TrainingIntensity.FromThreeZones(low, moderate, high);
    }

    /// <summary>An HTTP client on the sandbox with an athlete's API key, to change its data as the athlete would.</summary>
    public static HttpClient SandboxHttp(this IcuSyncTestHost host, string apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(host.Server.Sandbox!.BaseAddress.ToString().TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("API_KEY:" + apiKey)));
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>GET on the sandbox's Intervals.icu API with an athlete's key.</summary>
    public static async Task<JsonElement> SandboxGetAsync(this IcuSyncTestHost host, string apiKey, string pathAndQuery)
    {
        using var http = host.SandboxHttp(apiKey);
        using var response = await http.GetAsync(new Uri(pathAndQuery.TrimStart('/'), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sandbox GET {pathAndQuery} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
