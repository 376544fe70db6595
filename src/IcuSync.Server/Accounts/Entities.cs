namespace IcuSync.Server.Accounts;

/// <summary>Whether an account's subscription is running. Set by the admin command; there is no payment provider.</summary>
public enum PlanStatus
{
    Inactive,
    Active,
}

/// <summary>How an account authenticates to Intervals.icu.</summary>
public enum CredentialKind
{
    None,
    ApiKey,
    OAuth,
}

/// <summary>What an MCP token stands for.</summary>
public enum McpTokenKind
{
    Athlete,
    InvitedCoach,
    DirectCoach,
}

/// <summary>What following a confirmation link does.</summary>
public enum ConfirmationPurpose
{
    ResendUrl,
    RegenerateToken,
}

/// <summary>A coach's access level to an athlete on Intervals.icu (<c>icu_permission</c>).</summary>
public enum RosterPermission
{
    None,
    Read,
    Write,
}

/// <summary>An IcuSync account: an Intervals.icu athlete, optionally also coaching directly (option B).</summary>
public sealed class AthleteAccount
{
    public Guid Id { get; set; }

    /// <summary>Lower-cased, trimmed; unique.</summary>
    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The Intervals.icu athlete id (e.g. <c>i1001</c>); null until an Intervals.icu account is connected.</summary>
    public string? IntervalsAthleteId { get; set; }

    /// <summary>IANA time zone id, when known.</summary>
    public string? TimeZone { get; set; }

    public CredentialKind CredentialKind { get; set; }

    /// <summary>The API key or OAuth access token, encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedCredential { get; set; }

    /// <summary>Comma-separated OAuth scopes as granted (e.g. <c>ACTIVITY:READ,CALENDAR:WRITE</c>); null for API keys.</summary>
    public string? CredentialScopes { get; set; }

    public PlanStatus Plan { get; set; }

    /// <summary>Direct-coach mode (option B): the account's own Intervals.icu coach roster is reachable.</summary>
    public bool DirectCoach { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the direct-coach roster was last fetched from Intervals.icu.</summary>
    public DateTimeOffset? RosterRefreshedAt { get; set; }
}

/// <summary>A coach invited by email (option A). It has no account: only a token and the invites addressed to it.</summary>
public sealed class InvitedCoach
{
    public Guid Id { get; set; }

    /// <summary>Lower-cased, trimmed; unique.</summary>
    public string Email { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One athlete's invite of one coach email, with the tools it grants.</summary>
public sealed class CoachInvite
{
    public Guid Id { get; set; }

    public Guid AthleteAccountId { get; set; }

    public AthleteAccount? AthleteAccount { get; set; }

    public Guid InvitedCoachId { get; set; }

    public InvitedCoach? InvitedCoach { get; set; }

    /// <summary>The athlete invited their own coach email ("trains and coaches"): all tools and settings on their own data.</summary>
    public bool IsOwnCoachEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CoachGrant> Grants { get; set; } = [];
}

/// <summary>One tool granted by one invite.</summary>
public sealed class CoachGrant
{
    public Guid InviteId { get; set; }

    public string Tool { get; set; } = "";
}

/// <summary>
/// An MCP token. Only its SHA-256 hash (for lookup) and a Data-Protection-encrypted copy (for "resend my URL") are stored.
/// </summary>
public sealed class McpToken
{
    public Guid Id { get; set; }

    public McpTokenKind Kind { get; set; }

    public Guid? AthleteAccountId { get; set; }

    public Guid? InvitedCoachId { get; set; }

    /// <summary><c>{kind}:{owner id}</c>; at most one unrevoked token per owner key (a filtered unique index).</summary>
    public string OwnerKey { get; set; } = "";

    /// <summary>SHA-256 of the token text (32 bytes).</summary>
    public byte[] Hash { get; set; } = [];

    public string ProtectedValue { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The athlete chosen with select_athlete; survives restarts and is shared by every instance.</summary>
    public string? SelectedAthleteId { get; set; }

    internal static string OwnerKeyFor(McpTokenKind kind, Guid ownerId) => kind switch
    {
        McpTokenKind.Athlete => $"athlete:{ownerId:N}",
        McpTokenKind.InvitedCoach => $"coach:{ownerId:N}",
        _ => $"direct:{ownerId:N}",
    };
}

/// <summary>A single-use, short-lived link sent to a coach email before a token is re-sent or regenerated.</summary>
public sealed class ConfirmationLink
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the link secret (32 bytes).</summary>
    public byte[] Hash { get; set; } = [];

    public ConfirmationPurpose Purpose { get; set; }

    public Guid InvitedCoachId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A security-relevant event. Holds ids and tool names, never a token, key or email.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A stable code from <see cref="AuditEvents"/>.</summary>
    public string Event { get; set; } = "";

    /// <summary>Who acted: <c>admin</c>, <c>athlete:{id}</c>, <c>coach:{id}</c>, <c>system</c>.</summary>
    public string Actor { get; set; } = "";

    public Guid? AthleteAccountId { get; set; }

    public Guid? InvitedCoachId { get; set; }

    public Guid? TokenId { get; set; }

    public string? Detail { get; set; }
}

/// <summary>One athlete on a direct coach's Intervals.icu roster, as last fetched.</summary>
public sealed class RosterEntry
{
    public Guid CoachAccountId { get; set; }

    public string AthleteId { get; set; } = "";

    public string Name { get; set; } = "";

    public RosterPermission Permission { get; set; }

    public DateTimeOffset RefreshedAt { get; set; }
}

/// <summary>One counted token-management request, for the per-IP and per-email limits shared by every instance.</summary>
public sealed class RateLimitHit
{
    public long Id { get; set; }

    /// <summary><c>ip:</c> or <c>email:</c> followed by a SHA-256 hex digest, so no address is stored.</summary>
    public string Key { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The one row whose version goes up with every change to who can reach what (tokens, invites, grants, accounts,
/// rosters, selections). Each instance keeps resolved principals only while the version it saw is current.
/// </summary>
public sealed class AccessStamp
{
    /// <summary>Always <see cref="AccessStamps.RowId"/>.</summary>
    public int Id { get; set; }

    public long Version { get; set; }
}
