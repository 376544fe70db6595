using System.ComponentModel;
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
    /// <c>echo-server</c>: ModelContextProtocol.AspNetCore, stateless HTTP (like IcuSync), one <c>echo</c> tool, at <c>/mcp</c>.
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

/// <summary>The echo ceiling's one tool.</summary>
[McpServerToolType]
internal sealed class EchoTool
{
    [McpServerTool(Name = "echo", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Returns the message unchanged.")]
    public static string Echo([Description("Any text.")] string message) => message;
}
