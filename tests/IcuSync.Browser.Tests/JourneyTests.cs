using IcuSync.Browser.Tests.Infrastructure;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using Microsoft.Playwright;

namespace IcuSync.Browser.Tests;

/// <summary>The five journeys of the dashboard, end to end: Chromium, the host, the sandbox, real SMTP and a real MCP client.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserFixture fixture)
{
    private static readonly string[] TwoTools = ["get_fitness", "get_wellness"];

    [Fact]
    public async Task Athlete_signs_in_through_the_sandbox_reveals_and_copies_the_URL_and_invites_a_coach_who_sees_exactly_the_granted_tools()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await PageChecks.ScreenshotAsync(page, "01-landing");
        await page.ClickAsync("#connect-intervals");
        await page.GetByLabel($"Ada Cyclist ({SandboxPrincipals.CyclistId})").CheckAsync();
        await PageChecks.ScreenshotAsync(page, "02-sandbox-consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await page.WaitForPageAsync("**/dashboard");

        Assert.Equal("Hello, Ada Cyclist", await page.InnerTextAsync("h1"));
        Assert.Equal("Connected", await page.InnerTextAsync("#connection-status"));
        Assert.Equal(0, await page.Locator("#mcp-url").CountAsync());
        Assert.DoesNotContain("/mcp/", await page.ContentAsync(), StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "03-dashboard");

        await page.ClickAsync("#mcp-reveal");
        var athleteUrl = await page.InputValueAsync("#mcp-url");
        Assert.StartsWith(fixture.Host.BaseAddress.ToString().TrimEnd('/') + "/mcp/", athleteUrl, StringComparison.Ordinal);
        await page.ClickAsync("#mcp-copy");
        await page.Locator("#mcp-copied").Filter(new() { HasText = "Copied" }).WaitForAsync();
        Assert.Equal(athleteUrl, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await PageChecks.AssertAccessibleAsync(page);

        // The invite form starts with the read tools ticked and the three write tools off.
        foreach (var tool in ToolCatalog.GrantableTools)
        {
            Assert.Equal(!ToolCatalog.WriteTools.Contains(tool), await page.IsCheckedAsync($"#invite-{tool}"));
        }

        var coach = TestMail.NewAddress("coach");
        await page.FillAsync("#coach-email", coach);
        foreach (var tool in ToolCatalog.GrantableTools)
        {
            await page.SetCheckedAsync($"#invite-{tool}", TwoTools.Contains(tool));
        }

        await page.ClickAsync("#invite-submit");
        await page.WaitForPageAsync("**/dashboard?notice=invited**");
        Assert.Contains("Invite sent", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        var ticked = await page.Locator($"[data-coach='{coach}'] input[type=checkbox]:checked").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)");
        Assert.Equal(TwoTools, ticked.Order(StringComparer.Ordinal));
        Assert.Contains($"Invited {coach}", await page.InnerTextAsync("#activity"), StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "04-dashboard-coach-invited");

        var mail = await TestMail.WaitForSmtpAsync(coach, "invited you");
        Assert.Contains("Ada Cyclist", mail.Subject, StringComparison.Ordinal);
        var coachUrl = TestMail.McpUrl(mail);

        var roster = await McpProbe.RosterAsync(coachUrl);
        Assert.Equal([SandboxPrincipals.CyclistId], roster.Keys);
        Assert.Equal(TwoTools, roster[SandboxPrincipals.CyclistId].Order(StringComparer.Ordinal));
        var implemented = await McpProbe.GrantableToolNamesAsync(athleteUrl);
        var coachTools = await McpProbe.GrantableToolNamesAsync(coachUrl);
        Assert.Equal(TwoTools.Where(implemented.Contains), coachTools.Order(StringComparer.Ordinal));

        session.AssertNoReferrerLeak(fixture.Host.BaseAddress, TestMail.TokenOf(athleteUrl));
        fixture.Host.Logs.AssertNeverContains(TestMail.TokenOf(athleteUrl), "athlete's MCP token");
        fixture.Host.Logs.AssertNeverContains(TestMail.TokenOf(coachUrl), "coach's MCP token");
    }

    [Fact]
    public async Task Athlete_unticks_a_tool_and_the_coachs_next_call_to_it_is_refused()
    {
        var ada = await fixture.Host.AccountAsync(SandboxPrincipals.CyclistId);
        var coach = TestMail.NewAddress("coach");
        var invited = await fixture.Host.Service<CoachInviteService>()
            .InviteAsync(ada.Id, new CoachInviteRequest(coach, TwoTools), Actors.Athlete(ada.Id), CancellationToken.None);
        Assert.True(invited.Succeeded, invited.ToString());
        var coachUrl = TestMail.McpUrl(await TestMail.WaitForSmtpAsync(coach, "invited you"));
        Assert.Contains("get_wellness", (await McpProbe.RosterAsync(coachUrl))[SandboxPrincipals.CyclistId]);
        var onAda = new Dictionary<string, object?> { ["athlete"] = SandboxPrincipals.CyclistId };
        var (failedBefore, before) = await McpProbe.CallAsync(coachUrl, "get_wellness", onAda);
        Assert.False(failedBefore, "get_wellness failed while still granted: " + before);

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await SignInAsDemoAsync(page, "cyclist");
        var row = page.Locator($"[data-coach='{coach}']");
        await row.Locator("input[value=get_wellness]").UncheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save tools" }).ClickAsync();
        await page.WaitForPageAsync("**/dashboard?notice=grants**");
        Assert.False(await page.Locator($"[data-coach='{coach}'] input[value=get_wellness]").IsCheckedAsync());
        Assert.True(await page.Locator($"[data-coach='{coach}'] input[value=get_fitness]").IsCheckedAsync());

        var (refused, message) = await McpProbe.CallAsync(coachUrl, "get_wellness", onAda);
        Assert.True(refused, "The coach's call to an unticked tool was not refused.");
        Assert.Contains("get_wellness", message, StringComparison.Ordinal);
        var (fitnessFailed, fitness) = await McpProbe.CallAsync(coachUrl, "get_fitness", onAda);
        Assert.False(fitnessFailed, "The still-granted get_fitness was refused too: " + fitness);
        Assert.DoesNotContain("get_wellness", await McpProbe.ToolNamesAsync(coachUrl));
        Assert.Equal(["get_fitness"], (await McpProbe.RosterAsync(coachUrl))[SandboxPrincipals.CyclistId]);
        await page.ReloadAsync();
        var activity = await page.InnerTextAsync("#activity");
        Assert.Contains($"Changed the tools of {coach}", activity, StringComparison.Ordinal);
        Assert.Contains($"{coach} used their coach MCP URL", activity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coach_regenerates_the_token_through_the_emailed_link_and_only_the_new_URL_works()
    {
        var ada = await fixture.Host.AccountAsync(SandboxPrincipals.CyclistId);
        var coach = TestMail.NewAddress("coach");
        var invited = await fixture.Host.Service<CoachInviteService>()
            .InviteAsync(ada.Id, new CoachInviteRequest(coach, ["get_fitness"]), Actors.Athlete(ada.Id), CancellationToken.None);
        Assert.True(invited.Succeeded, invited.ToString());
        var oldUrl = TestMail.McpUrl(await TestMail.WaitForSmtpAsync(coach, "invited you"));
        Assert.False(await McpProbe.IsRefusedAsync(oldUrl));

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/coach/token");
        await page.FillAsync("#email", coach);
        await page.ClickAsync("#regenerate");
        Assert.Contains("Check your inbox", await page.InnerTextAsync("#check-inbox"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "08-manage-token-check-inbox");

        var link = TestMail.ConfirmationLink(await TestMail.WaitForSmtpAsync(coach, "regenerate"));
        await page.GotoAsync(link);
        Assert.Equal("Regenerate your token?", await page.InnerTextAsync("h1"));
        Assert.False(await McpProbe.IsRefusedAsync(oldUrl), "Opening the link must not act by itself.");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "09-confirm-regenerate");
        await page.ClickAsync("#confirm");
        Assert.Contains("old MCP URL no longer works", await page.InnerTextAsync("#confirm-done"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);

        var newUrl = TestMail.McpUrl(await TestMail.WaitForSmtpAsync(coach, "new IcuSync MCP URL"));
        Assert.NotEqual(oldUrl, newUrl);
        Assert.True(await McpProbe.IsRefusedAsync(oldUrl), "The old URL still works after regenerating.");
        Assert.False(await McpProbe.IsRefusedAsync(newUrl));
        Assert.Equal(["get_fitness"], (await McpProbe.RosterAsync(newUrl))[SandboxPrincipals.CyclistId]);

        // The link works once.
        await page.GotoAsync(link);
        Assert.Equal("used", await page.GetAttributeAsync("[data-testid=friendly-error]", "data-reason"));

        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        session.AssertNoReferrerLeak(fixture.Host.BaseAddress, code);
        fixture.Host.Logs.AssertNeverContains(code, "confirmation code");
        fixture.Host.Logs.AssertNeverContains(TestMail.TokenOf(oldUrl), "old coach token");
        fixture.Host.Logs.AssertNeverContains(TestMail.TokenOf(newUrl), "new coach token");
    }

    [Fact]
    public async Task Direct_coach_connects_with_an_API_key_and_sees_the_roster_with_each_athletes_access()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/coach");
        await PageChecks.ScreenshotAsync(page, "05-coach-access");
        await page.ClickAsync("#direct-start");
        await page.WaitForPageAsync("**/signin?returnUrl=**");
        await page.FillAsync("#api-key", SandboxPrincipals.CoachApiKey);
        await page.ClickAsync("#apikey-submit");
        await page.WaitForPageAsync("**/coach/direct**");
        if (await page.Locator("#enable-direct").CountAsync() > 0)
        {
            await page.ClickAsync("#enable-direct");
            await page.WaitForPageAsync("**/coach/direct?notice=enabled");
        }

        Assert.Equal("Write", await AccessOfAsync(page, SandboxPrincipals.CyclistId));
        Assert.Equal("Read", await AccessOfAsync(page, SandboxPrincipals.RunnerId));
        Assert.Equal("Write", await AccessOfAsync(page, SandboxPrincipals.TriathleteId));
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "06-direct-coach-roster");

        await page.ClickAsync("#direct-reveal");
        var coachUrl = await page.InputValueAsync("#direct-url");
        var roster = await McpProbe.RosterAsync(coachUrl);
        Assert.Subset(roster.Keys.ToHashSet(), new HashSet<string> { SandboxPrincipals.CyclistId, SandboxPrincipals.RunnerId, SandboxPrincipals.TriathleteId });
        Assert.DoesNotContain("push_workout", roster[SandboxPrincipals.RunnerId]);
        Assert.Contains("push_workout", roster[SandboxPrincipals.CyclistId]);
        fixture.Host.Logs.AssertNeverContains(TestMail.TokenOf(coachUrl), "direct coach's MCP token");
        fixture.Host.Logs.AssertNeverContains(SandboxPrincipals.CoachApiKey, "coach's API key");
    }

    [Fact]
    public async Task Denied_OAuth_consent_shows_the_friendly_error_page()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        await page.ClickAsync("#connect-intervals");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await page.WaitForPageAsync("**/error/denied");

        Assert.Equal("You didn't allow access on Intervals.icu", await page.InnerTextAsync("h1"));
        var text = await page.InnerTextAsync("main");
        Assert.Contains("start again", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("a[href='/signin']").Filter(new() { HasText = "Back to sign in" }).CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "07-denied-consent");
    }

    internal static async Task SignInAsDemoAsync(IPage page, string who)
    {
        await page.GotoAsync("/signin");
        await page.ClickAsync($"#demo-{who}");
        await page.WaitForPageAsync(who == "coach" ? "**/coach/direct" : "**/dashboard");
    }

    private static Task<string> AccessOfAsync(IPage page, string athleteId) =>
        page.Locator($"#roster tr[data-athlete='{athleteId}'] td").Nth(2).InnerTextAsync();
}
