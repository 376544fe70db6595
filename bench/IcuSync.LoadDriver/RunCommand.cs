using System.Text;

namespace IcuSync.LoadDriver;

/// <summary><c>run</c>: closed-loop tools/call load at one or more concurrency levels against one target.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var urls = ReadUrls(options);
        var tool = options.Text("tool") ?? "get_fitness";
        var body = McpWire.ToolCallBody(tool, options.Text("args") ?? "{}");
        var levels = options.IntList("concurrency", [1, 16, 128]);
        var duration = options.Duration("duration", TimeSpan.FromSeconds(10));
        var warmup = options.Duration("warmup", TimeSpan.FromSeconds(2));
        var label = options.Text("label") ?? tool;
        var serverPid = options.Has("server-pid") ? options.Int("server-pid", 0, 1) : (int?)null;
        using var upstream = options.Text("metrics-url") is { } metrics ? new UpstreamCounter(new Uri(metrics)) : null;

        var driver = new ClosedLoopDriver(urls, body);
        await driver.PrimeAsync(cancellationToken);
        var results = new List<LevelResult>();
        foreach (var concurrency in levels)
        {
            results.Add(await driver.RunLevelAsync(label, tool, concurrency, warmup, duration, upstream, serverPid, cancellationToken));
        }

        var run = new RunResult(label, tool, Redact(urls[0]), urls.Count, results, MachineInfo.Now());
        await Console.Out.WriteLineAsync(Table(results));
        await ResultFiles.WriteAsync(options.Text("json"), run, cancellationToken);
        return results.Any(r => r.Calls == 0) ? 1 : 0;
    }

    /// <summary><c>--url U</c>, or <c>--urls-file F</c> with one MCP URL per line.</summary>
    public static IReadOnlyList<Uri> ReadUrls(DriverOptions options)
    {
        IEnumerable<string> lines;
        if (options.Text("urls-file") is { } file)
        {
            if (!File.Exists(file))
            {
                throw new DriverUsageException($"--urls-file '{file}' does not exist. Create it with 'icusync-load seed --out {file} …'.");
            }

            lines = File.ReadLines(file);
        }
        else
        {
            lines = [options.Required("url", "http://127.0.0.1:5080/mcp/icu_…")];
        }

        var urls = new List<Uri>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            urls.Add(Uri.TryCreate(line, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new DriverUsageException($"'{Redact(line)}' is not an absolute http(s) URL; give MCP URLs such as http://127.0.0.1:5080/mcp/icu_…"));
        }

        return urls.Count > 0 ? urls : throw new DriverUsageException("No URLs: --urls-file is empty.");
    }

    /// <summary>An MCP URL without its secret token.</summary>
    public static string Redact(Uri url) => Redact(url.ToString());

    private static string Redact(string url)
    {
        var at = url.IndexOf("/mcp/", StringComparison.Ordinal);
        return at < 0 ? url : url[..(at + 5)] + "…";
    }

    public static string Table(IEnumerable<LevelResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | tool | clients | calls/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU ms/call | upstream requests | load avg |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.Append("| ").Append(r.Label).Append(" | ").Append(r.Tool).Append(" | ").Append(r.Concurrency)
                .Append(" | ").Append(ResultFiles.Number(r.CallsPerSecond))
                .Append(" | ").Append(ResultFiles.Ms(r.P50Ms)).Append(" | ").Append(ResultFiles.Ms(r.P90Ms))
                .Append(" | ").Append(ResultFiles.Ms(r.P99Ms)).Append(" | ").Append(ResultFiles.Ms(r.MaxMs))
                .Append(" | ").Append(r.Errors)
                .Append(" | ").Append(r.ServerCpuMsPerCall is { } cpu ? ResultFiles.Number(cpu, "0.000") : "–")
                .Append(" | ").Append(r.UpstreamRequestsDuringRun is { } u ? ResultFiles.Number(u) : "–")
                .Append(" | ").Append(r.LoadAverage).AppendLine(" |");
        }

        foreach (var r in results.Where(r => r.ErrorSample is not null))
        {
            text.Append("errors at ").Append(r.Concurrency).Append(" clients (").Append(string.Join(", ", r.ErrorsByKind.Select(e => $"{e.Key} {e.Value}")))
                .Append("), e.g. ").AppendLine(r.ErrorSample);
        }

        return text.ToString();
    }
}
