using System.Text;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Mcp;

/// <summary>The half of a write an audit row records.</summary>
public enum WriteStage
{
    /// <summary>A dry run that issued a confirm code.</summary>
    Previewed,

    /// <summary>A change made with a valid confirm code.</summary>
    Applied,

    /// <summary>A write refused (rule errors, or a bad confirm code); nothing was written.</summary>
    Refused,
}

/// <summary>
/// Appends MCP writes to the accounts audit log: who (token id, principal kind and the token's owner, never an email),
/// which athlete, what, and fingerprints of the payload and of the confirm code (never the code). Without a database
/// (the single-user stdio host) the row goes to the log instead.
/// </summary>
public sealed partial class WriteAudit(IDbContextFactory<IcuSyncDbContext>? dbFactory, TimeProvider time, ILogger<WriteAudit> logger)
{
    private const int MaxDetail = 1000;

    /// <summary>Appends one row. A failure to record a preview or refusal propagates (no code is handed out unaudited).</summary>
    public async Task RecordAsync(
        AthleteScope scope,
        string action,
        WriteStage stage,
        string what,
        string? payloadHash,
        string? codeHash,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var auditEvent = stage switch
        {
            WriteStage.Previewed => AuditEvents.WritePreviewed,
            WriteStage.Applied => AuditEvents.WriteApplied,
            _ => AuditEvents.WriteRefused,
        };
        var detail = new StringBuilder()
            .Append("tool=").Append(action)
            .Append(" athlete=").Append(scope.AthleteId)
            .Append(" principal=").Append(scope.Principal.Kind)
            .Append(' ').Append(what);
        if (payloadHash is not null)
        {
            detail.Append(" payload=").Append(payloadHash);
        }

        if (codeHash is not null)
        {
            detail.Append(" confirm_sha256=").Append(codeHash);
        }

        var text = detail.Length <= MaxDetail ? detail.ToString() : detail.ToString(0, MaxDetail - 1) + "…";
        if (dbFactory is null)
        {
            LogWrite(logger, auditEvent, scope.Principal.TokenId, text);
            return;
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var tokenId = scope.Principal.TokenId;
            var owner = await db.McpTokens.AsNoTracking()
                .Where(t => t.Id == tokenId)
                .Select(t => new { t.AthleteAccountId, t.InvitedCoachId })
                .FirstOrDefaultAsync(cancellationToken);
            var accountId = owner?.AthleteAccountId;
            if (accountId is null)
            {
                // An invited coach writes on an athlete's data: file the row under that athlete's account too.
                var athleteId = scope.AthleteId;
                accountId = await db.AthleteAccounts.AsNoTracking()
                    .Where(a => a.IntervalsAthleteId == athleteId)
                    .Select(a => (Guid?)a.Id)
                    .FirstOrDefaultAsync(cancellationToken);
            }

            var actor = owner?.InvitedCoachId is { } coach ? Actors.Coach(coach)
                : owner?.AthleteAccountId is { } self ? Actors.Athlete(self)
                : $"token:{tokenId:N}";
            db.AuditEntries.Add(AuditEvents.Entry(time.GetUtcNow(), auditEvent, actor, accountId, owner?.InvitedCoachId, tokenId, text));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (stage == WriteStage.Applied)
        {
            // The change is already made upstream; tell the model so rather than report a failure it would retry.
            LogAuditFailed(logger, auditEvent, scope.Principal.TokenId, error.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Audit {Event} for token {TokenId}: {Detail}")]
    private static partial void LogWrite(ILogger logger, string @event, Guid tokenId, string detail);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Audit {Event} for token {TokenId} could not be saved ({ErrorType}); the write itself was applied")]
    private static partial void LogAuditFailed(ILogger logger, string @event, Guid tokenId, string errorType);
}
