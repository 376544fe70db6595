using IcuSync.Intervals;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Resolution = (IcuSync.Server.Accounts.PrincipalKind Kind, string Name, System.Collections.Generic.IReadOnlyList<IcuSync.Server.Accounts.ReachableAthlete> Athletes, System.DateTimeOffset? NotAfter);

namespace IcuSync.Server.Accounts;

/// <summary>
/// Resolves tokens by the SHA-256 of their text: the database never sees a token, and a guess that shares a prefix with
/// a real token has a digest unrelated to the real one, so index lookups reveal nothing about how close a guess was.
/// </summary>
internal sealed class TokenPrincipalResolver(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    DirectCoachRosters rosters,
    PrincipalCache cache,
    AccessReader reads,
    LastUsedRecorder lastUsed,
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
        // The stamp is read before anything else: a principal resolved below is stored under it, so a change that
        // lands meanwhile moves the stamp on and the next call resolves again.
        var stamp = cache.Enabled ? await reads.ReadStampAsync(cancellationToken) : 0;
        if (cache.Find(hash, stamp) is { } cached)
        {
            cached.LastUsedAt = Touch(cached.Principal.TokenId, cached.LastUsedAt);
            return cached.Principal;
        }

        // A plain read, not EF Core: an athlete's token resolves without any LINQ query (see AccessReader).
        var row = await reads.FindTokenAsync(hash, cancellationToken);
        if (row is null || !AccountSecrets.DigestsEqual(row.Hash, hash) || row.Revoked)
        {
            return null;
        }

        var resolved = row.Kind switch
        {
            McpTokenKind.Athlete => Athlete(row),
            McpTokenKind.InvitedCoach => await InvitedCoachAsync(row, cancellationToken),
            _ => await DirectCoachAsync(row, cancellationToken),
        };
        if (resolved is null)
        {
            return null;
        }

        var used = Touch(row.Id, row.LastUsedAt);
        var (kind, name, athletes, notAfter) = resolved.Value;
        var selected = athletes.Any(a => a.AthleteId == row.SelectedAthleteId) ? row.SelectedAthleteId : null;
        var principal = new ResolvedPrincipal(row.Id, kind, name, athletes, selected);
        cache.Store(hash, stamp, principal, used, notAfter);
        return principal;
    }

    /// <summary>
    /// Notes the call for the token's last-used time when the known one is older than the resolution (the write happens
    /// in <see cref="LastUsedRecorder"/>'s next batch, never in the call); returns the time now known.
    /// </summary>
    private DateTimeOffset? Touch(Guid tokenId, DateTimeOffset? lastUsedAt)
    {
        var now = time.GetUtcNow();
        if (lastUsedAt is { } known && known > now - options.Value.LastUsedResolution)
        {
            return lastUsedAt;
        }

        lastUsed.Record(tokenId, now);
        return now;
    }

    private static Resolution? Athlete(TokenRecord row)
    {
        if (row.AccountId is null || row.AccountName is not { } name)
        {
            return null;
        }

        IReadOnlyList<ReachableAthlete> athletes = row.AccountAthleteId is { } id ? [Self(id, name)] : [];
        return (PrincipalKind.Athlete, name, athletes, null);
    }

    private async Task<Resolution?> InvitedCoachAsync(TokenRecord row, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invites = new List<InviteRow>();
        await foreach (var invite in PrincipalQueries.For(db).InvitesOf(db, row.InvitedCoachId).WithCancellation(cancellationToken))
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
        return (PrincipalKind.InvitedCoach, own is null ? "Invited coach" : $"{own.Name} (coach)", athletes, null);
    }

    private async Task<Resolution?> DirectCoachAsync(TokenRecord row, CancellationToken cancellationToken)
    {
        if (row.AccountId is not { } accountId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await PrincipalQueries.For(db).AccountById(db, accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        if (!account.DirectCoach || account.Plan != PlanStatus.Active || account.CredentialKind == CredentialKind.None)
        {
            return (PrincipalKind.DirectCoach, account.Name, [], null);
        }

        // The principal is kept no longer than the roster is fresh: the call after that fetches it again.
        var roster = await rosters.EnsureFreshAsync(db, account, cancellationToken);
        var due = roster.RefreshedAt is { } refreshed ? refreshed + options.Value.RosterRefreshInterval : DateTimeOffset.MinValue;
        return (PrincipalKind.DirectCoach, account.Name, DirectCoachAthletes(account, roster.Athletes), due);
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
    AccountSecrets secrets,
    PrincipalCache cache,
    AccessReader reads) : IAthleteCredentials
{
    public async Task<IntervalsCredential?> GetForAsync(ResolvedPrincipal principal, string athleteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrEmpty(athleteId) || !principal.Athletes.Any(a => a.AthleteId == athleteId))
        {
            return null;
        }

        // A credential cached with the principal is used only while the stamp it was resolved under is current: a
        // principal kept from before a revocation, a withdrawn grant or a new key is checked in full below.
        var entry = cache.Of(principal);
        if (entry is not null && entry.Credentials.TryGetValue(athleteId, out var known)
            && await reads.ReadStampAsync(cancellationToken) == entry.Stamp)
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One compiled query per call: the live-token check is joined into the holder lookup. (A token's kind never
        // changes, so the principal's kind picks the query.)
        var tokenId = principal.TokenId;
        var queries = PrincipalQueries.For(db);
        HolderRow? holder;
        switch (principal.Kind)
        {
            case PrincipalKind.Athlete:
                holder = await queries.AthleteHolder(db, tokenId, athleteId, cancellationToken);
                break;
            case PrincipalKind.InvitedCoach:
                holder = await queries.InvitedCoachHolder(db, tokenId, athleteId, cancellationToken);
                break;
            default:
                var coach = await queries.DirectCoachHolder(db, tokenId, cancellationToken);
                var reaches = coach is not null
                    && (coach.IntervalsAthleteId == athleteId || await queries.RosterReaches(db, coach.Id, athleteId, cancellationToken));
                holder = reaches ? coach : null;
                break;
        }

        var credential = holder is null ? null : secrets.UnprotectCredential(holder.CredentialKind, holder.ProtectedCredential, holder.CredentialScopes);
        if (entry is not null && credential is not null)
        {
            entry.Credentials[athleteId] = credential;
        }

        return credential;
    }
}

/// <summary>Persists the select_athlete choice on the token row.</summary>
internal sealed class StoredAthleteSelection(IDbContextFactory<IcuSyncDbContext> dbFactory) : IAthleteSelection
{
    public async Task SelectAsync(Guid tokenId, string athleteId, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrWhiteSpace(athleteId) ? null : athleteId.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.McpTokens.Where(t => t.Id == tokenId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SelectedAthleteId, id), cancellationToken);
        await AccessStamps.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
