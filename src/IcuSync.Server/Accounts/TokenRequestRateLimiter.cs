using System.Security.Cryptography;
using System.Text;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Per-IP and per-email limits on token-management requests. Counts live in the database so every instance
/// shares them, keyed by a SHA-256 of the address so no address is stored.
/// </summary>
internal sealed class TokenRequestRateLimiter(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    IOptions<AccountsOptions> options,
    TimeProvider time)
{
    /// <summary>Counts one request against both keys, or returns how long to wait when either is over its limit (nothing is counted then).</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string? clientIp, string normalizedEmail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var windowStart = now - settings.TokenRequestWindow;
        var keys = new List<(string Key, int Limit)> { (Key("email", normalizedEmail), settings.TokenRequestsPerEmail) };
        if (!string.IsNullOrWhiteSpace(clientIp))
        {
            keys.Add((Key("ip", clientIp.Trim()), settings.TokenRequestsPerIp));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RateLimitHits.Where(h => h.At <= windowStart).ExecuteDeleteAsync(cancellationToken);
        TimeSpan? wait = null;
        foreach (var (key, limit) in keys)
        {
            var hits = await db.RateLimitHits.AsNoTracking().Where(h => h.Key == key && h.At > windowStart)
                .Select(h => h.At).ToListAsync(cancellationToken);
            if (hits.Count >= limit)
            {
                var freeAt = hits.Order().ElementAt(hits.Count - limit) + settings.TokenRequestWindow;
                var keyWait = freeAt - now;
                wait = wait is null || keyWait > wait ? keyWait : wait;
            }
        }

        if (wait is not null)
        {
            return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
        }

        foreach (var (key, _) in keys)
        {
            db.RateLimitHits.Add(new RateLimitHit { Key = key, At = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string Key(string kind, string value) =>
        kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
