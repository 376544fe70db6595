using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.LoadDriver;

/// <summary>
/// The two ceilings a load run compares IcuSync with: the MCP SDK on the same host with a trivial tool, and bare
/// Kestrel answering with a fixed JSON-RPC result (what HTTP alone costs).
/// </summary>
internal static class CeilingServers
{
    /// <summary>What the fixed server answers: one SSE event, as the MCP SDK frames a tools/call result.</summary>
    public static readonly byte[] FixedAnswer =
        "event: message\ndata: {\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},\"id\":1,\"jsonrpc\":\"2.0\"}\n\n"u8.ToArray();

    /// <summary>
    /// <c>echo-server</c>: ModelContextProtocol.AspNetCore, stateless HTTP (like IcuSync), at <c>/mcp</c>, with two tools:
    /// <c>echo</c> (the message back as text) and <c>echo_payload</c> (a prepared answer of a given size, see
    /// <see cref="EchoTool.EchoPayload"/>).
    /// The host is built like IcuSync's (default builder, request logs at Warning) but without IcuSync's middleware.
    /// </summary>
    public static async Task<int> RunEchoAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var port = options.Int("port", 5091, 1, 65535);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddMcpServer(o => o.ServerInfo = new Implementation { Name = "echo-ceiling", Version = "1.0.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<EchoTool>();
        await using var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync($"echo ceiling (MCP SDK, stateless) listening on http://127.0.0.1:{port}/mcp");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary><c>fixed-server</c>: Kestrel with no routing and no MCP SDK; every POST gets <see cref="FixedAnswer"/>.</summary>
    public static async Task<int> RunFixedAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var port = options.Int("port", 5092, 1, 65535);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.Run(async context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache,no-store";
            context.Response.ContentLength = FixedAnswer.Length;
            await context.Response.Body.WriteAsync(FixedAnswer, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync($"fixed ceiling (bare Kestrel) listening on http://127.0.0.1:{port}/");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}

/// <summary>The echo ceiling's tools.</summary>
[McpServerToolType]
internal sealed class EchoTool
{
    private static readonly ConcurrentDictionary<int, JsonElement> Payloads = new();

    [McpServerTool(Name = "echo", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Returns the message unchanged.")]
    public static string Echo([Description("Any text.")] string message) => message;

    /// <summary>
    /// The SDK's ceiling for an answer the size of a real one: the message as text plus structured content of about
    /// <paramref name="bytes"/> bytes, built once per size and handed out as a finished <see cref="CallToolResult"/>
    /// (as IcuSync's answer memo does), so the tool does no work and what is measured is the SDK writing the answer.
    /// </summary>
    [McpServerTool(Name = "echo_payload", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Returns the message as text and a prepared structured answer of about the given size.")]
    public static CallToolResult EchoPayload([Description("Any text.")] string message, [Description("Structured content size in bytes (1–1,000,000).")] int bytes = 6700) =>
        new()
        {
            Content = [new TextContentBlock { Text = message }],
            StructuredContent = Payloads.GetOrAdd(Math.Clamp(bytes, 1, 1_000_000), Payload),
        };

    /// <summary>Daily rows shaped like get_fitness's (a date, five numbers, a zone) until the JSON reaches the size.</summary>
    private static JsonElement Payload(int bytes)
    {
        var rows = new JsonArray();
        var day = new DateOnly(2026, 1, 1);
        var size = 12;
        for (var i = 0; size < bytes; i++)
        {
            var row = new JsonObject
            {
                ["date"] = day.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ctl"] = Math.Round(50 + (i % 17) * 0.7, 1),
                ["atl"] = Math.Round(55 + (i % 11) * 1.3, 1),
                ["tsb"] = Math.Round(-5 + (i % 13) * 0.9, 1),
                ["form_pct"] = Math.Round(-10 + (i % 7) * 2.1, 1),
                ["ramp_per_week"] = Math.Round((i % 5) * 0.6, 1),
                ["form_zone"] = (i % 3) switch { 0 => "optimal", 1 => "grey_zone", _ => "fresh" },
            };
            size += row.ToJsonString().Length + 1;
            rows.Add(row);
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["rows"] = rows });
    }
}
