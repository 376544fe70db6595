namespace IcuSync.Intervals.Tests.Transport;

/// <summary>A client wired to a test server with small delays, disposed with the test.</summary>
public sealed class Harness : IDisposable
{
    public const string Key = "test-key-7f3a2c9e";

    private readonly HttpClient _http = new();

    public Harness(Uri baseAddress, Action<IntervalsClientOptions>? tweak = null, TimeProvider? time = null, IntervalsRequestBudget? budget = null)
    {
        Options = new IntervalsClientOptions
        {
            BaseAddress = baseAddress,
            RequestsPerSecond = 1000,
            Burst = 100,
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
        tweak?.Invoke(Options);
        Client = new IntervalsClient(_http, Options, budget, time);
    }

    public IntervalsClientOptions Options { get; }

    public IntervalsClient Client { get; }

    public static IntervalsCredential ApiKey { get; } = IntervalsCredential.ApiKey(Key);

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
    }
}
