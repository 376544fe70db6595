using System.Net;
using IcuSync.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcuSync.Sandbox;

/// <summary>A local Intervals.icu: Kestrel on 127.0.0.1 serving the emulated API over generated or loaded data.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress, SandboxStore store, SandboxFaults faults, SandboxRequestLog requests)
    {
        _app = app;
        BaseAddress = baseAddress;
        Store = store;
        Faults = faults;
        Requests = requests;
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:54321/</c>; the API lives under <c>api/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection, switchable while running.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>How many API requests arrived, by method and path.</summary>
    public SandboxRequestLog Requests { get; }

    /// <summary>The in-memory data the server serves.</summary>
    public SandboxStore Store { get; }

    /// <summary>Builds the data (or loads the dataset) and starts Kestrel on 127.0.0.1.</summary>
    /// <exception cref="SandboxDatasetException">The dataset folder cannot be loaded.</exception>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storeTask = Task.Run(() => SandboxStore.Create(options), cancellationToken);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.TimeProvider);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var store = await storeTask;
        var faults = new SandboxFaults();
        var requests = new SandboxRequestLog();
        app.MapGet("/", () => Results.Text(
            "IcuSync sandbox: a local Intervals.icu. API under /api/v1 (HTTP Basic, user API_KEY). See docs/sandbox.md.\n", "text/plain"));
        app.MapIntervalsSandbox(store, faults, requests);
        app.MapFallback((HttpContext context) => ApiResults.Spring(context, 404, "Not Found"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxServer(app, new Uri($"http://127.0.0.1:{port}/"), store, faults, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
