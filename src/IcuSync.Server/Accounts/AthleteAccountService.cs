using IcuSync.Intervals;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Accounts;

/// <summary>Input for a new account.</summary>
public sealed record NewAthleteAccount(
    string Email,
    string Name,
    string? IntervalsAthleteId = null,
    string? TimeZone = null,
    PlanStatus Plan = PlanStatus.Inactive);

/// <summary>An account as shown to its owner or the operator. Carries no secret.</summary>
public sealed record AccountSummary(
    Guid Id,
    string Email,
    string Name,
    string? IntervalsAthleteId,
    string? TimeZone,
    CredentialKind CredentialKind,
    string? CredentialScopes,
    PlanStatus Plan,
    bool DirectCoach,
    DateTimeOffset CreatedAt)
{
    internal static AccountSummary From(AthleteAccount a) =>
        new(a.Id, a.Email, a.Name, a.IntervalsAthleteId, a.TimeZone, a.CredentialKind, a.CredentialScopes, a.Plan, a.DirectCoach, a.CreatedAt);
}

/// <summary>Creates accounts, sets plans, connects and disconnects Intervals.icu credentials, and switches direct-coach mode.</summary>
public sealed class AthleteAccountService(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    AccountSecrets secrets,
    TimeProvider time)
{
    public async Task<AccountResult<AccountSummary>> CreateAsync(NewAthleteAccount request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = InputRules.NormalizeEmail(request.Email);
        if (!email.Succeeded)
        {
            return email.Error;
        }

        var name = InputRules.NormalizeName(request.Name);
        if (!name.Succeeded)
        {
            return name.Error;
        }

        string? athleteId = null;
        if (!string.IsNullOrWhiteSpace(request.IntervalsAthleteId))
        {
            var id = InputRules.NormalizeAthleteId(request.IntervalsAthleteId);
            if (!id.Succeeded)
            {
                return id.Error;
            }

            athleteId = id.Value;
        }

        var zone = InputRules.NormalizeTimeZone(request.TimeZone);
        if (!zone.Succeeded)
        {
            return zone.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AthleteAccounts.AnyAsync(a => a.Email == email.Value, cancellationToken))
        {
            return new AccountError(AccountErrorCodes.EmailTaken, "email", "An account with this email already exists. Use that account, or another email.");
        }

        if (athleteId is not null && await db.AthleteAccounts.AnyAsync(a => a.IntervalsAthleteId == athleteId, cancellationToken))
        {
            return AthleteIdTaken();
        }

        var now = time.GetUtcNow();
        var account = new AthleteAccount
        {
            Id = Guid.NewGuid(),
            Email = email.Value,
            Name = name.Value,
            IntervalsAthleteId = athleteId,
            TimeZone = zone.Value,
            Plan = request.Plan,
            CreatedAt = now,
        };
        db.AthleteAccounts.Add(account);
        db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.AccountCreated, actor, account.Id, detail: $"plan={account.Plan}"));
        return await SaveAsync(db, account, cancellationToken);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.AthleteAccounts.AsNoTracking().ToListAsync(cancellationToken);
        return [.. accounts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Email, StringComparer.Ordinal).Select(AccountSummary.From)];
    }

    public async Task<AccountSummary?> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        return account is null ? null : AccountSummary.From(account);
    }

    /// <summary>Finds an account by id, email or Intervals.icu athlete id (the forms the admin command accepts).</summary>
    public async Task<AccountSummary?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var text = (reference ?? "").Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        AthleteAccount? account;
        if (Guid.TryParse(text, out var id))
        {
            account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        }
        else if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToLowerInvariant();
            account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        }
        else
        {
            account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.IntervalsAthleteId == text, cancellationToken);
        }

        return account is null ? null : AccountSummary.From(account);
    }

    public Task<AccountResult<AccountSummary>> SetPlanAsync(Guid accountId, PlanStatus plan, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(accountId, actor, (account, now, db) =>
        {
            if (account.Plan != plan)
            {
                account.Plan = plan;
                db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.PlanChanged, actor, account.Id, detail: $"plan={plan}"));
            }

            return Task.FromResult<AccountError?>(null);
        }, cancellationToken);

    /// <summary>Stores an Intervals.icu API key (encrypted) for the account and records its athlete id.</summary>
    public Task<AccountResult<AccountSummary>> ConnectApiKeyAsync(Guid accountId, string intervalsAthleteId, string apiKey, string actor, CancellationToken cancellationToken) =>
        ConnectAsync(accountId, intervalsAthleteId, apiKey, CredentialKind.ApiKey, null, actor, cancellationToken);

    /// <summary>Stores an OAuth access token (encrypted) with its granted scopes for the account.</summary>
    public Task<AccountResult<AccountSummary>> ConnectOAuthAsync(
        Guid accountId,
        string intervalsAthleteId,
        string accessToken,
        IEnumerable<string> scopes,
        string actor,
        CancellationToken cancellationToken) =>
        ConnectAsync(accountId, intervalsAthleteId, accessToken, CredentialKind.OAuth, string.Join(',', IntervalsScopes.Normalize(scopes)), actor, cancellationToken);

    /// <summary>
    /// Removes the stored Intervals.icu credential (flow 5). Direct-coach mode and its roster go with it; tokens and invites
    /// stay, but reach no data until a credential is connected again.
    /// </summary>
    public Task<AccountResult<AccountSummary>> DisconnectIntervalsAsync(Guid accountId, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(accountId, actor, async (account, now, db) =>
        {
            var hadCredential = account.CredentialKind != CredentialKind.None;
            account.CredentialKind = CredentialKind.None;
            account.ProtectedCredential = null;
            account.CredentialScopes = null;
            account.DirectCoach = false;
            account.RosterRefreshedAt = null;
            await db.RosterEntries.Where(r => r.CoachAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            if (hadCredential)
            {
                db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.CredentialRemoved, actor, account.Id));
            }

            return null;
        }, cancellationToken);

    /// <summary>Turns direct-coach mode (option B) on or off. On needs an active plan and a connected credential.</summary>
    public Task<AccountResult<AccountSummary>> SetDirectCoachAsync(Guid accountId, bool enabled, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(accountId, actor, async (account, now, db) =>
        {
            if (enabled && account.Plan != PlanStatus.Active)
            {
                return AccountErrors.PlanInactive();
            }

            if (enabled && account.CredentialKind == CredentialKind.None)
            {
                return NotConnected();
            }

            if (account.DirectCoach != enabled)
            {
                account.DirectCoach = enabled;
                account.RosterRefreshedAt = null;
                if (!enabled)
                {
                    await db.RosterEntries.Where(r => r.CoachAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
                }

                db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.DirectCoachChanged, actor, account.Id, detail: enabled ? "enabled" : "disabled"));
            }

            return null;
        }, cancellationToken);

    internal static AccountError NotConnected() => new(AccountErrorCodes.NotConnected, "credential",
        "This account has no Intervals.icu credential. Connect an API key ('icusync admin credentials connect <account> --athlete-id i123 --api-key …') or sign in with Intervals.icu.");

    private static AccountError AthleteIdTaken() => new(AccountErrorCodes.AthleteIdTaken, "athlete-id",
        "Another account is already connected to this Intervals.icu athlete. Disconnect it there first, or check the athlete id.");

    private Task<AccountResult<AccountSummary>> ConnectAsync(
        Guid accountId,
        string intervalsAthleteId,
        string secret,
        CredentialKind kind,
        string? scopes,
        string actor,
        CancellationToken cancellationToken)
    {
        var id = InputRules.NormalizeAthleteId(intervalsAthleteId);
        if (!id.Succeeded)
        {
            return Task.FromResult<AccountResult<AccountSummary>>(id.Error);
        }

        string trimmed;
        try
        {
            // The Intervals client's own rules (non-empty, no whitespace) decide what a usable secret is.
            trimmed = (secret ?? "").Trim();
            _ = kind == CredentialKind.ApiKey ? IntervalsCredential.ApiKey(trimmed) : IntervalsCredential.Bearer(trimmed);
        }
        catch (ArgumentException)
        {
            return Task.FromResult<AccountResult<AccountSummary>>(new AccountError(AccountErrorCodes.InvalidCredential,
                kind == CredentialKind.ApiKey ? "api-key" : "access-token",
                kind == CredentialKind.ApiKey
                    ? "The API key is empty or contains spaces. Copy it from Intervals.icu → Settings → Developer Settings and paste it without spaces."
                    : "The OAuth access token is empty or contains spaces. Sign in with Intervals.icu again."));
        }

        // Encrypt before the transaction: the first encryption writes a Data Protection key to this database.
        var protectedSecret = secrets.ProtectCredential(trimmed);
        return UpdateAsync(accountId, actor, async (account, now, db) =>
        {
            if (account.IntervalsAthleteId != id.Value
                && await db.AthleteAccounts.AnyAsync(a => a.IntervalsAthleteId == id.Value && a.Id != account.Id, cancellationToken))
            {
                return AthleteIdTaken();
            }

            if (account.IntervalsAthleteId != id.Value)
            {
                // A different Intervals.icu athlete: the old roster belongs to someone else.
                await db.RosterEntries.Where(r => r.CoachAccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
                account.RosterRefreshedAt = null;
            }

            account.IntervalsAthleteId = id.Value;
            account.CredentialKind = kind;
            account.ProtectedCredential = protectedSecret;
            account.CredentialScopes = scopes;
            db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.CredentialConnected, actor, account.Id,
                detail: kind == CredentialKind.ApiKey ? "kind=ApiKey" : $"kind=OAuth scopes={scopes}"));
            return null;
        }, cancellationToken);
    }

    private async Task<AccountResult<AccountSummary>> UpdateAsync(
        Guid accountId,
        string actor,
        Func<AthleteAccount, DateTimeOffset, IcuSyncDbContext, Task<AccountError?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.AthleteAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AccountErrors.AccountNotFound();
        }

        var problem = await change(account, time.GetUtcNow(), db);
        if (problem is not null)
        {
            return problem;
        }

        var saved = await SaveAsync(db, account, cancellationToken);
        if (saved.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    private static async Task<AccountResult<AccountSummary>> SaveAsync(IcuSyncDbContext db, AthleteAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return AccountSummary.From(account);
        }
        catch (DbUpdateException)
        {
            // A unique index (email or athlete id) caught a concurrent duplicate that the checks above could not see.
            return AccountErrors.Conflict();
        }
    }
}
