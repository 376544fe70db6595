using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

/// <summary>Helpers for driving a started <see cref="SandboxServer"/> with a plain <see cref="HttpClient"/>.</summary>
internal static class SandboxTestKit
{
    /// <summary>A Friday; pinning "today" makes generated data and default date ranges reproducible.</summary>
    public static readonly DateOnly Today = new(2026, 5, 15);

    public static SandboxOptions Options(int seed = 42) => new() { Port = 0, Seed = seed, Today = Today, RateLimit = false };

    public static HttpClient Client(SandboxServer server, string? apiKey, string user = "API_KEY")
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{apiKey}")));
        }

        return client;
    }

    public static HttpClient Bearer(SandboxServer server, string token)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<(int Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

/// <summary>One read-only sandbox shared by a test class (start-up is cheap, but there is no need to repeat it).</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(SandboxTestKit.Options());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A clock the test moves by hand (for code expiry and the rate limiter).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
