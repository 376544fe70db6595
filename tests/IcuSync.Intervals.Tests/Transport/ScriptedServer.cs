using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IcuSync.Intervals.Tests.Transport;

/// <summary>One request as the scripted server saw it.</summary>
public sealed record SeenRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body)
{
    public string Path => PathAndQuery.Split('?')[0];

    public IReadOnlyDictionary<string, string> Query =>
        PathAndQuery.Contains('?', StringComparison.Ordinal)
            ? PathAndQuery[(PathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..]
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")
            : new Dictionary<string, string>();
}

/// <summary>What the scripted server answers.</summary>
public sealed record ScriptedResponse(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static ScriptedResponse Ok(string json) => new(200, json);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 whose answers a test scripts, for behaviour the sandbox cannot force
/// deterministically (exact retry counts, echoed secrets, odd JSON). Records every request it receives.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<SeenRequest, int, ScriptedResponse> _script;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    private ScriptedServer(Func<SeenRequest, int, ScriptedResponse> script, int port)
    {
        _script = script;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<SeenRequest> Requests => [.. _seen];

    /// <summary>Starts a server; <paramref name="script"/> gets each request and its 1-based number.</summary>
    public static ScriptedServer Start(Func<SeenRequest, int, ScriptedResponse> script)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new ScriptedServer(script, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and listening; try another.
            }
        }
    }

    public static ScriptedServer Always(ScriptedResponse response) => Start((_, _) => response);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var seen = new SeenRequest(request.HttpMethod, request.RawUrl ?? "/", request.Headers["Authorization"], request.ContentType, body);
        _seen.Enqueue(seen);
        var number = Interlocked.Increment(ref _count);
        var answer = _script(seen, number);
        try
        {
            if (answer.Delay is { } delay)
            {
                await Task.Delay(delay, _stop.Token);
            }

            var response = context.Response;
            response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }

            if (answer.Json is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(answer.Json);
                response.ContentType = "application/json";
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }

            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client gave up (timeout test) or the server is stopping.
        }
    }
}
