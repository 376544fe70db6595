using IcuSync.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IcuSync.Browser.Tests;

/// <summary>The main pages in Chromium: accessibility smoke check, screenshots, the demo banner and server-side form errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Main_pages_pass_the_accessibility_smoke_check()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        foreach (var (path, name) in new[]
        {
            ("/", "a11y-landing"), ("/coach", "a11y-coach"), ("/coach/token", "a11y-manage-token"), ("/signin", "a11y-signin"),
            ("/demo/mail", "a11y-outbox"), ("/error/404", "a11y-not-found"), ("/signout", "a11y-signout"),
        })
        {
            await page.GotoAsync(path);
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.ScreenshotAsync(page, name);
        }

        // Signed in as an athlete who is not a coach: the dashboard, and the coach mode page before it is turned on.
        await JourneyTests.SignInAsDemoAsync(page, "runner");
        await PageChecks.AssertAccessibleAsync(page);
        await page.ClickAsync("#mcp-reveal");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GotoAsync("/coach/direct");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "a11y-coach-mode-off");
    }

    [Fact]
    public async Task Demo_mode_shows_a_banner_and_offers_the_sandbox_athletes_and_the_coach()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        Assert.Contains("Demo mode", await page.InnerTextAsync("[data-testid=demo-banner]"), StringComparison.Ordinal);
        foreach (var who in new[] { "cyclist", "runner", "triathlete", "coach" })
        {
            Assert.True(await page.Locator($"#demo-{who}").IsVisibleAsync(), $"No demo sign-in for the {who}.");
        }

        await page.ClickAsync("#demo-coach");
        await page.WaitForPageAsync("**/coach/direct");
        Assert.Equal("Write", await page.Locator("#roster tr[data-athlete='i1001'] td").Nth(2).InnerTextAsync());
    }

    [Fact]
    public async Task Forms_show_the_servers_error_for_an_email_the_browser_accepts_but_IcuSync_does_not()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/coach/token");
        await page.FillAsync("#email", "coach@localhost");
        await page.ClickAsync("#resend");
        Assert.Contains("not a valid email address", await page.InnerTextAsync("#token-error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#check-inbox").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);

        await JourneyTests.SignInAsDemoAsync(page, "triathlete");
        await page.FillAsync("#coach-email", "coach@localhost");
        await page.ClickAsync("#invite-submit");
        Assert.Contains("coach email is not a valid email address", await page.InnerTextAsync("#invite-error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-coach='coach@localhost']").CountAsync());
        await PageChecks.ScreenshotAsync(page, "10-invite-bad-email");
    }

    [Fact]
    public async Task Pages_work_on_a_phone_sized_screen()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/", "/coach" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways on a 390 px wide screen.");
        }

        await JourneyTests.SignInAsDemoAsync(page, "cyclist");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "The dashboard scrolls sideways on a phone.");
        await PageChecks.ScreenshotAsync(page, "11-dashboard-phone");
    }
}
