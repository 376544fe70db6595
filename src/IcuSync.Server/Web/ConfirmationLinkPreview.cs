using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Web;

/// <summary>What a confirmation link will do, read without using it up.</summary>
public enum LinkState
{
    Usable,
    Unknown,
    Expired,
    Used,
}

/// <summary>A confirmation link's purpose and state.</summary>
public sealed record LinkPreview(LinkState State, ConfirmationPurpose? Purpose);

/// <summary>
/// Looks at a confirmation link before it is used, so the page can say what the click will do (and show the friendly
/// "expired" page at once). Mail scanners open links too, so only the page's button, not opening the link, acts.
/// </summary>
public sealed class ConfirmationLinkPreview(IDbContextFactory<IcuSyncDbContext> dbFactory, TimeProvider time)
{
    public async Task<LinkPreview> ReadAsync(string? code, CancellationToken cancellationToken)
    {
        if (!AccountSecrets.HasLinkCodeShape(code))
        {
            return new LinkPreview(LinkState.Unknown, null);
        }

        var hash = AccountSecrets.Hash(code!);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ConfirmationLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Hash == hash, cancellationToken);
        if (link is null || !AccountSecrets.DigestsEqual(link.Hash, hash))
        {
            return new LinkPreview(LinkState.Unknown, null);
        }

        var state = link.UsedAt is not null ? LinkState.Used
            : link.ExpiresAt <= time.GetUtcNow() ? LinkState.Expired
            : LinkState.Usable;
        return new LinkPreview(state, link.Purpose);
    }
}
