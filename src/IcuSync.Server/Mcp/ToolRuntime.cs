using IcuSync.Intervals;
using IcuSync.Server.Accounts;
using IcuSync.Server.Coaching;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Mcp;

/// <summary>The athlete one tool call works on, resolved once and used for every upstream request of the call.</summary>
public sealed record AthleteScope(
    ResolvedPrincipal Principal,
    ReachableAthlete Athlete,
    IntervalsCredential Credential,
    TimeZoneInfo TimeZone,
    DateOnly Today)
{
    public string AthleteId => Athlete.AthleteId;

    public bool Has(string grant) =>
        grant == ToolGrants.Settings ? Athlete.CanChangeSettings : Athlete.GrantedTools.Contains(grant);

    /// <summary>Refuses the call unless the principal holds <paramref name="grant"/> on this athlete.</summary>
    public void Require(string grant)
    {
        if (!Has(grant))
        {
            throw ToolFailure.Refused(
                $"This connection has no '{grant}' access to {Athlete.Name}. {ToolGrants.WhoCanGrant(grant, Athlete)}");
        }
    }

    /// <summary>The header every result carries: whose data, and which local "today" was used.</summary>
    public ResultContext Context => new(AthleteId, Athlete.Name, Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), TimeZone.Id);
}

/// <summary>Whose data a result holds and the athlete-local date it treated as today.</summary>
public sealed record ResultContext(string AthleteId, string AthleteName, string Today, string Timezone);

/// <summary>
/// Resolves the target athlete for a tool call (explicit argument, else the persisted selection, else the
/// principal itself), checks the grant every time, and turns upstream failures into advice.
/// </summary>
public sealed class ToolRuntime(
    ICallerContext caller,
    IAthleteCredentials credentials,
    AthleteCalendar calendar)
{
    public ResolvedPrincipal Principal =>
        caller.Principal ?? throw ToolFailure.Refused("This connection is not authenticated. Use the MCP URL from the IcuSync dashboard.");

    public string Profile => caller.Profile;

    /// <summary>Picks the athlete for this call without checking grants (roster tools use this).</summary>
    public ReachableAthlete PickAthlete(string? athlete)
    {
        var principal = Principal;
        if (principal.Athletes.Count == 0)
        {
            throw ToolFailure.Refused("This connection reaches no athletes yet. An athlete must invite this coach email, or connect Intervals.icu coach access.");
        }

        if (!string.IsNullOrWhiteSpace(athlete))
        {
            return AthleteMatcher.Match(principal.Athletes, athlete, "athlete");
        }

        if (principal.SelectedAthleteId is { } selected
            && principal.Athletes.FirstOrDefault(a => a.AthleteId == selected) is { } chosen)
        {
            return chosen;
        }

        return principal.Athletes.FirstOrDefault(a => a.IsSelf)
            ?? (principal.Athletes.Count == 1
                ? principal.Athletes[0]
                : throw ToolFailure.Refused(
                    $"This connection reaches {principal.Athletes.Count} athletes and none is selected. Call select_athlete first, or pass the 'athlete' argument. Athletes: {string.Join(", ", principal.Athletes.Select(a => $"{a.Name} ({a.AthleteId})"))}."));
    }

    /// <summary>Resolves the target athlete for <paramref name="toolName"/> and checks its base grant.</summary>
    public async Task<AthleteScope> ResolveAsync(string toolName, string? athlete, CancellationToken cancellationToken)
    {
        var target = PickAthlete(athlete);
        var principal = Principal;
        var grant = ToolGrants.BaseGrant(toolName);
        var credential = await credentials.GetForAsync(principal, target.AthleteId, cancellationToken)
            ?? throw ToolFailure.Refused(
                $"{target.Name} has no connected Intervals.icu account right now. The athlete should reconnect Intervals.icu on the IcuSync dashboard.");
        var zone = await GuardAsync(() => calendar.GetTimeZoneAsync(target.AthleteId, credential, cancellationToken));
        var scope = new AthleteScope(principal, target, credential, zone, calendar.TodayIn(zone));
        if (grant is not null)
        {
            scope.Require(grant);
        }

        return scope;
    }

    /// <summary>Runs a tool body for the resolved athlete, mapping upstream failures to advice.</summary>
    public async Task<CallToolResult> RunAsync(
        string toolName,
        string? athlete,
        Func<AthleteScope, Task<CallToolResult>> body,
        CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(toolName, athlete, cancellationToken);
        return await GuardAsync(() => body(scope));
    }

    /// <summary>Maps the typed Intervals.icu failures to tool errors that say what to do next.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (IntervalsException error)
        {
            throw ToolFailure.FromIntervals(error);
        }
        catch (TimeoutException)
        {
            throw ToolFailure.FromIntervals(new IntervalsException(IntervalsErrorKind.Timeout, "timeout"));
        }
    }

    private static async Task<T> GuardAsync<T>(Func<ValueTask<T>> action)
    {
        try
        {
            return await action();
        }
        catch (IntervalsException error)
        {
            throw ToolFailure.FromIntervals(error);
        }
        catch (McpException)
        {
            throw;
        }
    }
}
