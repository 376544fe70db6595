namespace IcuSync.Server.Hosting;

/// <summary><c>icusync serve</c>: the web and MCP server; with no Intervals.icu configured, on the built-in sandbox.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var server = await ServerApp.StartAsync(args, cancellationToken: cancellationToken);
        var baseUrl = server.BaseAddress.ToString().TrimEnd('/');
        await Console.Out.WriteLineAsync($"IcuSync is listening on {baseUrl}");
        if (server.Sandbox is not null)
        {
            await Console.Out.WriteLineAsync($"Demo mode: Intervals.icu sandbox at {server.Sandbox.BaseAddress}");
        }

        if (server.DemoUrls.Count > 0)
        {
            foreach (var demo in server.DemoUrls)
            {
                await Console.Out.WriteLineAsync($"MCP URL ({demo.Who}): {demo.McpUrl}");
            }
        }

        await Console.Out.WriteLineAsync("Press Ctrl+C to stop.");
        // Ctrl+C or SIGTERM: the host stops gracefully, draining in-flight calls.
        await server.App.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
