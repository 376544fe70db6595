using IcuSync.Intervals;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Resolves tokens by the SHA-256 of their text: the database never sees a token, and a guess that shares a prefix with
/// a real token has a digest unrelated to the real one, so index lookups reveal nothing about how close a guess was.
/// </summary>
internal sealed class TokenPrincipalResolver(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    DirectCoachRosters rosters,
    IOptions<AccountsOptions> options,
    TimeProvider time) : IPrincipalResolver
{
    public async Task<ResolvedPrincipal?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!AccountSecrets.HasTokenShape(token))
        {
            return null;
        }

        var hash = AccountSecrets.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await TokenWithAccount(db, hash, cancellationToken);
        if (found is not { Token: var row } || !AccountSecrets.DigestsEqual(row.Hash, hash) || row.RevokedAt is not null)
        {
            return null;
        }

        var resolved = row.Kind switch
        {
            McpTokenKind.Athlete => Athlete(found.Account),
            McpTokenKind.InvitedCoach => await InvitedCoachAsync(db, row, cancellationToken),
            _ => await DirectCoachAsync(db, found.Account, cancellationToken),
        };
        if (resolved is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var threshold = now - options.Value.LastUsedResolution;
        if (row.LastUsedAt is not { } lastUsed || lastUsed <= threshold)
        {
            await db.McpTokens
                .Where(t => t.Id == row.Id && (t.LastUsedAt == null || t.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        var (kind, name, athletes) = resolved.Value;
        var selected = athletes.Any(a => a.AthleteId == row.SelectedAthleteId) ? row.SelectedAthleteId : null;
        return new ResolvedPrincipal(row.Id, kind, name, athletes, selected);
    }

    // The hot queries of every MCP call are compiled once: EF Core then skips building, funcletizing and looking up the
    // LINQ expression per call, which was most of a cached call's database cost (the database work itself is tiny).
    // A compiled query re-compiles if it meets another model, so SQLite and PostgreSQL contexts can share these.

    // The token and, for athlete and direct-coach tokens, its account: one round trip instead of two.
    private static readonly Func<IcuSyncDbContext, byte[], CancellationToken, Task<TokenRow?>> TokenWithAccount =
        EF.CompileAsyncQuery((IcuSyncDbContext db, byte[] hash, CancellationToken _) =>
            (from t in db.McpTokens.AsNoTracking()
             where t.Hash == hash
             join a in db.AthleteAccounts.AsNoTracking() on t.AthleteAccountId equals (Guid?)a.Id into accounts
             from a in accounts.DefaultIfEmpty()
             select new TokenRow(t, a))
            .FirstOrDefault());

    private static readonly Func<IcuSyncDbContext, Guid?, IAsyncEnumerable<InviteRow>> InvitesOf =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid? invitedCoachId) =>
            db.CoachInvites.AsNoTracking()
                .Where(i => i.InvitedCoachId == invitedCoachId)
                .Select(i => new InviteRow(
                    i.IsOwnCoachEmail,
                    i.Grants.Select(g => g.Tool).ToList(),
                    i.AthleteAccount!.IntervalsAthleteId,
                    i.AthleteAccount.Name,
                    i.AthleteAccount.Plan)));

    private sealed record TokenRow(McpToken Token, AthleteAccount? Account);

    private sealed record InviteRow(bool IsOwnCoachEmail, List<string> Tools, string? IntervalsAthleteId, string Name, PlanStatus Plan);

    private static (PrincipalKind, string, IReadOnlyList<ReachableAthlete>)? Athlete(AthleteAccount? account)
    {
        if (account is null)
        {
            return null;
        }

        IReadOnlyList<ReachableAthlete> athletes = account.IntervalsAthleteId is { } id ? [Self(id, account.Name)] : [];
        return (PrincipalKind.Athlete, account.Name, athletes);
    }

    private static async Task<(PrincipalKind, string, IReadOnlyList<ReachableAthlete>)?> InvitedCoachAsync(IcuSyncDbContext db, McpToken row, CancellationToken cancellationToken)
    {
        var invites = new List<InviteRow>();
        await foreach (var invite in InvitesOf(db, row.InvitedCoachId).WithCancellation(cancellationToken))
        {
            invites.Add(invite);
        }

        // The athlete holds the subscription: invites of an account whose plan lapsed stop reaching its data.
        var athletes = invites
            .Where(i => i.Plan == PlanStatus.Active && i.IntervalsAthleteId is not null)
            .Select(i => i.IsOwnCoachEmail
                ? Self(i.IntervalsAthleteId!, i.Name)
                : new ReachableAthlete(i.IntervalsAthleteId!, i.Name, false, Known(i.Tools), false, GrantSources.Athlete))
            .OrderByDescending(a => a.IsSelf).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var own = invites.FirstOrDefault(i => i.IsOwnCoachEmail);
        return (PrincipalKind.InvitedCoach, own is null ? "Invited coach" : $"{own.Name} (coach)", athletes);
    }

    private async Task<(PrincipalKind, string, IReadOnlyList<ReachableAthlete>)?> DirectCoachAsync(IcuSyncDbContext db, AthleteAccount? account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            return null;
        }

        if (!account.DirectCoach || account.Plan != PlanStatus.Active || account.CredentialKind == CredentialKind.None)
        {
            return (PrincipalKind.DirectCoach, account.Name, []);
        }

        var roster = await rosters.EnsureFreshAsync(db, account, cancellationToken);
        return (PrincipalKind.DirectCoach, account.Name, DirectCoachAthletes(account, roster.Athletes));
    }

    internal static List<ReachableAthlete> DirectCoachAthletes(AthleteAccount account, IReadOnlyList<CoachRosterAthlete> roster)
    {
        var athletes = new List<ReachableAthlete>();
        if (account.IntervalsAthleteId is { } selfId)
        {
            athletes.Add(Self(selfId, account.Name));
        }

        foreach (var entry in roster.Where(r => r.AthleteId != account.IntervalsAthleteId).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (entry.Permission == RosterPermission.Write)
            {
                athletes.Add(new ReachableAthlete(entry.AthleteId, entry.Name, false, ToolCatalog.AllSet, true, GrantSources.IntervalsCoachAccess));
            }
            else if (entry.Permission == RosterPermission.Read)
            {
                athletes.Add(new ReachableAthlete(entry.AthleteId, entry.Name, false, ToolCatalog.ReadSet, false, GrantSources.IntervalsCoachAccess));
            }
        }

        return athletes;
    }

    private static ReachableAthlete Self(string athleteId, string name) =>
        new(athleteId, name, true, ToolCatalog.AllSet, true, GrantSources.Athlete);

    // Grant rows are validated on write; filtering again keeps a renamed or retired tool from lingering.
    private static IReadOnlySet<string> Known(IEnumerable<string> tools) =>
        tools.Where(ToolCatalog.IsGrantable).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Looks up the credential for a principal's athlete, re-checking from the database that the token is live and still
/// reaches the athlete, so authorisation holds where the data is read.
/// </summary>
internal sealed class StoredAthleteCredentials(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    AccountSecrets secrets) : IAthleteCredentials
{
    public async Task<IntervalsCredential?> GetForAsync(ResolvedPrincipal principal, string athleteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrEmpty(athleteId) || !principal.Athletes.Any(a => a.AthleteId == athleteId))
        {
            return null;
        }

        // One compiled query per call: the live-token check is joined into the holder lookup. (A token's kind never
        // changes, so the principal's kind picks the query.)
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokenId = principal.TokenId;
        HolderRow? holder;
        switch (principal.Kind)
        {
            case PrincipalKind.Athlete:
                holder = await AthleteHolder(db, tokenId, athleteId, cancellationToken);
                break;
            case PrincipalKind.InvitedCoach:
                holder = await InvitedCoachHolder(db, tokenId, athleteId, cancellationToken);
                break;
            default:
                var coach = await DirectCoachHolder(db, tokenId, cancellationToken);
                var reaches = coach is not null
                    && (coach.IntervalsAthleteId == athleteId || await RosterReaches(db, coach.Id, athleteId, cancellationToken));
                holder = reaches ? coach : null;
                break;
        }

        return holder is null ? null : secrets.UnprotectCredential(holder.CredentialKind, holder.ProtectedCredential, holder.CredentialScopes);
    }

    /// <summary>Only what the credential check needs of the account that holds it.</summary>
    private sealed record HolderRow(Guid Id, string? IntervalsAthleteId, CredentialKind CredentialKind, string? ProtectedCredential, string? CredentialScopes);

    private static readonly Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<HolderRow?>> AthleteHolder =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, string athleteId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.Athlete
             join a in db.AthleteAccounts on t.AthleteAccountId equals (Guid?)a.Id
             where a.IntervalsAthleteId == athleteId
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    private static readonly Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<HolderRow?>> InvitedCoachHolder =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, string athleteId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.InvitedCoach
             join i in db.CoachInvites on t.InvitedCoachId equals (Guid?)i.InvitedCoachId
             join a in db.AthleteAccounts on i.AthleteAccountId equals a.Id
             where a.IntervalsAthleteId == athleteId && a.Plan == PlanStatus.Active
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    // The direct coach's own account, if the token is live and the account still coaches on an active plan.
    private static readonly Func<IcuSyncDbContext, Guid, CancellationToken, Task<HolderRow?>> DirectCoachHolder =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid tokenId, CancellationToken _) =>
            (from t in db.McpTokens
             where t.Id == tokenId && t.RevokedAt == null && t.Kind == McpTokenKind.DirectCoach
             join a in db.AthleteAccounts on t.AthleteAccountId equals (Guid?)a.Id
             where a.DirectCoach && a.Plan == PlanStatus.Active
             select new HolderRow(a.Id, a.IntervalsAthleteId, a.CredentialKind, a.ProtectedCredential, a.CredentialScopes))
            .FirstOrDefault());

    private static readonly Func<IcuSyncDbContext, Guid, string, CancellationToken, Task<bool>> RosterReaches =
        EF.CompileAsyncQuery((IcuSyncDbContext db, Guid coachId, string athleteId, CancellationToken _) =>
            db.RosterEntries.Any(r => r.CoachAccountId == coachId && r.AthleteId == athleteId && r.Permission != RosterPermission.None));
}

/// <summary>Persists the select_athlete choice on the token row.</summary>
internal sealed class StoredAthleteSelection(IDbContextFactory<IcuSyncDbContext> dbFactory) : IAthleteSelection
{
    public async Task SelectAsync(Guid tokenId, string athleteId, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrWhiteSpace(athleteId) ? null : athleteId.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.McpTokens.Where(t => t.Id == tokenId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SelectedAthleteId, id), cancellationToken);
    }
}
