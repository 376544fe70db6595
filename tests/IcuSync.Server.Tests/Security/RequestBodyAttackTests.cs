using System.Net;
using System.Text;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Oversized, deeply nested, malformed and non-UTF-8 JSON-RPC bodies on <c>/mcp</c>: each gets a 4xx without
/// reaching a tool, the process keeps serving, and nothing changes.
/// </summary>
public sealed class RequestBodyAttackTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Theory]
    [InlineData(5 * 1024 * 1024, true)]
    [InlineData(5 * 1024 * 1024, false)]
    public async Task An_oversized_body_is_refused_with_413_and_the_server_keeps_serving(int bytes, bool declaredLength)
    {
        var url = Host.DemoUrl("cyclist");
        var before = await DataSnapshot.TakeAsync(Host);
        var padding = new string('a', bytes);
        var body = Attack.ToolCall("push_workout", new { date = "2030-01-01", name = "Big", sport = "Ride", description = "- 10m 50%\n" + padding });
        HttpContent content = declaredLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new ChunkedContent(Encoding.UTF8.GetBytes(body));
        using var response = await SendTolerantAsync(Attack.JsonRpc(url, content));
        if (response is not null)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"Expected 413, got {(int)response.StatusCode}: {Clip(text)}");
            Assert.Contains("bytes", text, StringComparison.Ordinal);
            Attack.AssertNoStackTrace(text);
        }

        Assert.True(await Attack.PingAnsweredAsync(url), "The server stopped answering after an oversized body.");
        await before.AssertUnchangedAsync(Host, "oversized body");
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_refused_with_a_4xx_and_the_server_keeps_serving()
    {
        var url = Host.DemoUrl("cyclist");
        foreach (var (depth, opener) in new[] { (10_000, "["), (10_000, "{\"a\":"), (200, "[") })
        {
            var closer = opener == "[" ? "]" : "}";
            var nested = new StringBuilder().Insert(0, opener, depth).Append('1').Insert(depth * opener.Length + 1, closer, depth).ToString();
            foreach (var body in new[]
            {
                nested,
                $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{{\"name\":\"get_fitness\",\"arguments\":{{\"athlete\":{nested}}}}}}}",
                $"{{\"jsonrpc\":\"2.0\",\"id\":{nested},\"method\":\"ping\"}}",
            })
            {
                using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, body));
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500 || (status == 200 && text.Contains("\"error\"", StringComparison.Ordinal)),
                    $"Nested JSON (depth {depth}) got {status}: {Clip(text)}");
                Assert.DoesNotContain("\"result\"", text, StringComparison.Ordinal);
                Attack.AssertNoStackTrace(text);
            }
        }

        Assert.True(await Attack.PingAnsweredAsync(url), "The server stopped answering after deeply nested JSON.");
    }

    private static readonly (string Attack, byte[] Body)[] MalformedBodies =
    [
        ("invalid UTF-8 in a string", Concat("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"push_workout\",\"arguments\":{\"name\":\"", [0xC3, 0x28, 0xFF, 0xFE], "\",\"date\":\"2030-01-01\",\"sport\":\"Ride\",\"description\":\"- 10m 50%\"}}}")),
        ("overlong UTF-8 encoding of '/'", Concat("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"", [0xC0, 0xAF], "\"}")),
        ("lone surrogate bytes", Concat("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"", [0xED, 0xA0, 0x80], "\"}")),
        ("UTF-16 body", Encoding.Unicode.GetBytes(Attack.Ping)),
        ("truncated JSON", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":")),
        ("empty body", []),
        ("NUL bytes", [0, 0, 0, 0]),
        ("JSON null", Encoding.UTF8.GetBytes("null")),
        ("a bare string", Encoding.UTF8.GetBytes("\"ping\"")),
        ("an empty batch", Encoding.UTF8.GetBytes("[]")),
        ("a huge number id", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}")),
        ("duplicate keys", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/call\"}")),
        ("wrong JSON-RPC version", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}")),
        ("params of the wrong type", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[1,2,3]}")),
        ("arguments of the wrong type", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_fitness\",\"arguments\":\"x\"}}")),
    ];

    [Fact]
    public async Task Malformed_bodies_get_a_clean_error_and_the_server_keeps_serving()
    {
        var url = Host.DemoUrl("cyclist");
        var before = await DataSnapshot.TakeAsync(Host);
        foreach (var (attack, body) in MalformedBodies)
        {
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, Attack.JsonBytes(body)));
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500 || status is 200 or 202, $"{attack}: got {status}: {Clip(text)}");
            Assert.DoesNotContain("\"structuredContent\"", text, StringComparison.Ordinal);
            Attack.AssertNoStackTrace(text);
            Assert.True(await Attack.PingAnsweredAsync(url), $"The server stopped answering after: {attack}.");
        }

        await before.AssertUnchangedAsync(Host, "malformed bodies");
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_still_served()
    {
        var url = Host.DemoUrl("cyclist");
        var body = Attack.ToolCall("get_fitness", new { athlete = "Ada Cyclist", pad = new string(' ', 200_000) });
        using var response = await Attack.Http.SendAsync(Attack.JsonRpc(url, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"result\"", text, StringComparison.Ordinal);
    }

    private static byte[] Concat(string head, byte[] middle, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];

    private static string Clip(string text) => text.Length <= 400 ? text : text[..400] + "…";

    /// <summary>Sends, tolerating the server closing the connection while a large body is still being uploaded.</summary>
    private static async Task<HttpResponseMessage?> SendTolerantAsync(HttpRequestMessage request)
    {
        try
        {
            return await Attack.Http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // Kestrel may reset the connection once it has answered 413 to a body it will not read.
            return null;
        }
    }

    /// <summary>A body sent with chunked transfer encoding (no Content-Length), so only a limit enforced while reading can stop it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] bytes;

        public ChunkedContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(64 * 1024, bytes.Length - at)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
