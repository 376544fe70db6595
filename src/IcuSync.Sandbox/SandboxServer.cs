using System.Net;
using System.Net.Sockets;
using IcuSync.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcuSync.Sandbox;

/// <summary>A local Intervals.icu: Kestrel on 127.0.0.1 serving the emulated API over generated or loaded data.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly TaskCompletionSource _go;
    private readonly Task<(WebApplication App, SandboxStore Store)> _started;

    private SandboxServer(
        Uri baseAddress, TaskCompletionSource go, Task<(WebApplication App, SandboxStore Store)> started, SandboxFaults faults, SandboxRequestLog requests)
    {
        BaseAddress = baseAddress;
        _go = go;
        _started = started;
        Faults = faults;
        Requests = requests;
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:54321/</c>; the API lives under <c>api/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection, switchable while running.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>How many API requests arrived, by method and path.</summary>
    public SandboxRequestLog Requests { get; }

    /// <summary>True once the data exists and requests are being answered (see <see cref="Open"/>).</summary>
    public bool IsReady => _started.IsCompletedSuccessfully;

    /// <summary>Completes when the data exists and Kestrel answers; faults if generating or starting failed.</summary>
    public Task Ready => _started;

    /// <summary>The in-memory data the server serves; starts and waits for it if the server was opened with <see cref="Open"/>.</summary>
    public SandboxStore Store
    {
        get
        {
            WarmUp();
            return _started.GetAwaiter().GetResult().Store;
        }
    }

    /// <summary>Starts generating the data now rather than at the first connection (see <see cref="Open"/>).</summary>
    public void WarmUp() => _go.TrySetResult();

    /// <summary>Builds the data (or loads the dataset) and starts Kestrel on 127.0.0.1; returns when it answers.</summary>
    /// <exception cref="SandboxDatasetException">The dataset folder cannot be loaded.</exception>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var server = Open(options, cancellationToken);
        server.WarmUp();
        try
        {
            await server.Ready.WaitAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Reserves the address at once and returns; the data is generated (or loaded) and Kestrel started in the
    /// background when the first connection arrives or <see cref="WarmUp"/> is called, whichever comes first.
    /// Requests that arrive meanwhile wait in the listen queue and are answered from the full data once it exists, so
    /// a caller never sees a partial sandbox. A host that does not need the data to start (IcuSync's <c>serve</c>)
    /// spends nothing on it until an Intervals.icu read needs it.
    /// </summary>
    public static SandboxServer Open(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        // Bound and listening before any data exists: the address is known now, and early connections queue in the
        // kernel until Kestrel accepts them. Kestrel takes the socket over (and closes it when it stops).
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, options.Port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var faults = new SandboxFaults();
        var requests = new SandboxRequestLog();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = StartKestrelAsync(options, socket, go.Task, faults, requests, cancellationToken);
        // A pending connection makes the listening socket readable without accepting it, so Kestrel still gets it.
        new Thread(() => WatchForFirstConnection(socket, go)) { IsBackground = true, Name = "sandbox first connection" }.Start();
        return new SandboxServer(new Uri($"http://127.0.0.1:{port}/"), go, started, faults, requests);
    }

    private static void WatchForFirstConnection(Socket socket, TaskCompletionSource go)
    {
        try
        {
            while (!go.Task.IsCompleted)
            {
                if (socket.Poll(100_000, SelectMode.SelectRead))
                {
                    go.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Disposed, or handed over to Kestrel: nothing left to watch.
        }
    }

    private static async Task<(WebApplication App, SandboxStore Store)> StartKestrelAsync(
        SandboxOptions options, Socket socket, Task go, SandboxFaults faults, SandboxRequestLog requests, CancellationToken cancellationToken)
    {
        var handedOver = false;
        try
        {
            await go.WaitAsync(cancellationToken);
            await Task.Yield();
            var storeTask = Task.Run(() => SandboxStore.Create(options), cancellationToken);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(options.TimeProvider);
            var handle = (ulong)socket.Handle;
            builder.WebHost.UseKestrel(k =>
            {
                k.AddServerHeader = false;
                k.ListenHandle(handle);
            });
            var app = builder.Build();
            var store = await storeTask;
            app.MapGet("/", () => Results.Text(
                "IcuSync sandbox: a local Intervals.icu. API under /api/v1 (HTTP Basic, user API_KEY). See docs/sandbox.md.\n", "text/plain"));
            app.MapIntervalsSandbox(store, faults, requests);
            app.MapFallback((HttpContext context) => ApiResults.Spring(context, 404, "Not Found"));

            handedOver = true;
            // From here Kestrel owns the descriptor; our Socket object must never close it as well.
            socket.SafeHandle.SetHandleAsInvalid();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return (app, store);
        }
        finally
        {
            if (!handedOver)
            {
                socket.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Never started: stop waiting for a first connection and release the port.
        _go.TrySetCanceled();
        (WebApplication App, SandboxStore Store) started;
        try
        {
            started = await _started;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never started (bad dataset, cancelled): nothing is listening any more.
            return;
        }

        await started.App.StopAsync();
        await started.App.DisposeAsync();
    }
}
