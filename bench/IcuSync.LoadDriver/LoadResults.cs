using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcuSync.LoadDriver;

/// <summary>
/// One concurrency level against one target. Latencies in milliseconds, throughput in successful calls per second;
/// <see cref="ServerCpuMsPerCall"/> is the server process's CPU time (user + system, from /proc) in the measured window
/// divided by the calls answered in it, a figure that other load on the machine barely moves.
/// </summary>
internal sealed record LevelResult(
    string Label,
    string Tool,
    int Concurrency,
    double Seconds,
    long Calls,
    double CallsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    string? ErrorSample,
    double? UpstreamRequestsDuringRun,
    double? ServerCpuMsPerCall,
    string LoadAverage,
    int? AnswerBytes = null);

/// <summary>The output of one <c>run</c>: the target (token redacted) and its levels.</summary>
internal sealed record RunResult(string Label, string Tool, string Target, int Urls, IReadOnlyList<LevelResult> Levels, MachineInfo Machine);

/// <summary>Cold start: process start to the first answered <c>tools/list</c>, in seconds.</summary>
/// <remarks>
/// <c>CpuSeconds</c>: the server process's CPU time (user + system, all threads) when tools/list answered; on a shared
/// machine it moves far less than the wall-clock figures.
/// </remarks>
internal sealed record ColdStartResult(
    IReadOnlyList<double> Seconds, double Median, double Max, double? FirstStartOnEmptyDatabase, MachineInfo Machine,
    IReadOnlyList<double>? CpuSeconds = null, double? CpuMedian = null);

/// <summary>Memory after many calls across many tokens. Sizes in MB (VmRSS and VmHWM from /proc).</summary>
internal sealed record RssResult(long Calls, long Errors, int Tokens, double Seconds, double RssBeforeMb, double RssAfterMb, double PeakRssMb, MachineInfo Machine);

/// <summary>Where a figure was taken: the load average (1/5/15 min) and the CPUs the process may use.</summary>
internal sealed record MachineInfo(string LoadAverage, int ProcessorCount, int LogicalCpus, string Runtime)
{
    public static MachineInfo Now() => new(LoadAverageNow(), Environment.ProcessorCount, LogicalCpuCount(), System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    public static string LoadAverageNow()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static int LogicalCpuCount()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
    }
}

/// <summary>JSON files of a load run.</summary>
internal static class ResultFiles
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task WriteAsync<T>(string? path, T value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken);
    }

    public static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken);
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
