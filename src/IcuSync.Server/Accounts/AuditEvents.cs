namespace IcuSync.Server.Accounts;

/// <summary>Stable audit event codes.</summary>
public static class AuditEvents
{
    public const string AccountCreated = "account.created";
    public const string PlanChanged = "plan.changed";
    public const string CredentialConnected = "credential.connected";
    public const string CredentialRemoved = "credential.removed";
    public const string DirectCoachChanged = "direct_coach.changed";
    public const string TokenIssued = "token.issued";
    public const string TokenRegenerated = "token.regenerated";
    public const string TokenRevoked = "token.revoked";
    public const string InviteSent = "invite.sent";
    public const string InviteRevoked = "invite.revoked";
    public const string GrantsChanged = "grants.changed";
    public const string ConfirmationRequested = "confirmation.requested";
    public const string ConfirmationUsed = "confirmation.used";

    /// <summary>An MCP write was dry-run and a confirm code issued (detail: tool, athlete, target, payload and code fingerprints).</summary>
    public const string WritePreviewed = "write.previewed";

    /// <summary>An MCP write was applied with a valid confirm code (the confirm half of the pair).</summary>
    public const string WriteApplied = "write.applied";

    /// <summary>An MCP write was refused: rule errors, or a missing, forged, expired or mismatched confirm code.</summary>
    public const string WriteRefused = "write.refused";

    internal static AuditEntry Entry(
        DateTimeOffset at,
        string auditEvent,
        string actor,
        Guid? accountId = null,
        Guid? coachId = null,
        Guid? tokenId = null,
        string? detail = null) => new()
        {
            At = at,
            Event = auditEvent,
            Actor = actor,
            AthleteAccountId = accountId,
            InvitedCoachId = coachId,
            TokenId = tokenId,
            Detail = detail,
        };
}

/// <summary>Who performed a change, as recorded in the audit log.</summary>
public static class Actors
{
    public const string Admin = "admin";
    public const string System = "system";

    public static string Athlete(Guid accountId) => $"athlete:{accountId:N}";

    public static string Coach(Guid coachId) => $"coach:{coachId:N}";
}
