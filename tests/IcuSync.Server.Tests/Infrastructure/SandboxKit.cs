using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcuSync.Sandbox;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>The sandbox's own data (its store and its Intervals.icu HTTP API), to set up and assert tool results against.</summary>
internal static class SandboxKit
{
    public static readonly string[] RideTypes = ["Ride", "VirtualRide", "GravelRide", "MountainBikeRide", "TrackRide"];

    public static SandboxStore Store(this IcuSyncTestHost host) => host.Server.Sandbox!.Store;

    /// <summary>A date as the API and the tools write it: yyyy-MM-dd.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A stream's samples with missing samples as NaN; null when the activity has no such stream.</summary>
    public static double[]? Samples(IReadOnlyList<SandboxStream> streams, string type) =>
        streams.FirstOrDefault(s => s.Type == type) is { } stream ? [.. stream.Data.Select(v => v ?? double.NaN)] : null;

    /// <summary>A day in the athlete's future with no events (seeded planned workouts end at today + 20; races are ~8 weeks out).</summary>
    public static DateOnly FreeDay(IcuSyncTestHost host, int offset, string athleteId = SandboxPrincipals.CyclistId)
    {
        var day = host.Store().Today(athleteId).AddDays(offset);
        Assert.Empty(host.Store().GetEvents(athleteId, day, day));
        return day;
    }

    public static IReadOnlyList<SandboxEvent> EventsOn(IcuSyncTestHost host, DateOnly day, string athleteId = SandboxPrincipals.CyclistId) =>
        host.Store().GetEvents(athleteId, day, day);

    /// <summary>An HTTP client on the sandbox with an athlete's API key, to read or change its data as the athlete would.</summary>
    public static HttpClient SandboxHttp(this IcuSyncTestHost host, string apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(host.Server.Sandbox!.BaseAddress.ToString().TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("API_KEY:" + apiKey)));
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>GET on the sandbox's Intervals.icu API with an athlete's key; fails the test unless it succeeds.</summary>
    public static async Task<JsonElement> SandboxGetAsync(this IcuSyncTestHost host, string apiKey, string pathAndQuery)
    {
        using var http = host.SandboxHttp(apiKey);
        using var response = await http.GetAsync(new Uri(pathAndQuery.TrimStart('/'), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sandbox GET {pathAndQuery} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
