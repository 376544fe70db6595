namespace IcuSync.Sandbox.Hosting;

/// <summary>A token bucket per credential: <c>perSecond</c> sustained with a bucket of <c>burst</c> requests.</summary>
internal sealed class CredentialRateLimiter(TimeProvider time, int perSecond, int burst)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var (tokens, at) = _buckets.TryGetValue(key, out var bucket) ? bucket : (burst, now);
            tokens = Math.Min(burst, tokens + (Math.Max(0, (now - at).TotalSeconds) * perSecond));
            if (tokens >= 1)
            {
                _buckets[key] = (tokens - 1, now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            _buckets[key] = (tokens, now);
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / perSecond);
            return false;
        }
    }
}
