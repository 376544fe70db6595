using System.Net;
using IcuSync.Server.Hosting;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// DNS rebinding on <c>/mcp</c> with the default settings (loopback bind, no AllowedHosts): a browser page of another
/// origin, or a request naming a foreign Host, is refused with 403; clients without an Origin, the server's own
/// origin and loopback origins are served; web pages are not affected.
/// </summary>
public sealed class DnsRebindingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_and_a_json_rpc_error_naming_the_setting()
    {
        var url = Host.DemoUrl("cyclist");
        using var request = Attack.JsonRpc(url, Attack.ToolCall("get_fitness", new { }));
        request.Headers.Add("Origin", "http://evil.example.com");

        using var response = await Attack.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"code\":-32000", body, StringComparison.Ordinal);
        Assert.Contains("http://evil.example.com", body, StringComparison.Ordinal);
        Assert.Contains("Mcp:AllowedOrigins", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"result\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conformance_rebinding_request_with_a_foreign_host_and_origin_is_refused()
    {
        using var request = Attack.JsonRpc(Host.DemoUrl("cyclist"), Initialize);
        request.Headers.Host = "evil.example.com";
        request.Headers.Add("Origin", "http://evil.example.com");

        using var response = await Attack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_foreign_host_without_an_origin_is_refused_on_a_loopback_server()
    {
        using var request = Attack.JsonRpc(Host.DemoUrl("cyclist"), Attack.Ping);
        request.Headers.Host = "evil.example.com:" + Host.BaseAddress.Port;

        using var response = await Attack.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host 'evil.example.com'", body, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("own", null)]
    [InlineData("http://localhost:6274", null)]
    [InlineData("http://127.0.0.1:6274", "localhost")]
    [InlineData("http://[::1]:8080", "[::1]")]
    public async Task Requests_without_origin_from_the_own_origin_or_from_loopback_are_served(string? origin, string? hostName)
    {
        using var request = Attack.JsonRpc(Host.DemoUrl("cyclist"), Attack.Ping);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin == "own" ? Host.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);
        }

        if (hostName is not null)
        {
            request.Headers.Host = $"{hostName}:{Host.BaseAddress.Port}";
        }

        using var response = await Attack.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Got {(int)response.StatusCode}: {body}");
        Assert.Contains("\"result\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_pages_are_not_subject_to_the_mcp_origin_check()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseAddress, "/coach/token"));
        request.Headers.Add("Origin", "http://evil.example.com");

        using var response = await Attack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://app.example.com", "https://app.example.com", true)]
    [InlineData("https://app.example.com", "https://APP.example.com:443", true)]
    [InlineData("https://app.example.com", "http://app.example.com", false)]
    [InlineData("https://app.example.com;http://tools.example.org:8080", "http://tools.example.org:8080", true)]
    [InlineData("https://app.example.com", "https://app.example.com.evil.example", false)]
    [InlineData("", "null", false)]
    [InlineData("", "https://icusync.example.com", true)]
    [InlineData("", "http://icusync.example.com", false)]
    [InlineData("", "http://dev.localhost:3000", true)]
    [InlineData("*", "https://anything.example", true)]
    public void Allowed_origins_are_the_public_url_loopback_and_the_configured_list(string configured, string origin, bool allowed)
    {
        var policy = McpOriginPolicy.From(Configuration(("PublicBaseUrl", "https://icusync.example.com"), ("Mcp:AllowedOrigins", configured)));

        Assert.Equal(allowed, policy.AllowsOrigin(origin));
    }

    [Fact]
    public void Allowed_origins_may_be_given_as_a_list()
    {
        var policy = McpOriginPolicy.From(Configuration(("Mcp:AllowedOrigins:0", "https://a.example.com"), ("Mcp:AllowedOrigins:1", "https://b.example.com")));

        Assert.True(policy.AllowsOrigin("https://b.example.com"));
        Assert.False(policy.AllowsOrigin("https://c.example.com"));
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com/path")]
    [InlineData("ftp://app.example.com")]
    public void An_allowed_origin_that_is_not_an_origin_stops_start_up_with_the_setting_named(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => McpOriginPolicy.From(Configuration(("Mcp:AllowedOrigins", entry))));

        Assert.Contains("Mcp:AllowedOrigins", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://app.example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_allowed_hosts_take_over_the_host_check()
    {
        Assert.True(McpOriginPolicy.From(Configuration()).CheckHost);
        Assert.False(McpOriginPolicy.From(Configuration(("AllowedHosts", "icusync.example.com"))).CheckHost);
        var policy = McpOriginPolicy.From(Configuration(("PublicBaseUrl", "https://icusync.example.com")));
        Assert.True(policy.AllowsHost("icusync.example.com"));
        Assert.True(policy.AllowsHost("127.0.0.1"));
        Assert.False(policy.AllowsHost("evil.example.com"));
    }

    private const string Initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"rebinding\",\"version\":\"1.0.0\"}}}";

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
