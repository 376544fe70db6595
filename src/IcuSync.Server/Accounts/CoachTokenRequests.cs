using System.Globalization;
using IcuSync.Server.Data;
using IcuSync.Server.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>The reply to a resend/regenerate request. Identical whether or not the email is known.</summary>
public sealed record TokenRequestAccepted(string Message);

/// <summary>What a followed confirmation link did. The URL itself is only ever emailed.</summary>
public sealed record ConfirmationOutcome(ConfirmationPurpose Purpose, Guid TokenId, string Message);

/// <summary>
/// "Resend my MCP URL" and "Regenerate my token" for invited coaches (flows 3 and 4): a request mails a single-use,
/// expiring confirmation link to a known email; following the link mails the current URL or issues a new token.
/// </summary>
public sealed partial class CoachTokenRequests(
    IDbContextFactory<IcuSyncDbContext> dbFactory,
    AccountSecrets secrets,
    McpUrls urls,
    IEmailSender email,
    MailQueue mailQueue,
    AccountEmails templates,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<CoachTokenRequests> logger)
{
    internal TokenRequestRateLimiter RateLimiter { get; } = new(dbFactory, options, time);

    /// <summary>Flow 3: asks for the existing URL to be re-sent. The reply does not reveal whether the email is known.</summary>
    public Task<AccountResult<TokenRequestAccepted>> RequestResendAsync(string coachEmail, string? clientIp, CancellationToken cancellationToken) =>
        RequestAsync(coachEmail, clientIp, ConfirmationPurpose.ResendUrl, cancellationToken);

    /// <summary>Flow 4: asks for a new token. The reply does not reveal whether the email is known.</summary>
    public Task<AccountResult<TokenRequestAccepted>> RequestRegenerateAsync(string coachEmail, string? clientIp, CancellationToken cancellationToken) =>
        RequestAsync(coachEmail, clientIp, ConfirmationPurpose.RegenerateToken, cancellationToken);

    /// <summary>
    /// Follows a confirmation link (the full link or just its code). Each link works once and only before it expires.
    /// Resend mails the unchanged URL; regenerate revokes the old token at once and mails the new URL.
    /// </summary>
    public async Task<AccountResult<ConfirmationOutcome>> ConfirmAsync(string linkOrCode, CancellationToken cancellationToken)
    {
        var code = McpUrls.CodeFromLink(linkOrCode);
        if (!AccountSecrets.HasLinkCodeShape(code))
        {
            return LinkInvalid();
        }

        var hash = AccountSecrets.Hash(code);
        var now = time.GetUtcNow();
        var minted = secrets.MintToken();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.ConfirmationLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Hash == hash, cancellationToken);
        if (link is null || !AccountSecrets.DigestsEqual(link.Hash, hash))
        {
            return LinkInvalid();
        }

        if (link.UsedAt is not null)
        {
            return new AccountError(AccountErrorCodes.LinkUsed, "link",
                "This confirmation link was already used; each link works once. Request a new one on the coach page if you still need it.");
        }

        if (link.ExpiresAt <= now)
        {
            return new AccountError(AccountErrorCodes.LinkExpired, "link",
                $"This confirmation link expired (links last {options.Value.ConfirmationLinkLifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes). Request a new one on the coach page.");
        }

        // The conditional update is the single-use guarantee: of two concurrent clicks only one changes the row.
        var claimed = await db.ConfirmationLinks
            .Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return new AccountError(AccountErrorCodes.LinkUsed, "link",
                "This confirmation link was already used; each link works once. Request a new one on the coach page if you still need it.");
        }

        var coach = await db.InvitedCoaches.AsNoTracking().FirstAsync(c => c.Id == link.InvitedCoachId, cancellationToken);
        var owner = TokenOwner.InvitedCoach(coach.Id);
        var actor = Actors.Coach(coach.Id);
        db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.ConfirmationUsed, actor, coachId: coach.Id, detail: $"purpose={link.Purpose}"));
        Guid tokenId;
        string? liveProtected = null;
        var key = owner.Key;
        var live = await db.McpTokens.AsNoTracking().FirstOrDefaultAsync(t => t.OwnerKey == key && t.RevokedAt == null, cancellationToken);
        if (link.Purpose == ConfirmationPurpose.ResendUrl && live is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            tokenId = live.Id;
            liveProtected = live.ProtectedValue;
        }
        else
        {
            tokenId = (await McpTokenIssuer.RegenerateAsync(db, minted, owner, now, actor, cancellationToken)).Id;
        }

        await transaction.CommitAsync(cancellationToken);
        var mcpUrl = urls.ForToken(liveProtected is null ? minted.Value : secrets.UnprotectToken(liveProtected));
        var message = link.Purpose == ConfirmationPurpose.ResendUrl
            ? templates.CurrentUrl(coach.Email, mcpUrl)
            : templates.NewUrl(coach.Email, mcpUrl);
        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogConfirmationMailFailed(logger, coach.Id, error.GetType().Name);
            return new AccountError(AccountErrorCodes.MailFailed, "email",
                "The link worked, but the email with your MCP URL could not be sent. Use \"Resend my MCP URL\" in a few minutes.");
        }

        return new ConfirmationOutcome(link.Purpose, tokenId, link.Purpose == ConfirmationPurpose.ResendUrl
            ? "Done. We emailed you your MCP URL; it has not changed."
            : "Done. Your old MCP URL no longer works. We emailed you the new one; replace it in Claude (Customize → Connectors).");
    }

    private async Task<AccountResult<TokenRequestAccepted>> RequestAsync(string coachEmail, string? clientIp, ConfirmationPurpose purpose, CancellationToken cancellationToken)
    {
        var normalized = InputRules.NormalizeEmail(coachEmail, "email");
        if (!normalized.Succeeded)
        {
            return normalized.Error;
        }

        var wait = await RateLimiter.TryAcquireAsync(clientIp, normalized.Value, cancellationToken);
        if (wait is { } retryAfter)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
            return new AccountError(AccountErrorCodes.RateLimited, "email",
                $"Too many requests. Try again in {minutes.ToString(CultureInfo.InvariantCulture)} minute(s); if the email is known, a link may already be in your inbox.");
        }

        // The reply must not reveal whether the email is known, in its words or in its timing: looking the coach up,
        // storing the link and sending the mail all happen after the reply, on the mail queue.
        var queuedEmail = normalized.Value;
        if (!mailQueue.TryEnqueue(ct => MailConfirmationLinkAsync(queuedEmail, purpose, ct)))
        {
            // The queue is not running (a command without the web host, or shutdown): do it now rather than lose it.
            await MailConfirmationLinkAsync(queuedEmail, purpose, cancellationToken);
        }

        return new TokenRequestAccepted(
            $"If this email has IcuSync coach access, we sent it a confirmation link. The link works once and expires in {options.Value.ConfirmationLinkLifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes.");
    }

    /// <summary>Stores a confirmation link for a known coach email and mails it; does nothing for an unknown one.</summary>
    private async Task MailConfirmationLinkAsync(string coachEmail, ConfirmationPurpose purpose, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var coach = await db.InvitedCoaches.AsNoTracking().FirstOrDefaultAsync(c => c.Email == coachEmail, cancellationToken);
        if (coach is null)
        {
            return;
        }

        var code = AccountSecrets.NewLinkCode();
        var now = time.GetUtcNow();
        db.ConfirmationLinks.Add(new ConfirmationLink
        {
            Id = Guid.NewGuid(),
            Hash = AccountSecrets.Hash(code),
            Purpose = purpose,
            InvitedCoachId = coach.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.ConfirmationLinkLifetime,
        });
        db.AuditEntries.Add(AuditEvents.Entry(now, AuditEvents.ConfirmationRequested, Actors.Coach(coach.Id), coachId: coach.Id, detail: $"purpose={purpose}"));
        await db.SaveChangesAsync(cancellationToken);
        var link = urls.ForConfirmation(code);
        var message = purpose == ConfirmationPurpose.ResendUrl
            ? templates.ResendConfirmation(coach.Email, link)
            : templates.RegenerateConfirmation(coach.Email, link);
        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The requester has had the same reply as for an unknown email already: a delivery failure is only logged.
            LogConfirmationMailFailed(logger, coach.Id, error.GetType().Name);
        }
    }

    private static AccountError LinkInvalid() => new(AccountErrorCodes.LinkInvalid, "link",
        "This confirmation link is not valid. Open the link from the latest email exactly as sent, or request a new one on the coach page.");

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Confirmation mail for coach {CoachId} could not be delivered ({ErrorType})")]
    private static partial void LogConfirmationMailFailed(ILogger logger, Guid coachId, string errorType);
}
