using System.Net;
using System.Text.RegularExpressions;
using IcuSync.Browser.Tests.Infrastructure;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;

namespace IcuSync.Browser.Tests;

/// <summary>
/// A host pointed at an Intervals.icu it did not start (a standalone sandbox), as in production: no demo mode, no seeded
/// accounts, and OAuth configured explicitly. New athletes get accounts from their Intervals.icu identity.
/// </summary>
public sealed class StandaloneFixture : IAsyncLifetime
{
    private SandboxServer? _sandbox;
    private WebTestHost? _host;

    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException("The fixture is not started.");

    public WebTestHost Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42 });
        _host = await WebTestHost.StartAsync(smtp: false, new Dictionary<string, string?>
        {
            ["Intervals:BaseAddress"] = _sandbox.BaseAddress.ToString(),
            ["IntervalsOAuth:ClientId"] = SandboxPrincipals.OAuthClientId,
            ["IntervalsOAuth:ClientSecret"] = SandboxPrincipals.OAuthClientSecret,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}

public sealed partial class StandaloneSandboxTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private WebTestHost Host => fixture.Host;

    [Fact]
    public async Task Without_the_built_in_sandbox_there_is_no_demo_banner_outbox_or_demo_sign_in()
    {
        using var client = new FormClient(Host.BaseAddress);
        var signIn = await client.GetStringAsync("/signin");
        Assert.DoesNotContain("Demo mode", signIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Try the demo", signIn, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin/intervals\"", signIn, StringComparison.Ordinal);
        using var outbox = await client.GetAsync("/demo/mail");
        Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
        using var demo = await client.PostFormAsync("/signin", "/signin?handler=Demo", [new("who", "cyclist")]);
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
    }

    [Fact]
    public async Task API_key_sign_in_of_a_new_athlete_creates_an_inactive_account_with_the_email_Intervals_reports()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", SandboxPrincipals.RunnerApiKey)]);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);

        var account = await Host.AccountAsync(SandboxPrincipals.RunnerId);
        Assert.Equal("ben@sandbox.icusync.local", account.Email);
        Assert.Equal(CredentialKind.ApiKey, account.CredentialKind);
        Assert.Equal(PlanStatus.Inactive, account.Plan);
        var dashboard = await client.GetStringAsync("/dashboard");
        Assert.Contains("Hello, Ben Runner", dashboard, StringComparison.Ordinal);
        Assert.Contains("Your IcuSync plan is inactive", dashboard, StringComparison.Ordinal);

        using var disconnect = await client.PostFormAsync("/dashboard", "/dashboard?handler=Disconnect", []);
        Assert.Equal("/dashboard?notice=disconnected", disconnect.Headers.Location?.OriginalString);
        Assert.Contains("Not connected", await client.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        Assert.Equal(CredentialKind.None, (await Host.AccountAsync(SandboxPrincipals.RunnerId)).CredentialKind);
        Host.Logs.AssertNeverContains(SandboxPrincipals.RunnerApiKey, "API key");
    }

    [Fact]
    public async Task OAuth_sign_in_of_a_new_athlete_whose_email_is_taken_asks_for_another_email_then_creates_the_account()
    {
        var taken = await Host.Service<AthleteAccountService>()
            .CreateAsync(new NewAthleteAccount("cleo@sandbox.icusync.local", "Someone Else"), Actors.Admin, CancellationToken.None);
        Assert.True(taken.Succeeded, taken.ToString());

        using var client = new FormClient(Host.BaseAddress);
        var complete = await ConsentAsync(client, SandboxPrincipals.TriathleteId) ?? "";
        Assert.Equal("/signin/complete", complete);
        using var page = await client.GetAsync(complete);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("An account with this email already exists", body, StringComparison.Ordinal);
        Assert.Contains("Cleo Triathlete", body, StringComparison.Ordinal);

        using var bad = await client.PostFormAsync(complete, complete, [new("email", "cleo@invalid"), new("name", "Cleo Triathlete")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a valid email address", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var created = await client.PostFormAsync(complete, complete, [new("email", "cleo.new@example.com"), new("name", "Cleo Triathlete")]);
        Assert.Equal("/dashboard", created.Headers.Location?.OriginalString);
        var account = await Host.AccountAsync(SandboxPrincipals.TriathleteId);
        Assert.Equal("cleo.new@example.com", account.Email);
        Assert.Equal(CredentialKind.OAuth, account.CredentialKind);
        Assert.Contains("CALENDAR:WRITE", account.CredentialScopes, StringComparison.Ordinal);
        Assert.Contains("through Intervals.icu sign-in", await client.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_OAuth_callback_is_refused_with_the_friendly_page()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var start = await client.GetAsync("/signin/intervals");
        var callback = await ApproveAsync(start.Headers.Location!, SandboxPrincipals.CyclistId, Host.BaseAddress);
        using var first = await client.GetAsync(callback);
        Assert.Equal("/signin/complete", first.Headers.Location?.OriginalString);

        // Same code and state again: the correlation cookie is gone and the code is used.
        using var replay = await client.GetAsync(callback);
        Assert.Equal("/error/signin", replay.Headers.Location?.OriginalString);
        using var forged = await new FormClient(Host.BaseAddress).GetAsync(callback);
        Assert.Equal("/error/signin", forged.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_Intervals_outage_during_the_code_exchange_shows_the_friendly_outage_page()
    {
        // Consent works, but nothing listens where the code must be exchanged.
        var dead = $"http://127.0.0.1:{IcuSync.Server.Tests.Infrastructure.TestServices.FreePort()}/api/oauth/token";
        await using var host = await WebTestHost.StartAsync(smtp: false, new Dictionary<string, string?>
        {
            ["Intervals:BaseAddress"] = fixture.Sandbox.BaseAddress.ToString(),
            ["Intervals:OAuthTokenEndpoint"] = dead,
            ["IntervalsOAuth:ClientId"] = SandboxPrincipals.OAuthClientId,
            ["IntervalsOAuth:ClientSecret"] = SandboxPrincipals.OAuthClientSecret,
        });
        using var client = new FormClient(host.BaseAddress);
        using var start = await client.GetAsync("/signin/intervals");
        var callback = await ApproveAsync(start.Headers.Location!, SandboxPrincipals.CyclistId, host.BaseAddress);
        using var back = await client.GetAsync(callback);
        Assert.Equal("/error/outage", back.Headers.Location?.OriginalString);
        Assert.Null(await host.Service<AthleteAccountService>().FindAsync(SandboxPrincipals.CyclistId, CancellationToken.None));
    }

    /// <summary>Runs the OAuth dance with the sandbox's consent page; returns where the callback sends the browser.</summary>
    private async Task<string?> ConsentAsync(FormClient client, string athleteId)
    {
        using var start = await client.GetAsync("/signin/intervals");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var callback = await ApproveAsync(start.Headers.Location!, athleteId, Host.BaseAddress);
        using var back = await client.GetAsync(callback);
        return back.Headers.Location?.OriginalString;
    }

    /// <summary>Approves on the sandbox's consent page as <paramref name="athleteId"/>; returns the callback URL with the code.</summary>
    private static async Task<string> ApproveAsync(Uri authorize, string athleteId, Uri site)
    {
        var query = Uri.UnescapeDataString(authorize.Query);
        Assert.Contains("scope=ACTIVITY:READ,WELLNESS:READ,CALENDAR:WRITE,SETTINGS:WRITE", query, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + site.ToString().TrimEnd('/') + "/signin/intervals/callback", query, StringComparison.Ordinal);
        using var sandbox = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await sandbox.GetStringAsync(authorize);
        var fields = HiddenField().Matches(consent)
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("athlete_id", athleteId))
            .Append(new("decision", "approve"));
        using var approved = await sandbox.PostAsync(new Uri(authorize, "/oauth/authorize"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        return approved.Headers.Location!.ToString();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
