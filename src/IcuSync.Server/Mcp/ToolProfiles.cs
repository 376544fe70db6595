namespace IcuSync.Server.Mcp;

/// <summary>The tool profiles served on one endpoint, chosen by the connection URL (<c>?profile=intents</c>).</summary>
public static class ToolProfiles
{
    public const string Classic = "classic";
    public const string Intents = "intents";

    /// <summary>Tools every principal sees in every profile: moving between athletes needs no grant.</summary>
    public static readonly IReadOnlySet<string> RosterTools = new HashSet<string>(StringComparer.Ordinal)
    {
        "list_athletes",
        "select_athlete",
    };

    public static readonly IReadOnlySet<string> ClassicTools = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_training_history", "get_activity_detail", "get_extended_metrics", "get_training_summary",
        "get_fitness", "get_wellness", "get_best_efforts", "get_athlete_profile", "get_events", "get_power_curves",
        "push_workout", "edit_workout", "delete_workout",
    };

    public static readonly IReadOnlySet<string> IntentTools = new HashSet<string>(StringComparer.Ordinal)
    {
        "plan_training", "analyze_training", "modify_training", "compare_periods", "assess_recovery",
        "manage_profile", "manage_gear", "analyze_race", "track_progress",
    };

    /// <summary>Returns the canonical profile name, or null when the value names no profile.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or Classic => Classic,
        Intents or "intent" => Intents,
        _ => null,
    };

    public static bool Contains(string profile, string toolName) =>
        RosterTools.Contains(toolName)
        || (profile == Intents ? IntentTools.Contains(toolName) : ClassicTools.Contains(toolName));
}
