using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcuSync.Sandbox;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Everything an attack could change, as text: the sandbox's calendars, settings, wellness, gear and library, and the
/// database's accounts, invites, grants, tokens and confirmation links. Two snapshots are equal when nothing changed.
/// Audit rows, last-used stamps and roster refresh times are left out: refusals are audited and reads are recorded.
/// </summary>
internal sealed record DataSnapshot(string Sandbox, string Database)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static async Task<DataSnapshot> TakeAsync(IcuSyncTestHost host)
    {
        var store = host.Server.Sandbox!.Store;
        var sandbox = new StringBuilder();
        foreach (var athlete in store.Athletes.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var today = store.Today(athlete.Id);
            sandbox.Append(JsonSerializer.Serialize(athlete, Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetSportSettings(athlete.Id), Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetEvents(athlete.Id, today.AddYears(-3), today.AddYears(3)), Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetWellness(athlete.Id, today.AddDays(-400), today.AddDays(60)), Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetGear(athlete.Id), Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetFolders(athlete.Id), Json)).Append('\n')
                .Append(JsonSerializer.Serialize(store.GetWorkouts(athlete.Id), Json)).Append('\n');

            // Activities are many and large; their writable fields are what an attack could change.
            foreach (var activity in store.GetActivities(athlete.Id))
            {
                sandbox.Append(activity.Id).Append('|').Append(activity.Name).Append('|').Append(activity.Description).Append('|').Append(activity.Type).Append('\n');
            }
        }

        var factory = host.Server.App.Services.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var database = new StringBuilder();
        foreach (var a in (await db.AthleteAccounts.AsNoTracking().ToListAsync()).OrderBy(a => a.Id))
        {
            database.Append(CultureInfo.InvariantCulture,
                $"account {a.Id} {a.Email} {a.Name} {a.IntervalsAthleteId} {a.TimeZone} {a.CredentialKind} {a.ProtectedCredential} {a.CredentialScopes} {a.Plan} {a.DirectCoach}\n");
        }

        foreach (var c in (await db.InvitedCoaches.AsNoTracking().ToListAsync()).OrderBy(c => c.Id))
        {
            database.Append(CultureInfo.InvariantCulture, $"coach {c.Id} {c.Email}\n");
        }

        foreach (var i in (await db.CoachInvites.AsNoTracking().Include(i => i.Grants).ToListAsync()).OrderBy(i => i.Id))
        {
            database.Append(CultureInfo.InvariantCulture,
                $"invite {i.Id} {i.AthleteAccountId} {i.InvitedCoachId} {i.IsOwnCoachEmail} {i.UpdatedAt:O} [{string.Join(',', i.Grants.Select(g => g.Tool).Order(StringComparer.Ordinal))}]\n");
        }

        foreach (var t in (await db.McpTokens.AsNoTracking().ToListAsync()).OrderBy(t => t.Id))
        {
            database.Append(CultureInfo.InvariantCulture,
                $"token {t.Id} {t.Kind} {t.AthleteAccountId} {t.InvitedCoachId} {Convert.ToHexString(t.Hash)} {t.RevokedAt:O} {t.SelectedAthleteId}\n");
        }

        foreach (var l in (await db.ConfirmationLinks.AsNoTracking().ToListAsync()).OrderBy(l => l.Id))
        {
            database.Append(CultureInfo.InvariantCulture, $"link {l.Id} {l.Purpose} {l.InvitedCoachId} {l.ExpiresAt:O} {l.UsedAt:O}\n");
        }

        return new DataSnapshot(sandbox.ToString(), database.ToString());
    }

    /// <summary>Fails when the sandbox or the database differs from <paramref name="before"/>, naming the first differing line.</summary>
    public async Task AssertUnchangedAsync(IcuSyncTestHost host, string attack)
    {
        var after = await TakeAsync(host);
        Assert.True(Sandbox == after.Sandbox, $"{attack}: the sandbox data changed. {FirstDifference(Sandbox, after.Sandbox)}");
        Assert.True(Database == after.Database, $"{attack}: the database changed. {FirstDifference(Database, after.Database)}");
    }

    private static string FirstDifference(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<none>";
            var right = i < b.Length ? b[i] : "<none>";
            if (left != right)
            {
                return $"Line {i}: before «{Clip(left)}» after «{Clip(right)}»";
            }
        }

        return "";
    }

    private static string Clip(string line) => line.Length <= 300 ? line : line[..300] + "…";
}

/// <summary>Raw HTTP and MCP helpers for attacks the SDK client would never send.</summary>
internal static partial class Attack
{
    /// <summary>One client for raw requests (no cookies, no redirects followed).</summary>
    public static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public const string Ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    /// <summary>A JSON-RPC POST with the headers the Streamable HTTP transport requires.</summary>
    public static HttpRequestMessage JsonRpc(string url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    public static HttpRequestMessage JsonRpc(string url, string body) =>
        JsonRpc(url, new StringContent(body, Encoding.UTF8, "application/json"));

    public static HttpContent JsonBytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A tools/call JSON-RPC body.</summary>
    public static string ToolCall(string tool, object arguments, int id = 7) => JsonSerializer.Serialize(new
    {
        jsonrpc = "2.0",
        id,
        method = "tools/call",
        @params = new { name = tool, arguments },
    });

    /// <summary>True when a ping on <paramref name="mcpUrl"/> is answered: the server is alive and the URL authenticates.</summary>
    public static async Task<bool> PingAnsweredAsync(string mcpUrl)
    {
        using var response = await Http.SendAsync(JsonRpc(mcpUrl, Ping));
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && body.Contains("\"result\"", StringComparison.Ordinal);
    }

    /// <summary>The token of a demo MCP URL.</summary>
    public static string TokenOf(string mcpUrl) => mcpUrl[(mcpUrl.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Calls a tool and returns its refusal text: a tool error (<c>isError</c>) or a JSON-RPC error (an unknown tool) are
    /// both clean refusals. Fails when the call succeeded.
    /// </summary>
    public static async Task<string> RefusalAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, args);
        }
        catch (McpProtocolException error)
        {
            return error.Message;
        }

        var text = result.Text();
        Assert.True(result.IsError == true, $"{tool} was not refused: {text}");
        return text;
    }

    /// <summary>Asserts a text names none of <paramref name="secrets"/> (what is printed on failure hides the secret).</summary>
    public static void AssertNames(string text, string what, params string[] forbidden)
    {
        foreach (var item in forbidden)
        {
            Assert.False(text.Contains(item, StringComparison.OrdinalIgnoreCase), $"{what} mentions '{item}': {text}");
        }
    }

    public static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    /// <summary>The demo tokens of every seeded principal.</summary>
    public static IReadOnlyList<string> DemoTokens(IcuSyncTestHost host) =>
        [.. host.Server.DemoUrls.Select(d => TokenOf(d.McpUrl))];

    public static readonly string[] SandboxApiKeys =
    [
        SandboxPrincipals.CyclistApiKey, SandboxPrincipals.RunnerApiKey, SandboxPrincipals.TriathleteApiKey, SandboxPrincipals.CoachApiKey,
    ];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryField();
}

/// <summary>A cookie-keeping browser stand-in for the web flows; <see cref="PostFormAsync"/> fills in the anti-forgery token.</summary>
internal sealed class WebVisitor : IDisposable
{
    private readonly HttpClient _http;

    public WebVisitor(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string pathOrUrl) => _http.GetAsync(new Uri(pathOrUrl, UriKind.RelativeOrAbsolute));

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs <paramref name="pagePath"/>, then POSTs <paramref name="fields"/> with that page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var page = await GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        var match = Attack.AntiforgeryField().Match(html);
        Assert.True(match.Success, $"{pagePath} ({(int)page.StatusCode}) has no anti-forgery token.");
        return await PostRawAsync(action, [.. fields, new("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value))]);
    }

    /// <summary>POSTs exactly <paramref name="fields"/>: no anti-forgery token unless given.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));

    public async Task SignInAsDemoAsync(string who)
    {
        using var response = await PostFormAsync("/signin", "/signin?handler=Demo", [new("who", who)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A host whose per-token rate limit does not get in the way of suites that make hundreds of calls.</summary>
public sealed class ManyCallsHostFixture : IAsyncLifetime
{
    private IcuSyncTestHost? _host;

    public IcuSyncTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["RateLimits:McpPerTokenPerSecond"] = "10000",
        ["RateLimits:McpPerTokenBurst"] = "10000",
        ["RateLimits:McpPerIpPerSecond"] = "10000",
        ["RateLimits:McpPerIpBurst"] = "10000",
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
