using Microsoft.Playwright;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>Screenshots saved as test artifacts, and an accessibility smoke check run inside the page.</summary>
public static class PageChecks
{
    private const string AccessibilityScript = """
        () => {
          const problems = [];
          if (!document.documentElement.lang) problems.push('the html element has no lang');
          if (!document.title.trim()) problems.push('the page has no title');
          const fields = [...document.querySelectorAll('input, select, textarea')]
            .filter(e => !['hidden', 'submit', 'button', 'reset', 'image'].includes((e.getAttribute('type') || '').toLowerCase()));
          for (const f of fields) {
            const byFor = f.id && [...document.querySelectorAll('label')].some(l => l.htmlFor === f.id && l.textContent.trim());
            const labelled = byFor || f.closest('label') || (f.getAttribute('aria-label') || '').trim() || f.getAttribute('aria-labelledby');
            if (!labelled) problems.push('field without a label: ' + (f.name || f.id || f.outerHTML.slice(0, 80)));
          }
          const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]));
          const h1s = levels.filter(l => l === 1).length;
          if (h1s !== 1) problems.push('expected exactly one h1, found ' + h1s);
          if (levels.length > 0 && levels[0] !== 1) problems.push('the first heading is h' + levels[0] + ', not h1');
          for (let i = 1; i < levels.length; i++) {
            if (levels[i] > levels[i - 1] + 1) problems.push('heading level jumps from h' + levels[i - 1] + ' to h' + levels[i]);
          }
          for (const e of document.querySelectorAll('button, a[href]')) {
            if (!(e.textContent.trim() || (e.getAttribute('aria-label') || '').trim())) problems.push('control without a name: ' + e.outerHTML.slice(0, 80));
          }
          for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('image without alt');
          const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
          for (const id of new Set(ids)) if (ids.filter(x => x === id).length > 1) problems.push('duplicate id ' + id);
          if (!document.querySelector('main')) problems.push('no main landmark');
          return problems;
        }
        """;

    /// <summary>
    /// Waits until the page has navigated to a URL matching <paramref name="glob"/> and its document has arrived whole
    /// (the layout's footer, the body's last element, is there). Not Playwright's default wait for the load event: after a
    /// redirect chain that event once never reached the test within 45 s although the server had sent the page in 30 ms
    /// (<c>JourneyTests.Denied_OAuth_consent_shows_the_friendly_error_page</c> in a clean-clone CI run).
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string glob)
    {
        await page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("body > footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Labels on inputs, one h1 and no skipped heading levels, named controls, unique ids, a main landmark.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>(AccessibilityScript);
        Assert.True(problems.Length == 0, $"{page.Url}: {string.Join("; ", problems)}");
    }

    /// <summary>Saves a full-page screenshot to <c>TestResults/screenshots/{name}.png</c> of the test project.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = ScreenshotFolder();
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary><c>ICUSYNC_SCREENSHOTS</c>, else TestResults/screenshots next to the test project file.</summary>
    public static string ScreenshotFolder()
    {
        if (Environment.GetEnvironmentVariable("ICUSYNC_SCREENSHOTS") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && directory.GetFiles("*.csproj").Length == 0)
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}
