using System.Net;
using System.Text.RegularExpressions;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IcuSync.Server.Tests.Security;

/// <summary>A demo host whose form rate limit leaves room for the many posts of the web attack tests.</summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    private IcuSyncTestHost? _host;

    public IcuSyncTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["RateLimits:FormsPerIpPerMinute"] = "10000",
        ["RateLimits:FormsPerIpBurst"] = "10000",
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>
/// CSRF, open redirects, replayed confirmation links and forged or replayed OAuth states on the web flows: each is
/// refused, never redirects off the site, and changes nothing.
/// </summary>
public sealed partial class WebFlowAttackTests(WebHostFixture fixture) : IClassFixture<WebHostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private string MailFolder => Path.Combine(Host.DataDirectory, "mail");

    private static readonly (string Page, string Handler)[] SignedInForms =
    [
        ("/dashboard", "Reveal"), ("/dashboard", "Regenerate"), ("/dashboard", "Disconnect"), ("/dashboard", "Invite"),
        ("/dashboard", "Grants"), ("/dashboard", "Revoke"), ("/coach/direct", "Enable"), ("/coach/direct", "Disable"),
        ("/coach/direct", "Reveal"), ("/coach/direct", "Regenerate"),
    ];

    [Fact]
    public async Task Signed_in_forms_without_a_valid_anti_forgery_token_are_refused_with_400_and_change_nothing()
    {
        using var visitor = new WebVisitor(Host.BaseAddress);
        await visitor.SignInAsDemoAsync("cyclist");
        var invite = await AdaInviteIdAsync();

        // A token minted for another visitor (an attacker's own page load) does not fit this session.
        using var attacker = new WebVisitor(Host.BaseAddress);
        var foreignToken = await AntiforgeryTokenAsync(attacker, "/signin");
        var before = await DataSnapshot.TakeAsync(Host);
        foreach (var (page, handler) in SignedInForms)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("coachEmail", "csrf-" + handler.ToLowerInvariant() + "@example.com"),
                new("tools", "get_fitness"),
                new("inviteId", invite.ToString()),
            };
            foreach (var token in new string?[] { null, foreignToken, "CfDJ8forged" })
            {
                using var response = await visitor.PostRawAsync($"{page}?handler={handler}", token is null ? fields : [.. fields, new("__RequestVerificationToken", token)]);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{page} {handler} with token '{token}' answered {(int)response.StatusCode}.");
                Attack.AssertNoStackTrace(await response.Content.ReadAsStringAsync());
            }
        }

        await before.AssertUnchangedAsync(Host, "CSRF on the dashboard and coach mode");
    }

    [Fact]
    public async Task Anonymous_forms_without_the_anti_forgery_token_are_refused_with_400_and_change_nothing()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        var mails = MailCount();
        foreach (var (action, field, value) in new[]
        {
            ("/signin?handler=ApiKey", "apiKey", SandboxPrincipals.RunnerApiKey),
            ("/signin?handler=Demo", "who", "coach"),
            ("/coach/token?handler=Regenerate", "email", DemoCoachEmail),
            ("/coach/token?handler=Resend", "email", DemoCoachEmail),
            ("/signout", "x", "y"),
        })
        {
            using var visitor = new WebVisitor(Host.BaseAddress);
            using var response = await visitor.PostRawAsync(action, [new(field, value)]);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action} answered {(int)response.StatusCode}.");
            Assert.DoesNotContain(visitor.Cookies.GetAllCookies(), c => c.Name == "icusync.session");
        }

        Assert.Equal(mails, MailCount());
        await before.AssertUnchangedAsync(Host, "CSRF on the anonymous forms");
    }

    private static readonly string[] OffSiteTargets =
    [
        "https://evil.example/phish",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        " //evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
    ];

    [Fact]
    public async Task Demo_and_API_key_sign_in_never_redirect_off_the_site()
    {
        foreach (var returnUrl in OffSiteTargets)
        {
            using (var demo = new WebVisitor(Host.BaseAddress))
            {
                using var response = await demo.PostFormAsync("/signin", "/signin?handler=Demo", [new("who", "runner"), new("returnUrl", returnUrl)]);
                AssertStaysOnSite(response, returnUrl);
            }

            using var apiKey = new WebVisitor(Host.BaseAddress);
            using var keyed = await apiKey.PostFormAsync("/signin", "/signin?handler=ApiKey", [new("apiKey", SandboxPrincipals.RunnerApiKey), new("returnUrl", returnUrl)]);
            AssertStaysOnSite(keyed, returnUrl);
        }
    }

    [Fact]
    public async Task The_sign_in_page_never_carries_an_off_site_return_address()
    {
        using var visitor = new WebVisitor(Host.BaseAddress);
        foreach (var returnUrl in OffSiteTargets)
        {
            var page = await visitor.GetStringAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
            foreach (Match match in ReturnAddresses().Matches(page))
            {
                // The hidden field holds the address itself; the OAuth start link holds it URL-encoded.
                var value = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
                AssertOnSite(match.Groups[1].Success ? value : Uri.UnescapeDataString(value), returnUrl);
            }

            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Intervals_sign_in_never_redirects_off_the_site()
    {
        foreach (var returnUrl in new[] { "https://evil.example/phish", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example" })
        {
            using var visitor = new WebVisitor(Host.BaseAddress);
            using var start = await visitor.GetAsync("/signin/intervals?returnUrl=" + Uri.EscapeDataString(returnUrl));
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            var callback = await ApproveOnSandboxAsync(start.Headers.Location!, SandboxPrincipals.CyclistId);
            using var back = await visitor.GetAsync(callback);
            AssertStaysOnSite(back, returnUrl);
            using var done = await visitor.GetAsync(RawLocation(back));
            AssertStaysOnSite(done, returnUrl);
        }
    }

    [Fact]
    public async Task A_local_return_address_is_still_honoured()
    {
        using var visitor = new WebVisitor(Host.BaseAddress);
        using var response = await visitor.PostFormAsync("/signin", "/signin?handler=Demo", [new("who", "runner"), new("returnUrl", "/coach/direct")]);
        Assert.Equal("/coach/direct", RawLocation(response));
    }

    [Fact]
    public async Task A_replayed_or_forged_OAuth_callback_is_refused_and_signs_nobody_in()
    {
        using var visitor = new WebVisitor(Host.BaseAddress);
        using var start = await visitor.GetAsync("/signin/intervals");
        var callback = await ApproveOnSandboxAsync(start.Headers.Location!, SandboxPrincipals.TriathleteId);
        var before = await DataSnapshot.TakeAsync(Host);

        // Another browser presenting the victim's callback (no correlation cookie) is refused.
        using (var stranger = new WebVisitor(Host.BaseAddress))
        {
            using var stolen = await stranger.GetAsync(callback);
            Assert.Equal("/error/signin", RawLocation(stolen));
            await AssertSignedOutAsync(stranger);
        }

        using (var first = await visitor.GetAsync(callback))
        {
            Assert.StartsWith("/signin/complete", RawLocation(first), StringComparison.Ordinal);
        }

        using (var replay = await visitor.GetAsync(callback))
        {
            Assert.Equal("/error/signin", RawLocation(replay));
        }

        var query = new Uri(callback).Query;
        var code = Regex.Match(query, "code=([^&]+)").Groups[1].Value;
        foreach (var forged in new[]
        {
            $"/signin/intervals/callback?code={code}&state=forged",
            $"/signin/intervals/callback?code={code}",
            "/signin/intervals/callback?code=made-up&state=" + Regex.Match(query, "state=([^&]+)").Groups[1].Value,
            "/signin/intervals/callback?error=access_denied&state=forged",
        })
        {
            using var attacker = new WebVisitor(Host.BaseAddress);
            using var attempt = await attacker.GetAsync(forged);
            Assert.StartsWith("/error/", RawLocation(attempt), StringComparison.Ordinal);
            await AssertSignedOutAsync(attacker);
        }

        await before.AssertUnchangedAsync(Host, "replayed and forged OAuth callbacks");
    }

    [Fact]
    public async Task A_resend_confirmation_link_works_once_and_a_replay_is_refused()
    {
        var coach = await InviteCoachAsync("resend");
        var link = await RequestLinkAsync(coach, "Resend", "re-send");
        var path = new Uri(link).PathAndQuery;
        var code = McpUrls.CodeFromLink(link);
        using var visitor = new WebVisitor(Host.BaseAddress);

        // Without the anti-forgery token the button does nothing, and the link stays usable.
        using (var csrf = await visitor.PostRawAsync(path, [new("code", code)]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, csrf.StatusCode);
        }

        using (var first = await visitor.PostFormAsync(path, path, [new("code", code)]))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("has not changed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var before = await DataSnapshot.TakeAsync(Host);
        var mails = MailCount();
        using (var other = new WebVisitor(Host.BaseAddress))
        using (var replay = await other.PostFormAsync("/coach/token", path, [new("code", code)]))
        {
            Assert.Equal("/error/used", RawLocation(replay));
        }

        using (var reopened = await visitor.GetAsync(path))
        {
            Assert.Equal("/error/used", RawLocation(reopened));
        }

        Assert.Equal(mails, MailCount());
        await before.AssertUnchangedAsync(Host, "a replayed resend link");
    }

    [Fact]
    public async Task A_regenerate_confirmation_link_regenerates_once_and_a_replay_leaves_the_new_token_alone()
    {
        var coach = await InviteCoachAsync("regen");
        var oldUrl = McpUrlIn(await WaitForMailAsync(coach, "invited you"));
        var link = await RequestLinkAsync(coach, "Regenerate", "regenerate");
        var path = new Uri(link).PathAndQuery;
        var code = McpUrls.CodeFromLink(link);
        using var visitor = new WebVisitor(Host.BaseAddress);
        using (var first = await visitor.PostFormAsync(path, path, [new("code", code)]))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var newUrl = McpUrlIn(await WaitForMailAsync(coach, "new IcuSync MCP URL"));
        Assert.False(await Attack.PingAnsweredAsync(oldUrl));
        Assert.True(await Attack.PingAnsweredAsync(newUrl));

        var before = await DataSnapshot.TakeAsync(Host);
        for (var i = 0; i < 3; i++)
        {
            using var other = new WebVisitor(Host.BaseAddress);
            using var replay = await other.PostFormAsync("/coach/token", path, [new("code", code)]);
            Assert.Equal("/error/used", RawLocation(replay));
        }

        Assert.True(await Attack.PingAnsweredAsync(newUrl), "Replaying the regenerate link killed the new token.");
        await before.AssertUnchangedAsync(Host, "a replayed regenerate link");
    }

    [Fact]
    public async Task Forged_confirmation_codes_are_refused_with_the_friendly_page()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        using var visitor = new WebVisitor(Host.BaseAddress);
        foreach (var code in new[] { "", new string('A', 43), "../../dashboard", "'; DROP TABLE confirmation_links; --", "<script>alert(1)</script>" })
        {
            var path = "/coach/confirm?code=" + Uri.EscapeDataString(code);
            using (var opened = await visitor.GetAsync(path))
            {
                Assert.Equal("/error/link", RawLocation(opened));
            }

            using var posted = await visitor.PostFormAsync("/coach/token", "/coach/confirm", [new("code", code)]);
            Assert.Equal("/error/link", RawLocation(posted));
        }

        await before.AssertUnchangedAsync(Host, "a forged confirmation code");
    }

    [Fact]
    public async Task Text_typed_into_forms_is_shown_back_escaped()
    {
        const string Script = "\"><script>alert(1)</script>";
        using var visitor = new WebVisitor(Host.BaseAddress);
        await visitor.SignInAsDemoAsync("triathlete");
        using var invite = await visitor.PostFormAsync("/dashboard", "/dashboard?handler=Invite", [new("coachEmail", Script), new("tools", "get_fitness")]);
        var body = await invite.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);

        var signIn = await visitor.GetStringAsync("/signin?returnUrl=" + Uri.EscapeDataString("/x" + Script));
        Assert.DoesNotContain("<script>alert(1)</script>", signIn, StringComparison.Ordinal);

        using var token = await visitor.PostFormAsync("/coach/token", "/coach/token?handler=Resend", [new("email", Script)]);
        Assert.DoesNotContain("<script>alert(1)</script>", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private const string DemoCoachEmail = "coach@demo.icusync.local";

    /// <summary>The Location header exactly as sent (HttpClient would otherwise try to parse it as a URI).</summary>
    private static string RawLocation(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.ToString() : "";

    /// <summary>
    /// The redirect stays on this site as a browser would follow it: browsers drop tabs and line breaks from URLs and
    /// read a backslash as a slash, so <c>/\t/evil</c> and <c>/\evil</c> are off-site.
    /// </summary>
    private void AssertStaysOnSite(HttpResponseMessage response, string attempted)
    {
        Assert.True((int)response.StatusCode < 500, $"'{Escape(attempted)}' caused {(int)response.StatusCode}.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertOnSite(RawLocation(response), attempted);
    }

    private void AssertOnSite(string address, string attempted)
    {
        var browser = new string([.. address.Where(c => c is not ('\t' or '\n' or '\r'))]).Trim().Replace('\\', '/');
        var target = new Uri(Host.BaseAddress, browser);
        Assert.True(target.Scheme == Host.BaseAddress.Scheme && target.Authority == Host.BaseAddress.Authority,
            $"'{Escape(attempted)}' led to '{Escape(address)}', which a browser follows to {target}.");
    }

    private static string Escape(string text) => text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static async Task AssertSignedOutAsync(WebVisitor visitor)
    {
        using var dashboard = await visitor.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("/signin", RawLocation(dashboard), StringComparison.Ordinal);
    }

    private static async Task<string> AntiforgeryTokenAsync(WebVisitor visitor, string page)
    {
        var html = await visitor.GetStringAsync(page);
        return WebUtility.HtmlDecode(Attack.AntiforgeryField().Match(html).Groups[1].Value);
    }

    private async Task<Guid> AdaInviteIdAsync()
    {
        var services = Host.Server.App.Services;
        var ada = await services.GetRequiredService<AthleteAccountService>().FindAsync(SandboxPrincipals.CyclistId, CancellationToken.None)
            ?? throw new InvalidOperationException("No demo cyclist.");
        return (await services.GetRequiredService<CoachInviteService>().ListAsync(ada.Id, CancellationToken.None)).First().InviteId;
    }

    /// <summary>A new coach invited by Cleo (with the invite mail), so each test has its own links.</summary>
    private async Task<string> InviteCoachAsync(string who)
    {
        var coach = $"{who}-{Guid.NewGuid():N}@example.com";
        var services = Host.Server.App.Services;
        var cleo = await services.GetRequiredService<AthleteAccountService>().FindAsync(SandboxPrincipals.TriathleteId, CancellationToken.None)
            ?? throw new InvalidOperationException("No demo triathlete.");
        var invited = await services.GetRequiredService<CoachInviteService>()
            .InviteAsync(cleo.Id, new CoachInviteRequest(coach, ["get_fitness"]), Actors.Athlete(cleo.Id), CancellationToken.None);
        Assert.True(invited.Succeeded, invited.ToString());
        return coach;
    }

    private async Task<string> RequestLinkAsync(string coach, string handler, string subject)
    {
        using var visitor = new WebVisitor(Host.BaseAddress);
        using var request = await visitor.PostFormAsync("/coach/token", $"/coach/token?handler={handler}", [new("email", coach)]);
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        var mail = await WaitForMailAsync(coach, subject);
        return ConfirmationLink().Match(mail.TextBody ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"The mail '{mail.Subject}' holds no confirmation link.");
    }

    private int MailCount() => Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml").Length : 0;

    private Task<MimeMessage> WaitForMailAsync(string to, string subject) =>
        IcuSync.Server.Tests.Accounts.MailFolder.WaitForAsync(
            MailFolder, to, m => (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase), $"about '{subject}'");

    private static string McpUrlIn(MimeMessage mail) =>
        McpUrlPattern().Match(mail.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException($"The mail '{mail.Subject}' holds no MCP URL.");

    /// <summary>Approves on the sandbox's consent page as <paramref name="athleteId"/>; returns the callback URL with code and state.</summary>
    private static async Task<string> ApproveOnSandboxAsync(Uri authorize, string athleteId)
    {
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

    /// <summary>The return addresses a sign-in page carries: the hidden form fields and the OAuth start link.</summary>
    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"|href=\"/signin/intervals\\?returnUrl=([^\"]*)\"")]
    private static partial Regex ReturnAddresses();

    [GeneratedRegex(@"https?://[^\s<>""]+\?code=[A-Za-z0-9_\-%]+")]
    private static partial Regex ConfirmationLink();

    [GeneratedRegex(@"https?://[^\s<>""]+/mcp/[A-Za-z0-9_\-]+")]
    private static partial Regex McpUrlPattern();
}
