using IcuSync.Server.Accounts;

namespace IcuSync.Server.Mcp;

/// <summary>
/// Which grant each tool needs. Classic tools need the grant of their own name. Intents need the classic
/// grant that covers what they read or write; settings and gear changes need the non-grantable
/// <see cref="Settings"/> capability that only the athlete or a direct coach with WRITE holds.
/// </summary>
public static class ToolGrants
{
    public const string Settings = "settings";

    private static readonly Dictionary<string, string> IntentBaseGrant = new(StringComparer.Ordinal)
    {
        ["analyze_training"] = "get_training_history",
        ["compare_periods"] = "get_training_summary",
        ["assess_recovery"] = "get_wellness",
        ["manage_profile"] = "get_athlete_profile",
        ["manage_gear"] = "get_athlete_profile",
        ["analyze_race"] = "get_activity_detail",
        ["track_progress"] = "get_fitness",
        ["plan_training"] = "get_fitness",
        ["modify_training"] = "get_events",
    };

    /// <summary>The grant a principal needs on the target athlete to see and call <paramref name="toolName"/>; null for roster tools.</summary>
    public static string? BaseGrant(string toolName) =>
        ToolProfiles.RosterTools.Contains(toolName) ? null
        : IntentBaseGrant.TryGetValue(toolName, out var grant) ? grant
        : toolName;

    /// <summary>Who can give a missing grant, for refusal messages.</summary>
    public static string WhoCanGrant(string grant) => grant == Settings
        ? "Only the athlete (or a coach with WRITE access on Intervals.icu) can change settings and gear."
        : $"The athlete can grant '{grant}' on the IcuSync dashboard (Coaches → tools).";

    /// <summary>Who can give <paramref name="grant"/> on <paramref name="athlete"/>: the athlete on the dashboard, or on Intervals.icu for direct coaches.</summary>
    public static string WhoCanGrant(string grant, ReachableAthlete athlete)
    {
        ArgumentNullException.ThrowIfNull(athlete);
        if (grant == Settings)
        {
            return WhoCanGrant(grant);
        }

        return athlete.GrantedBy == GrantSources.IntervalsCoachAccess
            ? $"Access to {athlete.Name} comes from Intervals.icu coach access (READ gives the read tools, WRITE adds the workout writes); {athlete.Name} can raise it to WRITE in their Intervals.icu settings."
            : $"{athlete.Name} can grant '{grant}' on the IcuSync dashboard (Coaches → tools).";
    }
}
