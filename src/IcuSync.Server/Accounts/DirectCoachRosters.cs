using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>A direct coach's roster as stored, and whether this call fetched it from Intervals.icu.</summary>
public sealed record RosterSnapshot(bool Fetched, DateTimeOffset? RefreshedAt, IReadOnlyList<CoachRosterAthlete> Athletes);

/// <summary>
/// Keeps each direct coach's roster (option B) in the database. It is fetched from Intervals.icu when asked for and
/// due: never fetched, or fetched at least <see cref="AccountsOptions.RosterRefreshInterval"/> ago (10 minutes by default).
/// </summary>
public sealed partial class DirectCoachRosters(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    ICoachRosterSource source,
    AccountSecrets secrets,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<DirectCoachRosters> logger)
{
    /// <summary>
    /// Refreshes the roster if due and returns it. A failed fetch keeps the stored roster and is logged.
    /// Fails when the account is unknown, has no credential or is not in direct-coach mode.
    /// </summary>
    public async Task<AccountResult<RosterSnapshot>> RefreshAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AccountErrors.AccountNotFound();
        }

        if (!account.DirectCoach)
        {
            return new AccountError(AccountErrorCodes.DirectCoachDisabled, "direct-coach",
                "Direct-coach mode is off for this account. Turn it on first ('icusync admin direct-coach <account> on').");
        }

        if (account.CredentialKind == CredentialKind.None)
        {
            return AthleteAccountService.NotConnected();
        }

        return await EnsureFreshAsync(db, account, cancellationToken);
    }

    internal async Task<RosterSnapshot> EnsureFreshAsync(IcuSyncDbContext db, AthleteAccount account, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = account.RosterRefreshedAt is not { } last || now - last >= options.Value.RosterRefreshInterval;
        if (due && secrets.UnprotectCredential(account.CredentialKind, account.ProtectedCredential, account.CredentialScopes) is { } credential)
        {
            try
            {
                var fetched = await source.GetRosterAsync(credential, cancellationToken);
                await StoreAsync(db, account.Id, fetched, now, cancellationToken);
                LogRefreshed(logger, account.Id, fetched.Count);
                return new RosterSnapshot(true, now, fetched);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogRefreshFailed(logger, account.Id, error.GetType().Name, error is IcuSync.Intervals.IntervalsException ? error.Message : "");
            }
        }

        var stored = await db.RosterEntries.AsNoTracking().Where(r => r.CoachAccountId == account.Id).ToListAsync(cancellationToken);
        var refreshedAt = await db.AthleteAccounts.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.RosterRefreshedAt).FirstOrDefaultAsync(cancellationToken);
        return new RosterSnapshot(false, refreshedAt, [.. stored.Select(r => new CoachRosterAthlete(r.AthleteId, r.Name, r.Permission))]);
    }

    /// <summary>
    /// Stores a fetched roster. An unchanged roster only gets its refresh time; a changed one is replaced and moves the
    /// access stamp on, so the coach's cached principal on every instance is resolved again. (Rosters are refreshed
    /// every few minutes per coach and rarely change: moving the stamp each time would empty every instance's cache.)
    /// </summary>
    private static async Task StoreAsync(IcuSyncDbContext db, Guid accountId, IReadOnlyList<CoachRosterAthlete> athletes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var fresh = athletes.DistinctBy(a => a.AthleteId, StringComparer.Ordinal)
                .Select(a => new CoachRosterAthlete(a.AthleteId, a.Name.Length > 200 ? a.Name[..200] : a.Name, a.Permission))
                .ToList();
            var stored = await db.RosterEntries.AsNoTracking().Where(r => r.CoachAccountId == accountId)
                .Select(r => new CoachRosterAthlete(r.AthleteId, r.Name, r.Permission))
                .ToListAsync(cancellationToken);
            var changed = stored.Count != fresh.Count || fresh.Except(stored).Any();
            if (changed)
            {
                await db.RosterEntries.Where(r => r.CoachAccountId == accountId).ExecuteDeleteAsync(cancellationToken);
                db.RosterEntries.AddRange(fresh.Select(a => new RosterEntry
                {
                    CoachAccountId = accountId,
                    AthleteId = a.AthleteId,
                    Name = a.Name,
                    Permission = a.Permission,
                    RefreshedAt = now,
                }));
                if (fresh.Count > 0)
                {
                    // Saving the new entries moves the access stamp on (IcuSyncDbContext.SaveChangesAsync).
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    // An emptied roster saves nothing, and the bulk delete above bypasses the save: move it here.
                    await AccessStamps.BumpAsync(db, cancellationToken);
                }
            }
            else
            {
                await db.RosterEntries.Where(r => r.CoachAccountId == accountId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RefreshedAt, now), cancellationToken);
            }

            await db.AthleteAccounts.Where(a => a.Id == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RosterRefreshedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the same roster at the same moment; its copy is as fresh as ours.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Roster of direct coach {AccountId} refreshed from Intervals.icu: {Count} athlete(s)")]
    private static partial void LogRefreshed(ILogger logger, Guid accountId, int count);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Roster of direct coach {AccountId} could not be refreshed ({ErrorType}) {Detail}; keeping the stored roster")]
    private static partial void LogRefreshFailed(ILogger logger, Guid accountId, string errorType, string detail);
}
