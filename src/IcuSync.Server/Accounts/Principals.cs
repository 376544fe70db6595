using IcuSync.Intervals;

namespace IcuSync.Server.Accounts;

/// <summary>Turns the token of an MCP URL into the principal behind it (flow 7).</summary>
public interface IPrincipalResolver
{
    /// <summary>
    /// Resolves a token. Returns null for unknown, revoked or malformed tokens. Reads grants from the database on every
    /// call, so a change or revocation applies to the very next call. Updates the token's last-used time.
    /// </summary>
    Task<ResolvedPrincipal?> ResolveAsync(string token, CancellationToken cancellationToken);
}

/// <summary>Who is calling, and which athletes they reach with which tools.</summary>
/// <param name="TokenId">The token's id (never its value).</param>
/// <param name="Kind">Athlete, invited coach or direct coach.</param>
/// <param name="DisplayName">A name to address the caller by; never an email.</param>
/// <param name="Athletes">The reachable athletes, the caller's own first.</param>
/// <param name="SelectedAthleteId">The persisted select_athlete choice, when it is still reachable.</param>
public sealed record ResolvedPrincipal(Guid TokenId, PrincipalKind Kind, string DisplayName, IReadOnlyList<ReachableAthlete> Athletes, string? SelectedAthleteId);

/// <summary>What an MCP token stands for.</summary>
public enum PrincipalKind
{
    Athlete,
    InvitedCoach,
    DirectCoach,
}

/// <summary>One athlete a principal reaches.</summary>
/// <param name="AthleteId">Intervals.icu athlete id.</param>
/// <param name="Name">The athlete's name.</param>
/// <param name="IsSelf">The athlete is the caller.</param>
/// <param name="GrantedTools">Grantable tool names from <see cref="ToolCatalog"/> the caller may use on this athlete.</param>
/// <param name="CanChangeSettings">The non-grantable <see cref="ToolCatalog.Settings"/> capability.</param>
/// <param name="GrantedBy"><see cref="GrantSources.Athlete"/> or <see cref="GrantSources.IntervalsCoachAccess"/>.</param>
public sealed record ReachableAthlete(string AthleteId, string Name, bool IsSelf, IReadOnlySet<string> GrantedTools, bool CanChangeSettings, string GrantedBy);

/// <summary>Where a principal's access to an athlete comes from.</summary>
public static class GrantSources
{
    /// <summary>The athlete granted it (own data, or an IcuSync invite).</summary>
    public const string Athlete = "athlete";

    /// <summary>The caller coaches the athlete on Intervals.icu (direct coach, option B).</summary>
    public const string IntervalsCoachAccess = "intervals.icu coach access";
}

/// <summary>The Intervals.icu credential to use for one athlete of a principal.</summary>
public interface IAthleteCredentials
{
    /// <summary>
    /// The athlete's own credential for the athlete themself and for invited coaches; the coach's own credential for direct
    /// coaches. Null when the principal no longer reaches the athlete, or no usable credential is stored.
    /// </summary>
    Task<IntervalsCredential?> GetForAsync(ResolvedPrincipal principal, string athleteId, CancellationToken cancellationToken);
}

/// <summary>Stores the select_athlete choice per token (flow 6), in the database so it survives restarts and spans instances.</summary>
public interface IAthleteSelection
{
    Task SelectAsync(Guid tokenId, string athleteId, CancellationToken cancellationToken);
}

/// <summary>One athlete on a coach's Intervals.icu roster (<c>GET /api/v1/athletes</c>).</summary>
public sealed record CoachRosterAthlete(string AthleteId, string Name, RosterPermission Permission);

/// <summary>Where direct-coach rosters come from: Intervals.icu in production, the sandbox in tests.</summary>
public interface ICoachRosterSource
{
    /// <summary>The athletes the credential's owner follows or coaches, including the owner.</summary>
    Task<IReadOnlyList<CoachRosterAthlete>> GetRosterAsync(IntervalsCredential credential, CancellationToken cancellationToken);
}
