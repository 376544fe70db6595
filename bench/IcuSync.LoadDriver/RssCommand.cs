using System.Diagnostics;
using System.Globalization;

namespace IcuSync.LoadDriver;

/// <summary><c>rss</c>: many calls spread over all seeded tokens, then the server's resident memory from /proc.</summary>
internal static class RssCommand
{
    public static async Task<int> RunAsync(DriverOptions options, CancellationToken cancellationToken)
    {
        var urls = RunCommand.ReadUrls(options);
        var pid = options.Int("pid", 0, 1);
        if (pid == 0)
        {
            throw new DriverUsageException("Missing --pid: the process id of 'icusync serve' (its VmRSS is read from /proc/<pid>/status).");
        }

        var calls = options.Int("calls", 100_000, 1);
        var concurrency = options.Int("concurrency", 16, 1, 4096);
        var tool = options.Text("tool") ?? "get_fitness";
        var driver = new ClosedLoopDriver(urls, McpWire.ToolCallBody(tool, options.Text("args") ?? "{}"));

        var before = ReadStatusMb(pid, "VmRSS");
        var started = Stopwatch.GetTimestamp();
        var (ok, errors) = await driver.RunCallsAsync(concurrency, calls, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new RssResult(ok + errors, errors, urls.Count, seconds, before, ReadStatusMb(pid, "VmRSS"), ReadStatusMb(pid, "VmHWM"), MachineInfo.Now());
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{result.Calls} {tool} calls across {urls.Count} tokens in {seconds:0.0} s ({errors} errors): " +
            $"VmRSS {result.RssBeforeMb:0} MB before, {result.RssAfterMb:0} MB after, peak (VmHWM) {result.PeakRssMb:0} MB"));
        await ResultFiles.WriteAsync(options.Text("json"), result, cancellationToken);
        return errors == 0 ? 0 : 1;
    }

    /// <summary>A <c>kB</c> line of <c>/proc/&lt;pid&gt;/status</c>, in MB.</summary>
    public static double ReadStatusMb(int pid, string field)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            throw new DriverUsageException($"No process {pid}: {path} does not exist. Pass the pid of the running 'icusync serve'.");
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var number = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return double.Parse(number, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"{path} has no {field} line.");
    }
}
