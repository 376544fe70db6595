using System.Collections.Concurrent;
using IcuSync.Sandbox;
using Microsoft.Extensions.Logging;

namespace IcuSync.Intervals.Tests.Client;

/// <summary>
/// A sandbox on loopback and a real client pointed at it, with test-sized delays. Each instance owns its sandbox,
/// so faults and writes never leak between test classes. The date is pinned so the generated data is stable.
/// </summary>
public sealed class SandboxHarness : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 5, 15);

    public static readonly IntervalsCredential Cyclist = IntervalsCredential.ApiKey(SandboxPrincipals.CyclistApiKey);
    public static readonly IntervalsCredential Runner = IntervalsCredential.ApiKey(SandboxPrincipals.RunnerApiKey);
    public static readonly IntervalsCredential Triathlete = IntervalsCredential.ApiKey(SandboxPrincipals.TriathleteApiKey);
    public static readonly IntervalsCredential Coach = IntervalsCredential.ApiKey(SandboxPrincipals.CoachApiKey);

    private readonly HttpClient _http = new();

    private SandboxHarness(SandboxServer server, Action<IntervalsClientOptions>? tweak)
    {
        Server = server;
        Options = new IntervalsClientOptions
        {
            BaseAddress = server.BaseAddress,
            MaxRetries = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(40),
        };
        tweak?.Invoke(Options);
        Log = new RecordingLogger();
        Client = new IntervalsClient(_http, Options, logger: Log);
    }

    public SandboxServer Server { get; }

    public IntervalsClientOptions Options { get; }

    public IntervalsClient Client { get; }

    /// <summary>What the client logged (retries and failures), for asserting on retry behaviour.</summary>
    public RecordingLogger Log { get; }

    public static async Task<SandboxHarness> StartAsync(Action<IntervalsClientOptions>? tweak = null, int historyDays = 60)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { Today = Today, HistoryDays = historyDays, Seed = 42 });
        return new SandboxHarness(server, tweak);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Collects log entries of the client under test.</summary>
public sealed class RecordingLogger : ILogger<IntervalsClient>
{
    private readonly ConcurrentQueue<(EventId Id, string Message)> _entries = new();

    public IReadOnlyList<(EventId Id, string Message)> Entries => [.. _entries];

    public int Retries => _entries.Count(e => e.Id.Id == 4101);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId, formatter(state, exception)));
}

/// <summary>One sandbox shared by the read-only tests of a class.</summary>
public sealed class ReadOnlySandbox : IAsyncLifetime
{
    public SandboxHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await SandboxHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
