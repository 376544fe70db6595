using Microsoft.Playwright;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>
/// One host (sandbox, SQLite, real SMTP) and one headless Debian Chromium shared by the browser tests. Each test opens
/// its own browser context, so sessions never mix. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private WebTestHost? _host;

    public WebTestHost Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>Debian's Chromium: <c>ICUSYNC_TEST_CHROMIUM</c>, else /usr/bin/chromium; fails loudly when neither exists.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("ICUSYNC_TEST_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured) ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException(
            "Chromium not found at /usr/bin/chromium. Run the tests with scripts/test.sh (it installs Debian's chromium), or `source scripts/services.sh && icusync_services_up` first.");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var path = ChromiumPath;
        _host = await WebTestHost.StartAsync(smtp: true);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own cookies) with clipboard access, and a page in it.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            Permissions = ["clipboard-read", "clipboard-write"],
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        // Generous: the whole solution's test projects share two cores, and a page's load event (all its resources) came
        // after more than 15 s once, and a sign-in step after more than 45 s, under that load although the page itself rendered
        // in 0.4 s. A real hang still fails.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>One browser context and its page, recording the Referer of every request the page makes.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<(string Url, string? Referer)> _requests = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        context.Request += (_, request) =>
        {
            request.Headers.TryGetValue("referer", out var referer);
            lock (_requests)
            {
                _requests.Add((request.Url, referer));
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Every request the browser sent, with its Referer header (null when none).</summary>
    public IReadOnlyList<(string Url, string? Referer)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// No request of this session carried one of IcuSync's page addresses as its Referer (the pages send
    /// <c>Referrer-Policy: no-referrer</c>), and no Referer carried <paramref name="secret"/>.
    /// </summary>
    public void AssertNoReferrerLeak(Uri site, string secret)
    {
        var requests = Requests;
        Assert.NotEmpty(requests);
        var origin = site.GetLeftPart(UriPartial.Authority);
        Assert.DoesNotContain(requests, r => r.Referer is not null && r.Referer.Contains(secret, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.False(
            r.Referer is not null && r.Referer.StartsWith(origin, StringComparison.OrdinalIgnoreCase),
            $"{r.Url} was sent with an IcuSync page as its Referer ({r.Referer})."));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
