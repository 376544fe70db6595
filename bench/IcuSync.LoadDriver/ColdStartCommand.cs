using System.Diagnostics;
using System.Globalization;

namespace IcuSync.LoadDriver;

/// <summary>
/// <c>coldstart</c>: starts <c>dotnet icusync.dll serve</c> (sandbox, temporary SQLite) several times and measures the
/// time from process start to the first answered <c>tools/list</c>. A first start creates the database and the demo
/// accounts and reports the demo cyclist's URL; the timed starts then reuse that database, as a restart does.
/// With <c>--intervals URL</c> the server talks to a sandbox that is already running (as in production, where there
/// is no built-in sandbox to start) instead of starting its own, and the timed restarts seed no demo accounts.
/// </summary>
internal static class ColdStartCommand
{
    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var dll = Path.GetFullPath(options.Required("server-dll", "src/IcuSync.Server/bin/Release/net10.0/icusync.dll"));
        if (!File.Exists(dll))
        {
            throw new DriverUsageException($"--server-dll '{dll}' does not exist. Build first: dotnet build src/IcuSync.Server -c Release.");
        }

        var runs = options.Int("runs", 5, 1, 50);
        var port = options.Int("port", 5096, 1, 65535);
        var cpu = options.Text("cpu");
        var intervals = options.Text("intervals");
        var folder = Directory.CreateTempSubdirectory("icusync-coldstart-");
        try
        {
            var baseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            string[] serverArgs =
            [
                dll, "serve", "--urls", baseUrl,
                "--Database:ConnectionString", $"Data Source={Path.Combine(folder.FullName, "icusync.db")}",
                "--Smtp:PickupDirectory", Path.Combine(folder.FullName, "mail"),
                "--Logging:Format", "text", "--Logging:LogLevel:Default", "Warning",
                // With --intervals the server uses an already running sandbox instead of starting its own.
                .. (intervals is null ? Array.Empty<string>() : ["--Intervals:BaseAddress", intervals]),
            ];

            // First start: empty database (migrations, Data Protection key, demo accounts). Its URL line gives the token.
            // With --intervals only the first start flags the upstream as a sandbox, which seeds the demo accounts; the
            // timed restarts then start as a production server does, with no demo seeding.
            var (first, url) = await FirstStartAsync(
                intervals is null ? serverArgs : [.. serverArgs, "--Intervals:Sandbox", "true"], cpu, baseUrl, cancellationToken);
            var seconds = new List<double>();
            var cpuSeconds = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (wall, used) = await TimedStartAsync(serverArgs, cpu, url, cancellationToken);
                seconds.Add(wall);
                cpuSeconds.Add(used);
            }

            var cpuMedian = Median(cpuSeconds);
            var result = new ColdStartResult(seconds, Median(seconds), seconds.Max(), first, MachineInfo.Now(), cpuSeconds, cpuMedian);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cold start to first tools/list over {runs} starts: median {result.Median:0.000} s, max {result.Max:0.000} s " +
                $"(each: {string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}); " +
                $"server CPU by then: median {cpuMedian:0.00} s (each: {string.Join(", ", cpuSeconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}); " +
                $"first start on an empty database {first:0.000} s"));
            await ResultFiles.WriteAsync(options.Text("json"), result, cancellationToken);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(double Seconds, Uri Url)> FirstStartAsync(string[] serverArgs, string? cpu, string baseUrl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Start(serverArgs, cpu);
        var urlFound = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            // "MCP URL (Ada Cyclist, athlete): http://…/mcp/<token>" — read, never printed.
            const string marker = "MCP URL (Ada Cyclist, athlete): ";
            if (e.Data is { } line && line.StartsWith(marker, StringComparison.Ordinal))
            {
                urlFound.TrySetResult(new Uri(line[marker.Length..].Trim()));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await urlFound.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
            if (!url.ToString().StartsWith(baseUrl, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The server printed an MCP URL for another address; is PublicBaseUrl set in the environment?");
            }

            await WaitForToolsListAsync(url, process, cancellationToken);
            return (Stopwatch.GetElapsedTime(started).TotalSeconds, url);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    /// <summary>The middle value (the upper one of the two middle values for an even count).</summary>
    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<(double Seconds, double CpuSeconds)> TimedStartAsync(string[] serverArgs, string? cpu, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Start(serverArgs, cpu);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForToolsListAsync(url, process, cancellationToken);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            // taskset execs dotnet, so the pid is the server's either way.
            return (wall, ProcessCpu.Seconds(process.Id));
        }
        finally
        {
            await StopAsync(process);
        }
    }

    /// <summary>Polls every 5 ms until <c>tools/list</c> answers with a result.</summary>
    private static async Task WaitForToolsListAsync(Uri url, Process process, CancellationToken cancellationToken)
    {
        using var http = ClosedLoopDriver.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        var body = McpWire.ListToolsBody();
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"icusync serve exited with code {process.ExitCode} before answering tools/list.");
            }

            try
            {
                using var request = McpWire.Post(url, body);
                using var response = await http.SendAsync(request, cancellationToken);
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode && McpWire.Classify(McpWire.Payload(answer).Span) == CallOutcome.Ok)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5, cancellationToken);
        }

        throw new TimeoutException("icusync serve did not answer tools/list within 60 s.");
    }

    private static Process Start(string[] serverArgs, string? cpu)
    {
        var info = new ProcessStartInfo(cpu is null ? "dotnet" : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (cpu is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpu);
            info.ArgumentList.Add("dotnet");
        }

        foreach (var arg in serverArgs)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }
}
