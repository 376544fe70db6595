using System.Net;
using System.Text.RegularExpressions;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>A cookie-keeping HttpClient that fills in the anti-forgery token of the page it posted from, like a browser would.</summary>
public sealed partial class FormClient : IDisposable
{
    private readonly HttpClient _http;

    public FormClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>GET a path of the site, or an absolute URL (another origin, such as the sandbox's consent page).</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs <paramref name="pagePath"/>, then POSTs <paramref name="fields"/> with that page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        // The page may itself answer with an error status (a form re-shown with its error); it still carries a token.
        using var response = await GetAsync(pagePath);
        var page = await response.Content.ReadAsStringAsync();
        var token = AntiforgeryPattern().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{pagePath} ({(int)response.StatusCode}) has no anti-forgery token.");
        return await PostRawAsync(action, [.. fields, new("__RequestVerificationToken", token)]);
    }

    /// <summary>POSTs exactly <paramref name="fields"/>: no anti-forgery token unless given.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));

    /// <summary>Signs in as a sandbox principal through the demo sign-in form.</summary>
    public async Task SignInAsDemoAsync(string who)
    {
        using var response = await PostFormAsync("/signin", "/signin?handler=Demo", [new("who", who)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
