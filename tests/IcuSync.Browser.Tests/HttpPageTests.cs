using System.Net;
using IcuSync.Browser.Tests.Infrastructure;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Browser.Tests;

/// <summary>A demo host whose mail goes to the pickup folder (no SMTP), as a newcomer runs it.</summary>
public sealed class PickupHostFixture : IAsyncLifetime
{
    private WebTestHost? _host;

    public WebTestHost Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    // One quick retry keeps the outage test short; the sign-in must still show the outage page after it.
    public async Task InitializeAsync() => _host = await WebTestHost.StartAsync(smtp: false, new Dictionary<string, string?>
    {
        ["Intervals:MaxRetries"] = "1",
        ["Intervals:RetryBaseDelay"] = "00:00:00.050",
        ["Intervals:RetryMaxDelay"] = "00:00:00.100",
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>Page behaviour that needs no browser: headers, anti-forgery, validation, links, the outbox and the error pages.</summary>
public sealed class HttpPageTests(PickupHostFixture fixture) : IClassFixture<PickupHostFixture>
{
    private WebTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/")]
    [InlineData("/coach")]
    [InlineData("/signin")]
    [InlineData("/coach/token")]
    [InlineData("/error/404")]
    [InlineData("/no-such-page")]
    [InlineData("/assets/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.GetAsync(path);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Pages_that_can_show_an_MCP_URL_are_never_cached()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("cyclist");
        using var response = await client.PostFormAsync("/dashboard", "/dashboard?handler=Reveal", []);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/mcp/", body, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_the_anti_forgery_token_is_rejected_with_a_friendly_page()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.GetStringAsync("/coach/token");
        using var response = await client.PostRawAsync("/coach/token?handler=Resend", [new("email", "coach@demo.icusync.local")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form may have expired", body, StringComparison.Ordinal);
        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task Signed_in_forms_reject_a_missing_anti_forgery_token_and_change_nothing()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("runner");
        var runner = await Host.AccountAsync(SandboxPrincipals.RunnerId);
        var before = await Host.Service<CoachInviteService>().ListAsync(runner.Id, CancellationToken.None);
        using var response = await client.PostRawAsync("/dashboard?handler=Invite", [new("coachEmail", "csrf@example.com"), new("Tools", "get_fitness")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before.Count, (await Host.Service<CoachInviteService>().ListAsync(runner.Id, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("Coach <coach@example.com>")]
    [InlineData("coach@localhost")]
    public async Task Manage_your_token_rejects_a_bad_email_naming_the_field(string email)
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.PostFormAsync("/coach/token", "/coach/token?handler=Regenerate", [new("email", email)]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The email is", body, StringComparison.Ordinal);
        Assert.Contains("name@example.com", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Check your inbox", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_form_rejects_a_bad_email_and_keeps_what_was_typed()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("runner");
        using var response = await client.PostFormAsync("/dashboard", "/dashboard?handler=Invite", [new("coachEmail", "coach.example.com"), new("Tools", "get_fitness")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The coach email is not a valid email address", body, StringComparison.Ordinal);
        Assert.Contains("value=\"coach.example.com\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_answers_check_your_inbox_alike_for_known_and_unknown_emails()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var known = await client.PostFormAsync("/coach/token", "/coach/token?handler=Resend", [new("email", "coach@demo.icusync.local")]);
        using var unknown = await client.PostFormAsync("/coach/token", "/coach/token?handler=Resend", [new("email", "nobody-" + Guid.NewGuid().ToString("N") + "@example.com")]);
        var knownBody = await known.Content.ReadAsStringAsync();
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Check your inbox", knownBody, StringComparison.Ordinal);
        Assert.Equal(CheckInbox(knownBody), CheckInbox(unknownBody));
    }

    [Fact]
    public async Task Dashboard_and_coach_mode_need_a_session()
    {
        using var client = new FormClient(Host.BaseAddress);
        foreach (var path in new[] { "/dashboard", "/coach/direct" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location ?? throw new InvalidOperationException("No Location header.");
            var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            Assert.Equal("/signin?returnUrl=" + Uri.EscapeDataString(path), target);
        }
    }

    [Fact]
    public async Task Landing_page_explains_IcuSync_and_how_to_add_the_connector_in_Claude()
    {
        using var client = new FormClient(Host.BaseAddress);
        var body = await client.GetStringAsync("/");
        Assert.Contains("Connect with Intervals.icu", body, StringComparison.Ordinal);
        Assert.Contains("For coaches", body, StringComparison.Ordinal);
        Assert.Contains("How to add the connector in Claude", body, StringComparison.Ordinal);
        Assert.Contains("couldn't reach the IcuSync server", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin/intervals\"", body, StringComparison.Ordinal);
        Assert.Contains("Demo mode", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_lists_the_invite_mail_so_a_newcomer_can_follow_it_without_SMTP()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("triathlete");
        var coach = TestMail.NewAddress("outbox");
        using var invite = await client.PostFormAsync("/dashboard", "/dashboard?handler=Invite", [new("coachEmail", coach), new("Tools", "get_fitness")]);
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.Contains("notice=invited", invite.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var mail = await TestMail.WaitAsync(Host.PickupDirectory, coach, "invited you");
        var outbox = await client.GetStringAsync("/demo/mail");
        Assert.Contains(coach, outbox, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(outbox, "href=\"/demo/mail/([A-Za-z0-9_-]+)\">Cleo Triathlete invited you").Groups[1].Value;
        Assert.NotEmpty(id);
        var message = await client.GetStringAsync("/demo/mail/" + id);
        Assert.Contains(TestMail.McpUrl(mail), message, StringComparison.Ordinal);
        using var missing = await client.GetAsync("/demo/mail/..%2Ficusync");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_confirmation_link_acts_only_when_its_button_is_pressed_and_only_once()
    {
        using var client = new FormClient(Host.BaseAddress);
        var coach = await InvitedCoachAsync("once");
        using var request = await client.PostFormAsync("/coach/token", "/coach/token?handler=Resend", [new("email", coach)]);
        var link = TestMail.ConfirmationLink(await TestMail.WaitAsync(Host.PickupDirectory, coach, "re-send"));
        var path = new Uri(link).PathAndQuery;

        var page = await client.GetStringAsync(path);
        Assert.Contains("Resend your MCP URL?", page, StringComparison.Ordinal);
        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        using var first = await client.PostFormAsync(path, path, [new("code", code)]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("it has not changed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var second = await client.PostFormAsync("/coach/token", path, [new("code", code)]);
        Assert.Equal("/error/used", second.Headers.Location?.OriginalString);
        using var again = await client.GetAsync(path);
        Assert.Equal("/error/used", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_expired_confirmation_link_shows_the_friendly_expired_page()
    {
        using var client = new FormClient(Host.BaseAddress);
        var coach = await InvitedCoachAsync("expired");
        using var request = await client.PostFormAsync("/coach/token", "/coach/token?handler=Regenerate", [new("email", coach)]);
        var link = TestMail.ConfirmationLink(await TestMail.WaitAsync(Host.PickupDirectory, coach, "regenerate"));
        var code = Uri.UnescapeDataString(link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..]);

        // Time passes: move the link's expiry into the past rather than waiting 30 minutes.
        await using (var db = await Host.Service<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync())
        {
            var hash = AccountSecrets.Hash(code);
            var stored = await db.ConfirmationLinks.SingleAsync(l => l.Hash == hash);
            stored.ExpiresAt = stored.CreatedAt - TimeSpan.FromMinutes(1);
            await db.SaveChangesAsync();
        }

        var path = new Uri(link).PathAndQuery;
        using var opened = await client.GetAsync(path);
        Assert.Equal("/error/expired", opened.Headers.Location?.OriginalString);
        using var shown = await client.GetAsync("/error/expired");
        var body = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        Assert.Contains("This link has expired", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/coach/token\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Intervals_outage_during_sign_in_shows_the_friendly_outage_page()
    {
        using var client = new FormClient(Host.BaseAddress);
        var sandbox = Host.Server.Sandbox ?? throw new InvalidOperationException("The host runs without the sandbox.");
        sandbox.Faults.FailNext(10);
        try
        {
            using var response = await client.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", SandboxPrincipals.RunnerApiKey)]);
            Assert.Equal("/error/outage", response.Headers.Location?.OriginalString);
        }
        finally
        {
            sandbox.Faults.FailNext(0);
        }

        using var shown = await client.GetAsync("/error/outage");
        var body = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shown.StatusCode);
        Assert.Contains("Intervals.icu isn", body, StringComparison.Ordinal);
        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task A_wrong_API_key_is_refused_with_advice_on_where_to_find_the_key()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", "not-a-real-key")]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Intervals.icu did not accept this API key", body, StringComparison.Ordinal);
        Assert.Contains("Developer Settings", body, StringComparison.Ordinal);
        Host.Logs.AssertNeverContains("not-a-real-key", "API key typed into the form");
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_not_found_page()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.GetAsync("/does/not/exist");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", body, StringComparison.Ordinal);
        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task The_MCP_endpoint_keeps_its_JSON_errors_instead_of_the_error_pages()
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.PostRawAsync("/mcp/icu_not-a-token", []);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Regenerating_the_athletes_URL_on_the_dashboard_stops_the_old_one_at_once()
    {
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("triathlete");
        using var revealed = await client.PostFormAsync("/dashboard", "/dashboard?handler=Reveal", []);
        var oldUrl = RevealedUrl(await revealed.Content.ReadAsStringAsync());
        Assert.False(await McpProbe.IsRefusedAsync(oldUrl));

        using var regenerated = await client.PostFormAsync("/dashboard", "/dashboard?handler=Regenerate", []);
        var body = await regenerated.Content.ReadAsStringAsync();
        var newUrl = RevealedUrl(body);
        Assert.Contains("The old one no longer works", body, StringComparison.Ordinal);
        Assert.NotEqual(oldUrl, newUrl);
        Assert.True(await McpProbe.IsRefusedAsync(oldUrl));
        Assert.False(await McpProbe.IsRefusedAsync(newUrl));
        Assert.Contains("MCP URL regenerated", await client.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_coach_takes_the_athlete_off_the_coachs_roster()
    {
        var coach = await InvitedCoachAsync("revoked");
        var coachUrl = TestMail.McpUrl(await TestMail.WaitAsync(Host.PickupDirectory, coach, "invited you"));
        Assert.Contains(SandboxPrincipals.TriathleteId, (await McpProbe.RosterAsync(coachUrl)).Keys);
        var cleo = await Host.AccountAsync(SandboxPrincipals.TriathleteId);
        var invite = (await Host.Service<CoachInviteService>().ListAsync(cleo.Id, CancellationToken.None)).Single(i => i.CoachEmail == coach);

        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("triathlete");
        using var revoked = await client.PostFormAsync("/dashboard", "/dashboard?handler=Revoke", [new("inviteId", invite.InviteId.ToString())]);
        Assert.Equal("/dashboard?notice=revoked#coaches", revoked.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SandboxPrincipals.TriathleteId, (await McpProbe.RosterAsync(coachUrl)).Keys);
        Assert.Contains($"Removed {coach}", await client.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_no_tools_for_a_coach_is_refused_with_advice_to_remove_the_coach_instead()
    {
        var coach = await InvitedCoachAsync("notools");
        var cleo = await Host.AccountAsync(SandboxPrincipals.TriathleteId);
        var invite = (await Host.Service<CoachInviteService>().ListAsync(cleo.Id, CancellationToken.None)).Single(i => i.CoachEmail == coach);
        using var client = new FormClient(Host.BaseAddress);
        await client.SignInAsDemoAsync("triathlete");
        using var response = await client.PostFormAsync("/dashboard", "/dashboard?handler=Grants", [new("inviteId", invite.InviteId.ToString())]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tick at least one tool", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["get_fitness"], (await Host.Service<CoachInviteService>().ListAsync(cleo.Id, CancellationToken.None)).Single(i => i.CoachEmail == coach).Tools);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Sign_in_never_redirects_off_the_site(string returnUrl)
    {
        using var client = new FormClient(Host.BaseAddress);
        using var response = await client.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", SandboxPrincipals.RunnerApiKey), new("returnUrl", returnUrl)]);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
    }

    private static string RevealedUrl(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "id=\"mcp-url\" value=\"([^\"]+)\"") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page shows no MCP URL.");

    /// <summary>A new coach email invited by the triathlete, so each test has its own confirmation links.</summary>
    private async Task<string> InvitedCoachAsync(string who)
    {
        var coach = TestMail.NewAddress(who);
        var cleo = await Host.AccountAsync(SandboxPrincipals.TriathleteId);
        var invited = await Host.Service<CoachInviteService>().InviteAsync(cleo.Id, new CoachInviteRequest(coach, ["get_fitness"]), Actors.Athlete(cleo.Id), CancellationToken.None);
        Assert.True(invited.Succeeded, invited.ToString());
        return coach;
    }

    private static string CheckInbox(string body)
    {
        var start = body.IndexOf("id=\"check-inbox\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "No 'check your inbox' block.");
        return body[start..body.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
