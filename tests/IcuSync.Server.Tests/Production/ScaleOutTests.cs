using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Production;

/// <summary>
/// Two real <c>icusync serve</c> processes on different loopback ports share one PostgreSQL database and one sandbox.
/// Nothing about a principal lives in process memory: selection, grants and tokens changed through one instance hold
/// on the other at once.
/// </summary>
public sealed partial class ScaleOutTests
{
    [Fact]
    public async Task Two_instances_on_one_postgres_share_selection_grants_and_tokens()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 });
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = IcuSyncTestHost.FreshPostgresDatabase(),
            ["Intervals:BaseAddress"] = sandbox.BaseAddress.ToString(),
            ["Intervals:Sandbox"] = "true",
            ["Smtp:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "icusync-scaleout-mail-" + Guid.NewGuid().ToString("N")),
        };
        await using var a = await ServerProcess.StartAsync(TestServices.FreePort(), settings);
        await using var b = await ServerProcess.StartAsync(TestServices.FreePort(), settings);

        // Selection made through A is what B uses, and the other way round.
        var dana = Token(a.McpUrls.Single(u => u.Key.Contains("direct coach", StringComparison.Ordinal)).Value);
        await using (var onA = await IcuSyncTestHost.ConnectAsync(Url(a, dana)))
        await using (var onB = await IcuSyncTestHost.ConnectAsync(Url(b, dana)))
        {
            Assert.True((await onA.CallToolAsync("select_athlete", Args(("athlete", "Cleo")))).IsError is not true);
            var profile = await onB.CallToolAsync("get_athlete_profile", Args());
            Assert.Equal(SandboxPrincipals.TriathleteId, profile.Structured().GetProperty("context").GetProperty("athlete_id").GetString());

            Assert.True((await onB.CallToolAsync("select_athlete", Args(("athlete", "Ben")))).IsError is not true);
            var fitness = await onA.CallToolAsync("get_fitness", Args());
            Assert.Equal(SandboxPrincipals.RunnerId, fitness.Structured().GetProperty("context").GetProperty("athlete_id").GetString());
        }

        // Ada changes her invited coach's grants on B's dashboard; A refuses the coach at once.
        var coach = Token(a.McpUrls.Single(u => u.Key.StartsWith("invited coach", StringComparison.Ordinal)).Value);
        await using (var coachOnA = await IcuSyncTestHost.ConnectAsync(Url(a, coach)))
        {
            Assert.True((await coachOnA.CallToolAsync("get_training_history", Args())).IsError is not true);

            using var ada = await WebSession.SignInAsync(b.BaseAddress, "cyclist");
            var dashboard = await ada.GetAsync("/dashboard");
            var inviteId = InviteId().Match(dashboard).Groups[1].Value;
            Assert.NotEmpty(inviteId);
            await ada.PostAsync("/dashboard?handler=Grants", dashboard, [new("inviteId", inviteId), new("tools", "get_fitness")]);

            var refused = await coachOnA.CallToolAsync("get_training_history", Args());
            Assert.True(refused.IsError);
            Assert.Contains("get_training_history", refused.Text(), StringComparison.Ordinal);
            var tools = (await coachOnA.ListToolsAsync()).Select(t => t.Name).ToList();
            Assert.DoesNotContain("get_training_history", tools);
            Assert.Contains("get_fitness", tools);
        }

        // Ada regenerates her token through B's dashboard: the old URL is dead on A, the new one works there.
        var oldAda = Token(a.McpUrls.Single(u => u.Key == "Ada Cyclist, athlete").Value);
        Assert.Equal(HttpStatusCode.OK, await PingAsync(Url(a, oldAda)));
        string newAda;
        using (var ada = await WebSession.SignInAsync(b.BaseAddress, "cyclist"))
        {
            var dashboard = await ada.GetAsync("/dashboard");
            var page = await ada.PostAsync("/dashboard?handler=Regenerate", dashboard, []);
            newAda = McpToken().Matches(page).Select(m => m.Groups[1].Value).First(t => t != oldAda);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(Url(a, oldAda)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PingAsync(Url(b, oldAda)));
        Assert.Equal(HttpStatusCode.OK, await PingAsync(Url(a, newAda)));
    }

    private static string Token(string mcpUrl) => mcpUrl[(mcpUrl.LastIndexOf("/mcp/", StringComparison.Ordinal) + 5)..];

    private static string Url(ServerProcess server, string token) => new Uri(server.BaseAddress, "/mcp/" + token).ToString();

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private static async Task<HttpStatusCode> PingAsync(string mcpUrl)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("name=\"inviteId\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex InviteId();

    [GeneratedRegex(@"/mcp/([A-Za-z0-9_\-]{16,})")]
    private static partial Regex McpToken();
}

/// <summary>A browser-like session (cookies, antiforgery tokens) on the web dashboard of one instance.</summary>
internal sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;

    private WebSession(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = baseAddress };
    }

    public static async Task<WebSession> SignInAsync(Uri baseAddress, string demoPrincipal)
    {
        var session = new WebSession(baseAddress);
        var page = await session.GetAsync("/signin");
        await session.PostAsync("/signin?handler=Demo", page, [new("who", demoPrincipal)]);
        return session;
    }

    public async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return body;
    }

    /// <summary>Posts a form with the antiforgery token of <paramref name="page"/>; returns the page it lands on.</summary>
    public async Task<string> PostAsync(string path, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Antiforgery().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token))));
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode}");
        return body;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
