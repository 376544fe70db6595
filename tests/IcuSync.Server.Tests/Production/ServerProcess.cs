using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IcuSync.Server.Tests.Production;

/// <summary>A real <c>icusync serve</c> process on a loopback port (the build next to the tests), with its printed MCP URLs.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _workDirectory;

    private ServerProcess(Process process, Uri baseAddress, string workDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _workDirectory = workDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>MCP URLs printed at start-up, by label ("Ada Cyclist, athlete", "invited coach of Ada Cyclist", …).</summary>
    public Dictionary<string, string> McpUrls { get; } = new(StringComparer.Ordinal);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "icusync.dll");
        var work = Directory.CreateTempSubdirectory("icusync-proc-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["Logging__Format"] = "text";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), work);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException("icusync serve exited early:\n" + server.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(server._ready.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != server._ready.Task)
        {
            await server.DisposeAsync();
            throw new TimeoutException("icusync serve did not start in 90 s:\n" + server.Output);
        }

        await server._ready.Task;
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (McpUrlLine().Match(line) is { Success: true } match)
        {
            McpUrls[match.Groups[1].Value] = match.Groups[2].Value;
        }

        if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    [GeneratedRegex(@"^MCP URL \((.+)\): (\S+)$")]
    private static partial Regex McpUrlLine();
}
