using System.Diagnostics;
using System.Net;

namespace IcuSync.LoadDriver;

/// <summary>
/// N clients, each with its own HttpClient holding one keep-alive connection, each sending the next call as soon as the
/// previous answer is read (closed loop). Successive calls walk the URL list, so many tokens share the load.
/// </summary>
internal sealed class ClosedLoopDriver(IReadOnlyList<Uri> urls, byte[] body)
{
    public static HttpClient CreateClient(int connections = 1) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Calls every URL once (16 at a time): JIT, token caches and last-used stamps warm before measuring.</summary>
    public async Task PrimeAsync(CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(16, urls.Count)).Select(_ => Task.Run(async () =>
        {
            using var http = CreateClient();
            var worker = new Worker(http, urls, body);
            int index;
            while ((index = Interlocked.Increment(ref next)) < urls.Count)
            {
                await worker.CallAsync(urls[index], cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
    }

    /// <summary>Runs <paramref name="concurrency"/> clients for warm-up plus duration; only calls started and finished inside the measured window count.</summary>
    public async Task<LevelResult> RunLevelAsync(
        string label,
        string tool,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        UpstreamCounter? upstream,
        int? serverPid,
        CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, concurrency).Select(_ => CreateClient()).ToArray();
        try
        {
            var workers = clients.Select(c => new Worker(c, urls, body)).ToArray();
            var begin = Stopwatch.GetTimestamp();
            var measureFrom = begin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var tasks = workers.Select((w, i) => Task.Run(() => w.LoopAsync(i, concurrency, measureFrom, measureTo, cancellationToken), cancellationToken)).ToArray();

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
            var cpuBefore = serverPid is { } pid ? ProcessCpu.Seconds(pid) : (double?)null;
            var upstreamBefore = upstream is null ? (double?)null : await upstream.ReadAsync(cancellationToken);
            wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureTo);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
            var cpuAfter = serverPid is { } pid2 ? ProcessCpu.Seconds(pid2) : (double?)null;
            await Task.WhenAll(tasks);
            var upstreamAfter = upstream is null ? (double?)null : await upstream.ReadAsync(cancellationToken);
            return Summarise(label, tool, concurrency, duration, workers, upstreamAfter - upstreamBefore, cpuAfter - cpuBefore);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Spreads <paramref name="calls"/> calls over <paramref name="concurrency"/> clients; returns (ok, errors).</summary>
    public async Task<(long Ok, long Errors)> RunCallsAsync(int concurrency, long calls, CancellationToken cancellationToken)
    {
        var next = -1L;
        var ok = 0L;
        var errors = 0L;
        var tasks = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            using var http = CreateClient();
            var worker = new Worker(http, urls, body);
            long index;
            while ((index = Interlocked.Increment(ref next)) < calls)
            {
                var outcome = await worker.CallAsync(urls[(int)(index % urls.Count)], cancellationToken);
                Interlocked.Increment(ref outcome == CallOutcome.Ok ? ref ok : ref errors);
            }
        }, cancellationToken));
        await Task.WhenAll(tasks);
        return (ok, errors);
    }

    private static LevelResult Summarise(string label, string tool, int concurrency, TimeSpan duration, Worker[] workers, double? upstreamDelta, double? serverCpuSeconds)
    {
        var all = new long[workers.Sum(w => w.Latencies.Count)];
        var at = 0;
        foreach (var worker in workers)
        {
            worker.Latencies.CopyTo(all, at);
            at += worker.Latencies.Count;
        }

        Array.Sort(all);
        var errorsByKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            foreach (var (kind, count) in worker.Errors)
            {
                errorsByKind[kind.ToString()] = errorsByKind.GetValueOrDefault(kind.ToString()) + count;
            }
        }

        var seconds = duration.TotalSeconds;
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double q) => all.Length == 0 ? double.NaN : Ms(all[Math.Clamp((int)Math.Ceiling(q * all.Length) - 1, 0, all.Length - 1)]);
        return new LevelResult(
            label,
            tool,
            concurrency,
            seconds,
            all.Length,
            all.Length / seconds,
            Percentile(0.50),
            Percentile(0.90),
            Percentile(0.99),
            all.Length == 0 ? double.NaN : Ms(all[^1]),
            all.Length == 0 ? double.NaN : Ms((long)all.Average()),
            errorsByKind.Values.Sum(),
            errorsByKind,
            workers.Select(w => w.ErrorSample).FirstOrDefault(s => s is not null),
            upstreamDelta,
            serverCpuSeconds is { } cpu && all.Length + errorsByKind.Values.Sum() > 0 ? cpu * 1000 / (all.Length + errorsByKind.Values.Sum()) : null,
            MachineInfo.LoadAverageNow(),
            workers.Select(w => w.AnswerBytes).FirstOrDefault(b => b is not null));
    }

    /// <summary>One client: its connection, a reusable read buffer, and what it measured.</summary>
    private sealed class Worker(HttpClient http, IReadOnlyList<Uri> urls, byte[] body)
    {
        private byte[] _buffer = new byte[16 * 1024];

        public List<long> Latencies { get; } = new(4096);

        public Dictionary<CallOutcome, long> Errors { get; } = [];

        public string? ErrorSample { get; private set; }

        /// <summary>The size of the last successful answer's HTTP body (the SSE frame with its JSON-RPC message).</summary>
        public int? AnswerBytes { get; private set; }

        public async Task LoopAsync(int offset, int stride, long measureFrom, long measureTo, CancellationToken cancellationToken)
        {
            var index = offset;
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureTo)
                {
                    return;
                }

                var outcome = await CallAsync(urls[index % urls.Count], cancellationToken);
                index = (index + stride) % urls.Count;
                var finished = Stopwatch.GetTimestamp();
                if (started < measureFrom || finished > measureTo)
                {
                    continue;
                }

                if (outcome == CallOutcome.Ok)
                {
                    Latencies.Add(finished - started);
                }
                else
                {
                    Errors[outcome] = Errors.GetValueOrDefault(outcome) + 1;
                }
            }
        }

        public async Task<CallOutcome> CallAsync(Uri url, CancellationToken cancellationToken)
        {
            try
            {
                using var request = McpWire.Post(url, body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var length = await ReadAllAsync(response, cancellationToken);
                var answer = new ReadOnlyMemory<byte>(_buffer, 0, length);
                var outcome = response.IsSuccessStatusCode ? McpWire.Classify(McpWire.Payload(answer).Span) : CallOutcome.HttpError;
                if (outcome != CallOutcome.Ok)
                {
                    ErrorSample ??= McpWire.Describe((int)response.StatusCode, answer.Span);
                }
                else
                {
                    AnswerBytes = length;
                }

                return outcome;
            }
            catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ErrorSample ??= $"{error.GetType().Name}: {error.Message}";
                await Task.Delay(10, cancellationToken);
                return CallOutcome.Exception;
            }
        }

        private async Task<int> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    var bigger = new byte[_buffer.Length * 2];
                    _buffer.AsSpan().CopyTo(bigger);
                    _buffer = bigger;
                }

                var read = await stream.ReadAsync(_buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return length;
                }

                length += read;
            }
        }
    }
}

/// <summary>CPU time a process has used so far, from <c>/proc/&lt;pid&gt;/stat</c> (user + system, 10 ms clock ticks).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }
}

/// <summary>Reads the server's <c>icusync_upstream_requests_total</c> (all series summed) from its Prometheus endpoint.</summary>
internal sealed class UpstreamCounter(Uri metricsUrl) : IDisposable
{
    public const string MetricName = "icusync_upstream_requests_total";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<double> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(metricsUrl, cancellationToken);
        return Sum(text, MetricName);
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> in Prometheus text format (0 when it has none yet).</summary>
    public static double Sum(string exposition, string metric)
    {
        var total = 0.0;
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(metric) || line.Length <= metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var rest = (close >= 0 ? line[(close + 1)..] : line[metric.Length..]).Trim();
            var space = rest.IndexOf(' ');
            var value = space < 0 ? rest : rest[..space];
            if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var sample))
            {
                total += sample;
            }
        }

        return total;
    }

    public void Dispose() => _http.Dispose();
}
