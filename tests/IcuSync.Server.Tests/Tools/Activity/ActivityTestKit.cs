using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>Reads the sandbox's own data (its store and its HTTP API) to assert tool results against.</summary>
internal static class ActivityTestKit
{
    public static readonly string[] RideTypes = ["Ride", "VirtualRide", "GravelRide", "MountainBikeRide", "TrackRide"];

    public static SandboxStore Store(this IcuSyncTestHost host) => host.Server.Sandbox!.Store;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The newest non-Strava activity of the athlete that matches <paramref name="filter"/>.</summary>
    public static SandboxActivity Latest(this SandboxStore store, string athleteId, Func<SandboxActivity, bool> filter) =>
        store.GetActivities(athleteId).Where(a => !a.IsStravaStub).Reverse().First(filter);

    /// <summary>A stream's samples, with missing samples as NaN; null when the activity has no such stream.</summary>
    public static double[]? Samples(IReadOnlyList<SandboxStream> streams, string type) =>
        streams.FirstOrDefault(s => s.Type == type) is { } stream ? [.. stream.Data.Select(v => v ?? double.NaN)] : null;

    /// <summary>GET on the sandbox's Intervals.icu API with an athlete's API key, as the real client would send it.</summary>
    public static async Task<JsonElement> SandboxGetAsync(this IcuSyncTestHost host, string apiKey, string pathAndQuery)
    {
        using var http = new HttpClient { BaseAddress = host.Server.Sandbox!.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("API_KEY:" + apiKey)));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sandbox GET {pathAndQuery} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static JsonElement? Optional(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;
}
