using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IcuSync.Intervals;

/// <summary>
/// The client-side request budget: one token bucket per credential (keyed by its fingerprint), shared by every
/// concurrent call made with that credential. Register one instance per process (the DI extension does) so all
/// client instances share it.
/// </summary>
public sealed class IntervalsRequestBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>Creates a budget of <see cref="IntervalsClientOptions.RequestsPerSecond"/> per credential.</summary>
    public IntervalsRequestBudget(IntervalsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rate = options.RequestsPerSecond;
        // Replenish at least every 50 ms so high rates do not need a timer per millisecond.
        var period = TimeSpan.FromSeconds(Math.Max(1.0 / rate, 0.05));
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(rate * period.TotalSeconds));
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(options.Burst, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    /// <summary>DI constructor.</summary>
    public IntervalsRequestBudget(IOptions<IntervalsClientOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Waits for a request slot of <paramref name="credential"/>; the lease is not acquired when the queue is full.</summary>
    internal ValueTask<RateLimitLease> AcquireAsync(IntervalsCredential? credential, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(credential?.Fingerprint ?? "anonymous", 1, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
