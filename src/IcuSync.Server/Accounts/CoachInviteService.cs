using IcuSync.Server.Data;
using IcuSync.Server.Email;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Accounts;

/// <summary>An athlete's invite of a coach email.</summary>
/// <param name="CoachEmail">The coach's address.</param>
/// <param name="Tools">Tool names to grant (see <see cref="ToolCatalog"/>); ignored for the athlete's own coach email.</param>
/// <param name="IsOwnCoachEmail">The athlete's own coach address ("trains and coaches"): the coach token then covers their own data with every tool.</param>
public sealed record CoachInviteRequest(string CoachEmail, IReadOnlyCollection<string> Tools, bool IsOwnCoachEmail = false);

/// <summary>Whether an invite was new or updated an existing one.</summary>
public enum InviteChange
{
    Created,
    GrantsUpdated,
}

/// <summary>The result of an invite. <see cref="EmailSent"/> is false when the mail could not be delivered (the coach can use "Resend my MCP URL").</summary>
public sealed record InviteOutcome(Guid InviteId, Guid CoachId, InviteChange Change, IReadOnlySet<string> Tools, bool IsOwnCoachEmail, bool EmailSent);

/// <summary>An invite as the athlete sees it.</summary>
public sealed record InviteSummary(Guid InviteId, Guid CoachId, string CoachEmail, IReadOnlySet<string> Tools, bool IsOwnCoachEmail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Invites coaches by email and changes or revokes their grants (flows 1 and 2).</summary>
public sealed partial class CoachInviteService(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    AccountSecrets secrets,
    McpUrls urls,
    IEmailSender email,
    AccountEmails templates,
    TimeProvider time,
    ILogger<CoachInviteService> logger)
{
    /// <summary>
    /// Invites a coach email with a set of tools. A new coach gets one token; later invites from other athletes add to
    /// that same token's roster and re-send its URL. Inviting the same email again only updates the grants: no new token, no mail.
    /// </summary>
    public Task<AccountResult<InviteOutcome>> InviteAsync(Guid accountId, CoachInviteRequest request, string actor, CancellationToken cancellationToken) =>
        InviteCoreAsync(accountId, request, actor, sendEmail: true, cancellationToken);

    /// <summary>Replaces the tools an invite grants. The coach's next MCP call sees the change (grants are read per call).</summary>
    public async Task<AccountResult<InviteSummary>> ChangeGrantsAsync(Guid accountId, Guid inviteId, IReadOnlyCollection<string> tools, string actor, CancellationToken cancellationToken)
    {
        var grants = ToolCatalog.ParseGrants(tools);
        if (!grants.Succeeded)
        {
            return grants.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invite = await db.CoachInvites.Include(i => i.Grants).Include(i => i.InvitedCoach)
            .FirstOrDefaultAsync(i => i.Id == inviteId && i.AthleteAccountId == accountId, cancellationToken);
        if (invite is null)
        {
            return InviteNotFound();
        }

        var now = time.GetUtcNow();
        var effective = invite.IsOwnCoachEmail ? ToolCatalog.AllSet : grants.Value;
        ReplaceGrants(db, invite, effective);
        invite.UpdatedAt = now;
        db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.GrantsChanged, actor, accountId, invite.InvitedCoachId, detail: ToolsDetail(effective)));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(invite);
    }

    /// <summary>Removes an invite: the coach loses this athlete on the next call. The coach's token stays for other athletes.</summary>
    public async Task<AccountResult<InviteSummary>> RevokeAsync(Guid accountId, Guid inviteId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invite = await db.CoachInvites.Include(i => i.Grants).Include(i => i.InvitedCoach)
            .FirstOrDefaultAsync(i => i.Id == inviteId && i.AthleteAccountId == accountId, cancellationToken);
        if (invite is null)
        {
            return InviteNotFound();
        }

        var summary = Summary(invite);
        db.CoachInvites.Remove(invite);
        db.AuditEntries.Add(AuditEvents.Entry(time.GetUtcNow(), AuditEvents.InviteRevoked, actor, accountId, invite.InvitedCoachId));
        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    /// <summary>The athlete's invites, oldest first.</summary>
    public async Task<IReadOnlyList<InviteSummary>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invites = await db.CoachInvites.AsNoTracking().Include(i => i.Grants).Include(i => i.InvitedCoach)
            .Where(i => i.AthleteAccountId == accountId).ToListAsync(cancellationToken);
        return [.. invites.OrderBy(i => i.CreatedAt).Select(Summary)];
    }

    internal async Task<AccountResult<InviteOutcome>> InviteCoreAsync(
        Guid accountId,
        CoachInviteRequest request,
        string actor,
        bool sendEmail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var coachEmail = InputRules.NormalizeEmail(request.CoachEmail, "coach email");
        if (!coachEmail.Succeeded)
        {
            return coachEmail.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.AthleteAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AccountErrors.AccountNotFound();
        }

        var own = request.IsOwnCoachEmail || account.Email == coachEmail.Value;
        IReadOnlySet<string> tools;
        if (own)
        {
            tools = ToolCatalog.AllSet;
        }
        else
        {
            var grants = ToolCatalog.ParseGrants(request.Tools);
            if (!grants.Succeeded)
            {
                return grants.Error;
            }

            tools = grants.Value;
        }

        if (account.Plan != PlanStatus.Active)
        {
            return AccountErrors.PlanInactive();
        }

        var now = time.GetUtcNow();
        var minted = secrets.MintToken();
        (InviteOutcome Outcome, string? LiveProtected) saved;
        try
        {
            saved = await SaveInviteAsync(db, accountId, coachEmail.Value, tools, own, minted, now, actor, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created the same coach (or invite) at the same moment; the second attempt finds it.
            db.ChangeTracker.Clear();
            try
            {
                saved = await SaveInviteAsync(db, accountId, coachEmail.Value, tools, own, minted, now, actor, cancellationToken);
            }
            catch (DbUpdateException)
            {
                return AccountErrors.Conflict();
            }
        }

        var (outcome, liveProtected) = saved;
        if (outcome.Change == InviteChange.GrantsUpdated || !sendEmail)
        {
            return outcome;
        }

        var mcpUrl = urls.ForToken(liveProtected is null ? minted.Value : secrets.UnprotectToken(liveProtected));

        try
        {
            await email.SendAsync(templates.Invite(coachEmail.Value, account.Name, mcpUrl, tools, own), cancellationToken);
            return outcome with { EmailSent = true };
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogInviteMailFailed(logger, outcome.InviteId, error.GetType().Name);
            return outcome;
        }
    }

    private static async Task<(InviteOutcome Outcome, string? LiveProtected)> SaveInviteAsync(
        IcuSyncDbContext db,
        Guid accountId,
        string coachEmail,
        IReadOnlySet<string> tools,
        bool own,
        MintedToken minted,
        DateTimeOffset now,
        string actor,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coach = await db.InvitedCoaches.FirstOrDefaultAsync(c => c.Email == coachEmail, cancellationToken);
        if (coach is null)
        {
            coach = new InvitedCoach { Id = Guid.NewGuid(), Email = coachEmail, CreatedAt = now };
            db.InvitedCoaches.Add(coach);
        }

        var invite = await db.CoachInvites.Include(i => i.Grants)
            .FirstOrDefaultAsync(i => i.AthleteAccountId == accountId && i.InvitedCoachId == coach.Id, cancellationToken);
        if (invite is not null)
        {
            invite.IsOwnCoachEmail = own;
            ReplaceGrants(db, invite, tools);
            invite.UpdatedAt = now;
            db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.GrantsChanged, actor, accountId, coach.Id, detail: ToolsDetail(tools)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (new InviteOutcome(invite.Id, coach.Id, InviteChange.GrantsUpdated, tools, own, EmailSent: false), null);
        }

        invite = new CoachInvite
        {
            Id = Guid.NewGuid(),
            AthleteAccountId = accountId,
            InvitedCoachId = coach.Id,
            IsOwnCoachEmail = own,
            CreatedAt = now,
            UpdatedAt = now,
            Grants = [.. tools.Select(t => new CoachGrant { Tool = t })],
        };
        db.CoachInvites.Add(invite);
        db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.InviteSent, actor, accountId, coach.Id, detail: ToolsDetail(tools) + (own ? " own=true" : "")));

        var owner = TokenOwner.InvitedCoach(coach.Id);
        var key = owner.Key;
        var live = await db.McpTokens.AsNoTracking().FirstOrDefaultAsync(t => t.OwnerKey == key && t.RevokedAt == null, cancellationToken);
        if (live is null)
        {
            McpTokenIssuer.Add(db, minted, owner, now, actor, AuditEvents.TokenIssued);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new InviteOutcome(invite.Id, coach.Id, InviteChange.Created, tools, own, EmailSent: false), live?.ProtectedValue);
    }

    private static void ReplaceGrants(IcuSyncDbContext db, CoachInvite invite, IReadOnlySet<string> tools)
    {
        var current = invite.Grants.Select(g => g.Tool).ToHashSet(StringComparer.Ordinal);
        foreach (var grant in invite.Grants.Where(g => !tools.Contains(g.Tool)).ToList())
        {
            invite.Grants.Remove(grant);
            db.CoachGrants.Remove(grant);
        }

        foreach (var tool in tools.Where(t => !current.Contains(t)))
        {
            invite.Grants.Add(new CoachGrant { InviteId = invite.Id, Tool = tool });
        }
    }

    private static string ToolsDetail(IEnumerable<string> tools) => "tools=" + string.Join(',', tools.Order(StringComparer.Ordinal));

    private static InviteSummary Summary(CoachInvite invite) => new(
        invite.Id,
        invite.InvitedCoachId,
        invite.InvitedCoach?.Email ?? "",
        invite.Grants.Select(g => g.Tool).ToHashSet(StringComparer.Ordinal),
        invite.IsOwnCoachEmail,
        invite.CreatedAt,
        invite.UpdatedAt);

    private static AccountError InviteNotFound() => new(AccountErrorCodes.InviteNotFound, "invite",
        "No such invite on this account. List your invites and use one of their ids.");

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Invite {InviteId} saved but its mail could not be delivered ({ErrorType}); the coach can use 'Resend my MCP URL'")]
    private static partial void LogInviteMailFailed(ILogger logger, Guid inviteId, string errorType);
}
