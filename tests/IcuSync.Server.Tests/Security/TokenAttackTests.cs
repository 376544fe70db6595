using System.Net;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Unknown, revoked and malformed tokens, and valid tokens in places other than the URL path: every one is refused
/// before the MCP layer, with a JSON 401 (or 404 for a path that is not an MCP endpoint), and nothing changes.
/// </summary>
public sealed class TokenAttackTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private string Base => Host.BaseAddress.ToString().TrimEnd('/');

    private static readonly (string Attack, string Path)[] MalformedPaths =
    [
        ("empty token", "/mcp/"),
        ("no token", "/mcp"),
        ("unknown token of the right shape", "/mcp/icu_" + new string('A', 43)),
        ("10 KB token", "/mcp/icu_" + new string('x', 10_240)),
        ("unicode token", "/mcp/" + Uri.EscapeDataString("icu_ŧøķęñ_ß漢字🙂" + new string('a', 30))),
        ("right-to-left override", "/mcp/" + Uri.EscapeDataString("icu_\u202E" + new string('b', 43))),
        ("path traversal", "/mcp/..%2F..%2Fadmin"),
        ("encoded traversal to the web app", "/mcp/..%2F..%2Fdashboard"),
        ("NUL byte", "/mcp/icu_%00" + new string('c', 42)),
        ("SQL in the token", "/mcp/" + Uri.EscapeDataString("' OR '1'='1")),
    ];

    [Fact]
    public async Task Malformed_and_unknown_tokens_get_a_JSON_401_and_change_nothing()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        foreach (var (attack, path) in MalformedPaths)
        {
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(Base + path, Attack.Ping));
            var body = await response.Content.ReadAsStringAsync();

            // 400 and 414 are Kestrel's own refusals (a NUL in the path, a request line over 8 KB).
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong,
                $"{attack}: expected 401 or 404, got {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain("\"result\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
            Attack.AssertNoStackTrace(body);
        }

        await before.AssertUnchangedAsync(Host, "malformed tokens");
    }

    [Fact]
    public async Task A_valid_token_followed_by_extra_path_segments_reaches_no_MCP_endpoint()
    {
        var url = Host.DemoUrl("cyclist");
        foreach (var suffix in new[] { "/extra", "/../" + Attack.TokenOf(Host.DemoUrl("runner")), "/tools/call", "/%2e%2e/admin" })
        {
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url + suffix, Attack.ToolCall("get_athlete_profile", new { })));
            var body = await response.Content.ReadAsStringAsync();
            if (suffix.StartsWith("/../", StringComparison.Ordinal))
            {
                // Dot segments are resolved by the client before sending: this is simply the runner's own URL.
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                continue;
            }

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.MethodNotAllowed,
                $"{suffix}: got {(int)response.StatusCode}: {body}");
            Assert.DoesNotContain("\"result\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain(SandboxDemo.CyclistTimezone, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_in_the_query_string_header_or_cookie_does_not_authenticate()
    {
        var token = Attack.TokenOf(Host.DemoUrl("cyclist"));
        var before = await DataSnapshot.TakeAsync(Host);
        var attempts = new List<(string What, HttpRequestMessage Request)>
        {
            ("query string", Attack.JsonRpc($"{Base}/mcp?token={token}", Attack.Ping)),
            ("query string after a slash", Attack.JsonRpc($"{Base}/mcp/?token={token}", Attack.Ping)),
            ("query string with a bogus path token", Attack.JsonRpc($"{Base}/mcp/icu_bogus?token={token}", Attack.Ping)),
        };
        var header = Attack.JsonRpc($"{Base}/mcp", Attack.Ping);
        header.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        attempts.Add(("Authorization header", header));
        var headerWithPath = Attack.JsonRpc($"{Base}/mcp/", Attack.Ping);
        headerWithPath.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        attempts.Add(("Authorization header on /mcp/", headerWithPath));
        var cookie = Attack.JsonRpc($"{Base}/mcp", Attack.Ping);
        cookie.Headers.Add("Cookie", $"token={token}; mcp={token}; icusync.session={token}");
        attempts.Add(("cookie", cookie));
        var custom = Attack.JsonRpc($"{Base}/mcp", Attack.Ping);
        custom.Headers.Add("X-Mcp-Token", token);
        custom.Headers.Add("Mcp-Session-Id", token);
        attempts.Add(("custom headers", custom));

        foreach (var (what, request) in attempts)
        {
            using (request)
            using (var response = await Attack.Http.SendAsync(request))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound,
                    $"A token in the {what} was accepted: {(int)response.StatusCode} {body}");
                Assert.DoesNotContain("\"result\"", body, StringComparison.Ordinal);
            }
        }

        await before.AssertUnchangedAsync(Host, "tokens in the wrong places");
    }

    [Fact]
    public async Task The_401_answer_is_the_same_for_unknown_and_revoked_tokens_and_never_echoes_the_token()
    {
        var token = "icu_" + new string('Q', 43);
        using var response = await Attack.Http.SendAsync(Attack.JsonRpc($"{Base}/mcp/{token}", Attack.Ping));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.Contains("dashboard", body, StringComparison.Ordinal);
    }
}

/// <summary>Regenerated (revoked) tokens: the old URL stops at once, over HTTP and through the SDK client, and stays stopped.</summary>
public sealed class RevokedTokenTests
{
    [Fact]
    public async Task A_regenerated_token_is_refused_at_once_even_by_an_open_client_and_the_attempt_changes_nothing()
    {
        await using var host = await IcuSyncTestHost.StartAsync();
        var oldUrl = host.DemoUrl("runner");
        await using var open = await IcuSyncTestHost.ConnectAsync(oldUrl);
        Assert.True((await open.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>())).IsError != true);

        var accounts = host.Server.App.Services.GetRequiredService<AthleteAccountService>();
        var ben = await accounts.FindAsync(SandboxPrincipals.RunnerId, CancellationToken.None) ?? throw new InvalidOperationException("No demo runner.");
        using (var scope = host.Server.App.Services.CreateScope())
        {
            var regenerated = await scope.ServiceProvider.GetRequiredService<McpTokenService>()
                .RegenerateAsync(TokenOwner.Athlete(ben.Id), Actors.Athlete(ben.Id), CancellationToken.None);
            Assert.True(regenerated.Succeeded);
            Assert.NotEqual(oldUrl, regenerated.Value.McpUrl);
            Assert.True(await Attack.PingAnsweredAsync(regenerated.Value.McpUrl));
        }

        var before = await DataSnapshot.TakeAsync(host);
        Assert.False(await Attack.PingAnsweredAsync(oldUrl));
        using var response = await Attack.Http.SendAsync(Attack.JsonRpc(oldUrl, Attack.ToolCall("get_wellness", new { })));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(SandboxDemo.RunnerTimezone, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The already-connected client is refused too: stateless HTTP resolves the token on every request.
        await Assert.ThrowsAnyAsync<Exception>(async () => await open.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>()));
        foreach (var tool in new[] { "select_athlete", "push_workout" })
        {
            using var write = await Attack.Http.SendAsync(Attack.JsonRpc(oldUrl, Attack.ToolCall(tool, new { athlete = SandboxPrincipals.RunnerId })));
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }

        await before.AssertUnchangedAsync(host, "calls with a regenerated token");
    }
}
