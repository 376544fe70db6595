using System.Net;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

public sealed class SandboxOAuthTests
{
    private const string Redirect = "http://127.0.0.1:5999/callback";

    private static HttpClient NoRedirects(SandboxServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    private static async Task<Uri> AuthorizeAsync(HttpClient browser, string decision, string athleteId = SandboxPrincipals.RunnerId, string scope = "ACTIVITY:READ,WELLNESS:READ")
    {
        using var response = await browser.PostAsync("oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = SandboxPrincipals.OAuthClientId,
            ["redirect_uri"] = Redirect,
            ["scope"] = scope,
            ["state"] = "xyz",
            ["athlete_id"] = athleteId,
            ["decision"] = decision,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    private static string Param(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)[name].ToString();

    private static Task<HttpResponseMessage> ExchangeAsync(HttpClient client, string code, string secret = SandboxPrincipals.OAuthClientSecret) =>
        client.PostAsync("api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = SandboxPrincipals.OAuthClientId,
            ["client_secret"] = secret,
            ["code"] = code,
            ["grant_type"] = "authorization_code",
        }));

    [Fact]
    public async Task The_authorize_page_lists_the_demo_athletes_with_approve_and_deny()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var browser = NoRedirects(server);

        var html = await browser.GetStringAsync($"oauth/authorize?client_id={SandboxPrincipals.OAuthClientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=ACTIVITY:READ&state=s1&response_type=code");

        Assert.Contains("Ada Cyclist", html, StringComparison.Ordinal);
        Assert.Contains("Cleo Triathlete", html, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"deny\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_code_is_exchanged_once_for_a_bearer_token_that_acts_as_the_athlete()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var browser = NoRedirects(server);

        var callback = await AuthorizeAsync(browser, "approve");
        var code = Param(callback, "code");
        using var exchanged = await ExchangeAsync(browser, code);
        var token = System.Text.Json.Nodes.JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!;
        using var replay = await ExchangeAsync(browser, code);
        using var api = SandboxTestKit.Bearer(server, (string)token["access_token"]!);
        var wellness = await api.GetJsonAsync("api/v1/athlete/0/wellness?oldest=2026-05-10&newest=2026-05-14");

        Assert.StartsWith(Redirect, callback.ToString(), StringComparison.Ordinal);
        Assert.Equal("xyz", Param(callback, "state"));
        Assert.Matches("^[0-9a-f]{32}$", code);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal("Bearer", (string?)token["token_type"]);
        Assert.Equal("ACTIVITY:READ,WELLNESS:READ", (string?)token["scope"]);
        Assert.Equal(SandboxPrincipals.RunnerId, (string?)token["athlete"]!["id"]);
        Assert.Equal("Ben Runner", (string?)token["athlete"]!["name"]);
        Assert.Null(token["refresh_token"]);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(5, wellness.AsArray().Count);
    }

    [Fact]
    public async Task A_code_older_than_two_minutes_is_refused()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 15, 8, 0, 0, TimeSpan.Zero));
        var options = SandboxTestKit.Options();
        options.TimeProvider = clock;
        await using var server = await SandboxServer.StartAsync(options);
        using var browser = NoRedirects(server);

        var code = Param(await AuthorizeAsync(browser, "approve"), "code");
        clock.Advance(TimeSpan.FromSeconds(121));
        using var late = await ExchangeAsync(browser, code);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied_and_a_bad_secret_is_404()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var browser = NoRedirects(server);

        var denied = await AuthorizeAsync(browser, "deny");
        var code = Param(await AuthorizeAsync(browser, "approve"), "code");
        using var badSecret = await ExchangeAsync(browser, code, "wrong");

        Assert.Equal("access_denied", Param(denied, "error"));
        Assert.Equal("xyz", Param(denied, "state"));
        Assert.Equal(HttpStatusCode.NotFound, badSecret.StatusCode);
        Assert.Contains("Client and/or secret not found", await badSecret.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnecting_the_app_revokes_the_bearer_token()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        var token = server.Store.IssueBearerToken(SandboxPrincipals.CyclistId, "SETTINGS:READ");
        using var api = SandboxTestKit.Bearer(server, token);

        using var before = await api.GetAsync("api/v1/athlete/0");
        using var disconnect = await api.DeleteAsync("api/v1/disconnect-app");
        using var after = await api.GetAsync("api/v1/athlete/0");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
