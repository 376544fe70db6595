using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IcuSync.Server.Accounts;

/// <summary>
/// The access stamp: one version number for everything that decides who reaches which athlete with which tools. Saving
/// a change to such data moves it on (<see cref="IcuSyncDbContext"/> does this for tracked changes; the few bulk
/// updates of such data call <see cref="BumpAsync"/> themselves), and <see cref="PrincipalCache"/> trusts a resolved
/// principal only while the stamp it was resolved under is still the current one, on every instance
/// (<see cref="AccessReader"/> reads it).
/// </summary>
public static class AccessStamps
{
    public const int RowId = 1;

    /// <summary>Whether the pending changes touch access: accounts, coaches, invites, grants, tokens or rosters.</summary>
    public static bool Guards(ChangeTracker changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var entry in changes.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is AthleteAccount or InvitedCoach or CoachInvite or CoachGrant or McpToken or RosterEntry)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves the stamp on. Runs in the caller's transaction when there is one.</summary>
    public static Task BumpAsync(IcuSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AccessStamps.Where(s => s.Id == RowId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
    }

    /// <inheritdoc cref="BumpAsync"/>
    public static void Bump(IcuSyncDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AccessStamps.Where(s => s.Id == RowId).ExecuteUpdate(s => s.SetProperty(x => x.Version, x => x.Version + 1));
    }
}
