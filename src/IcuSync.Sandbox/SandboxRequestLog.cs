using System.Collections.Concurrent;

namespace IcuSync.Sandbox;

/// <summary>
/// Counts the <c>/api/v1</c> requests the sandbox received, by method and path (no query string, no credentials),
/// so tests can prove that a client served a read from its cache instead of calling again.
/// </summary>
public sealed class SandboxRequestLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _total;
    private int _throttled;

    /// <summary>All API requests received so far.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Requests refused with 429 by the sandbox's own per-credential rate limit (not by fault injection).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Requests received so far whose method is <paramref name="method"/> and whose path contains <paramref name="pathFragment"/> (ordinal, case-insensitive).</summary>
    public int Count(string method, string pathFragment) =>
        _counts.Where(p => p.Key.StartsWith(method + " ", StringComparison.OrdinalIgnoreCase)
                && p.Key.Contains(pathFragment, StringComparison.OrdinalIgnoreCase))
            .Sum(p => p.Value);

    internal void RecordThrottled() => Interlocked.Increment(ref _throttled);

    internal void Record(string method, string path)
    {
        Interlocked.Increment(ref _total);
        _counts.AddOrUpdate(method.ToUpperInvariant() + " " + path, 1, (_, n) => n + 1);
    }
}
