using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Hosting;

/// <summary><c>icusync serve</c>: the web and MCP server; with no Intervals.icu configured, on the built-in sandbox.</summary>
public static class ServeCommand
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunAsync(args, Console.Error, cancellationToken);

    /// <summary>
    /// Runs the server; a start-up it cannot make (address taken, invalid settings) is one line on <paramref name="error"/> and
    /// exit code 2. A stop signal, even one that comes while the server is still starting, exits with 0.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        RunningServer started;
        try
        {
            started = await ServerApp.StartAsync(args, cancellationToken: cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync(
                $"icusync serve: cannot listen: {ex.Message} Stop the process that uses it, or choose another address with --urls (for example --urls http://127.0.0.1:5081).");
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("icusync serve: invalid settings: " + string.Join(" ", ex.Failures));
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM before the start finished: the server has stopped what it had started; a clean exit.
            return 0;
        }

        await using var server = started;
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
