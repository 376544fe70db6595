using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Accounts;

/// <summary>Whom a token belongs to.</summary>
public readonly record struct TokenOwner(McpTokenKind Kind, Guid OwnerId)
{
    public static TokenOwner Athlete(Guid accountId) => new(McpTokenKind.Athlete, accountId);

    public static TokenOwner InvitedCoach(Guid coachId) => new(McpTokenKind.InvitedCoach, coachId);

    public static TokenOwner DirectCoach(Guid accountId) => new(McpTokenKind.DirectCoach, accountId);

    internal string Key => McpToken.OwnerKeyFor(Kind, OwnerId);
}

/// <summary>A live token and its connector URL. Show the URL only to its owner.</summary>
public sealed record IssuedToken(Guid TokenId, McpTokenKind Kind, string McpUrl, bool Created);

/// <summary>A token's metadata, without its value.</summary>
public sealed record TokenSummary(
    Guid TokenId,
    McpTokenKind Kind,
    Guid? AthleteAccountId,
    Guid? InvitedCoachId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? SelectedAthleteId)
{
    internal static TokenSummary From(McpToken t) =>
        new(t.Id, t.Kind, t.AthleteAccountId, t.InvitedCoachId, t.CreatedAt, t.LastUsedAt, t.RevokedAt, t.SelectedAthleteId);
}

/// <summary>Issues, shows, regenerates and revokes MCP tokens (flow 5 and the admin command).</summary>
public sealed class McpTokenService(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    AccountSecrets secrets,
    McpUrls urls,
    LastUsedRecorder lastUsed,
    TimeProvider time)
{
    /// <summary>Returns the owner's live token URL, issuing a token when there is none ("view my token").</summary>
    public async Task<AccountResult<IssuedToken>> GetOrIssueAsync(TokenOwner owner, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = await LiveTokenAsync(db, owner, cancellationToken);
        if (live is not null)
        {
            return new IssuedToken(live.Id, live.Kind, urls.ForToken(secrets.UnprotectToken(live.ProtectedValue)), Created: false);
        }

        return await IssueCoreAsync(db, owner, actor, cancellationToken);
    }

    /// <summary>Issues a token for an owner that has none; refuses when a live token exists (use regenerate).</summary>
    public async Task<AccountResult<IssuedToken>> IssueAsync(TokenOwner owner, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await LiveTokenAsync(db, owner, cancellationToken) is not null)
        {
            return AccountErrors.Invalid(AccountErrorCodes.TokenAlreadyIssued, "token",
                "This owner already has a live token. Show it, or regenerate it to replace it ('icusync admin tokens regenerate').");
        }

        return await IssueCoreAsync(db, owner, actor, cancellationToken);
    }

    /// <summary>Issues a new token and revokes the old one in the same transaction; the old URL stops working at once.</summary>
    public async Task<AccountResult<IssuedToken>> RegenerateAsync(TokenOwner owner, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var problem = await CheckOwnerAsync(db, owner, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var minted = secrets.MintToken();
        var token = await McpTokenIssuer.RegenerateAsync(db, minted, owner, time.GetUtcNow(), actor, cancellationToken);
        return new IssuedToken(token.Id, token.Kind, urls.ForToken(minted.Value), Created: true);
    }

    /// <summary>Revokes one token by id.</summary>
    public async Task<AccountResult<TokenSummary>> RevokeAsync(Guid tokenId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.McpTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null)
        {
            return new AccountError(AccountErrorCodes.TokenNotFound, "token", "No token has that id. List tokens with 'icusync admin tokens list'.");
        }

        if (token.RevokedAt is null)
        {
            var now = time.GetUtcNow();
            token.RevokedAt = now;
            db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.TokenRevoked, actor, token.AthleteAccountId, token.InvitedCoachId, token.Id, $"kind={token.Kind}"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TokenSummary.From(token);
    }

    /// <summary>Lists tokens, optionally only those of one account or one invited coach, newest first.</summary>
    public async Task<IReadOnlyList<TokenSummary>> ListAsync(Guid? accountId, Guid? coachId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.McpTokens.AsNoTracking();
        if (accountId is { } account)
        {
            query = query.Where(t => t.AthleteAccountId == account);
        }

        if (coachId is { } coach)
        {
            query = query.Where(t => t.InvitedCoachId == coach);
        }

        var tokens = await query.ToListAsync(cancellationToken);
        // A use noted on this instance and not yet written (LastUsedRecorder) is shown at once.
        return [.. tokens.OrderByDescending(t => t.CreatedAt).Select(t => TokenSummary.From(t) with { LastUsedAt = lastUsed.Latest(t.Id, t.LastUsedAt) })];
    }

    private async Task<AccountResult<IssuedToken>> IssueCoreAsync(IcuSyncDbContext db, TokenOwner owner, string actor, CancellationToken cancellationToken)
    {
        var problem = await CheckOwnerAsync(db, owner, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var minted = secrets.MintToken();
            var token = McpTokenIssuer.Add(db, minted, owner, time.GetUtcNow(), actor, AuditEvents.TokenIssued);
            await db.SaveChangesAsync(cancellationToken);
            return new IssuedToken(token.Id, token.Kind, urls.ForToken(minted.Value), Created: true);
        }
        catch (DbUpdateException)
        {
            return AccountErrors.Conflict();
        }
    }

    private static Task<McpToken?> LiveTokenAsync(IcuSyncDbContext db, TokenOwner owner, CancellationToken cancellationToken)
    {
        var key = owner.Key;
        return db.McpTokens.AsNoTracking().FirstOrDefaultAsync(t => t.OwnerKey == key && t.RevokedAt == null, cancellationToken);
    }

    private static async Task<AccountError?> CheckOwnerAsync(IcuSyncDbContext db, TokenOwner owner, CancellationToken cancellationToken)
    {
        if (owner.Kind == McpTokenKind.InvitedCoach)
        {
            return await db.InvitedCoaches.AnyAsync(c => c.Id == owner.OwnerId, cancellationToken)
                ? null
                : new AccountError(AccountErrorCodes.CoachNotFound, "coach", "No invited coach has that id. A coach exists once an athlete invites their email.");
        }

        var account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == owner.OwnerId, cancellationToken);
        if (account is null)
        {
            return AccountErrors.AccountNotFound();
        }

        if (owner.Kind == McpTokenKind.DirectCoach)
        {
            if (account.Plan != PlanStatus.Active)
            {
                return AccountErrors.PlanInactive();
            }

            if (!account.DirectCoach)
            {
                return new AccountError(AccountErrorCodes.DirectCoachDisabled, "direct-coach",
                    "Direct-coach mode is off for this account. Turn it on first ('icusync admin direct-coach <account> on').");
            }
        }

        return null;
    }
}

/// <summary>Token creation shared by the services; callers save (and commit) the context.</summary>
internal static class McpTokenIssuer
{
    public static McpToken Add(
        IcuSyncDbContext db,
        MintedToken minted,
        TokenOwner owner,
        DateTimeOffset now,
        string actor,
        string auditEvent,
        string? selectedAthleteId = null,
        string? detail = null)
    {
        var token = new McpToken
        {
            Id = Guid.NewGuid(),
            Kind = owner.Kind,
            AthleteAccountId = owner.Kind == McpTokenKind.InvitedCoach ? null : owner.OwnerId,
            InvitedCoachId = owner.Kind == McpTokenKind.InvitedCoach ? owner.OwnerId : null,
            OwnerKey = owner.Key,
            Hash = minted.Hash,
            ProtectedValue = minted.Protected,
            CreatedAt = now,
            SelectedAthleteId = selectedAthleteId,
        };
        db.McpTokens.Add(token);
        db.AuditEntries.Add(AuditEvents.Entry(now, auditEvent, actor, token.AthleteAccountId, token.InvitedCoachId, token.Id, detail ?? $"kind={owner.Kind}"));
        return token;
    }

    /// <summary>
    /// Revokes the live token (if any) and issues its successor in one transaction. The revocation is saved first so
    /// the one-live-token-per-owner index never sees two live rows.
    /// </summary>
    public static async Task<McpToken> RegenerateAsync(
        IcuSyncDbContext db,
        MintedToken minted,
        TokenOwner owner,
        DateTimeOffset now,
        string actor,
        CancellationToken cancellationToken)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var key = owner.Key;
        var old = await db.McpTokens.FirstOrDefaultAsync(t => t.OwnerKey == key && t.RevokedAt == null, cancellationToken);
        if (old is not null)
        {
            old.RevokedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var issued = Add(db, minted, owner, now, actor, old is null ? AuditEvents.TokenIssued : AuditEvents.TokenRegenerated, old?.SelectedAthleteId,
            old is null ? null : $"kind={owner.Kind} replaces={old.Id:N}");
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return issued;
    }
}
