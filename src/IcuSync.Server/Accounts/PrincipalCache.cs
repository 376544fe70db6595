using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IcuSync.Intervals;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Principals resolved from tokens, with the credentials looked up for them, kept in memory while the access stamp
/// they were resolved under is still the current one (<see cref="AccessStamps"/>). Every call still reads the stamp,
/// so a revoked token, a withdrawn grant or a changed selection is seen on the very next call on every instance; what
/// the cache saves is the token, invite, grant and credential queries and the credential decryption of each call (the
/// credential lookup reads the stamp once more, so a principal kept from before a change never reaches data).
/// Entries also end after <see cref="AccountsOptions.PrincipalCacheLifetime"/>, and a direct coach's entry when the
/// roster is due for a refresh. Unknown tokens are never cached.
/// </summary>
internal sealed class PrincipalCache : IDisposable
{
    /// <summary>At most this many tokens are held; the least recently used go first.</summary>
    public const int MaxEntries = 20_000;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries, CompactionPercentage = 0.2 });
    private readonly ConditionalWeakTable<ResolvedPrincipal, Entry> byPrincipal = new();
    private readonly IOptions<AccountsOptions> options;
    private readonly TimeProvider time;

    public PrincipalCache(IOptions<AccountsOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
    }

    public bool Enabled => options.Value.PrincipalCacheLifetime > TimeSpan.Zero;

    /// <summary>The entry for the token digest, if it was stored under <paramref name="stamp"/> and has not ended.</summary>
    public Entry? Find(byte[] hash, long stamp)
    {
        if (!Enabled || !entries.TryGetValue(Key(hash), out Entry? entry) || entry is null)
        {
            return null;
        }

        return entry.Stamp == stamp && time.GetUtcNow() < entry.EndsAt ? entry : null;
    }

    /// <summary>Keeps a freshly resolved principal, unless caching is off or it must not outlive <paramref name="notAfter"/> already.</summary>
    public void Store(byte[] hash, long stamp, ResolvedPrincipal principal, DateTimeOffset? lastUsedAt, DateTimeOffset? notAfter)
    {
        var lifetime = options.Value.PrincipalCacheLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        var endsAt = now + lifetime;
        if (notAfter is { } limit && limit < endsAt)
        {
            endsAt = limit;
        }

        if (endsAt <= now)
        {
            return;
        }

        var entry = new Entry(stamp, principal, endsAt, lastUsedAt);
        byPrincipal.AddOrUpdate(principal, entry);
        entries.Set(Key(hash), entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = endsAt - now });
    }

    /// <summary>
    /// The entry a principal was served from or stored in, while it lasts. Its credentials may be used only while its
    /// <see cref="Entry.Stamp"/> is still the current stamp: the caller reads the stamp again.
    /// </summary>
    public Entry? Of(ResolvedPrincipal principal) =>
        Enabled && byPrincipal.TryGetValue(principal, out var entry) && time.GetUtcNow() < entry.EndsAt ? entry : null;

    public void Dispose() => entries.Dispose();

    private static string Key(byte[] hash) => Convert.ToBase64String(hash);

    /// <summary>One cached principal and the credentials looked up for its athletes.</summary>
    internal sealed class Entry(long stamp, ResolvedPrincipal principal, DateTimeOffset endsAt, DateTimeOffset? lastUsedAt)
    {
        private long lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;

        public long Stamp { get; } = stamp;

        public ResolvedPrincipal Principal { get; } = principal;

        public DateTimeOffset EndsAt { get; } = endsAt;

        /// <summary>The token's last-used time as last written (or read), so calls write it no more often than before.</summary>
        public DateTimeOffset? LastUsedAt
        {
            get => Interlocked.Read(ref lastUsedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            set => Interlocked.Exchange(ref lastUsedTicks, value?.UtcTicks ?? 0);
        }

        public ConcurrentDictionary<string, IntervalsCredential> Credentials { get; } = new(StringComparer.Ordinal);
    }
}
