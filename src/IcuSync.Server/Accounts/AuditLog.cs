using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Accounts;

/// <summary>An audit row as shown to the operator.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string Event, string Actor, Guid? AthleteAccountId, Guid? InvitedCoachId, Guid? TokenId, string? Detail);

/// <summary>Reads the audit log (rows are written by the services in the same transaction as the change they record).</summary>
public sealed class AuditLog(IDbContextFactory<IcuSyncDbContext> dbFactory)
{
    /// <summary>The newest entries first, optionally only those of one account or coach.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(int take, Guid? accountId, Guid? coachId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (accountId is { } account)
        {
            query = query.Where(e => e.AthleteAccountId == account);
        }

        if (coachId is { } coach)
        {
            query = query.Where(e => e.InvitedCoachId == coach);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 10_000)).ToListAsync(cancellationToken);
        return [.. rows.Select(e => new AuditRecord(e.Id, e.At, e.Event, e.Actor, e.AthleteAccountId, e.InvitedCoachId, e.TokenId, e.Detail))];
    }
}
