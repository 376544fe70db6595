using System.Collections.Frozen;

namespace IcuSync.Server.Accounts;

/// <summary>
/// The tools an athlete can grant to an invited coach: the ten classic read tools and each of the three writes,
/// individually. <see cref="Settings"/> (changing thresholds and gear) is a capability, never grantable.
/// </summary>
public static class ToolCatalog
{
    /// <summary>The capability to change settings and gear: the athlete themself, or a direct coach with WRITE.</summary>
    public const string Settings = "settings";

    /// <summary>Grant alias for every read tool.</summary>
    public const string ReadAlias = "read";

    /// <summary>Grant alias for every grantable tool.</summary>
    public const string AllAlias = "all";

    public static IReadOnlyList<string> ReadTools { get; } =
    [
        "get_training_history",
        "get_activity_detail",
        "get_extended_metrics",
        "get_training_summary",
        "get_fitness",
        "get_wellness",
        "get_best_efforts",
        "get_athlete_profile",
        "get_events",
        "get_power_curves",
    ];

    public static IReadOnlyList<string> WriteTools { get; } = ["push_workout", "edit_workout", "delete_workout"];

    /// <summary>All thirteen grantable tools, reads first.</summary>
    public static IReadOnlyList<string> GrantableTools { get; } = [.. ReadTools, .. WriteTools];

    internal static FrozenSet<string> ReadSet { get; } = ReadTools.ToFrozenSet(StringComparer.Ordinal);

    internal static FrozenSet<string> AllSet { get; } = GrantableTools.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsGrantable(string tool) => AllSet.Contains(tool);

    /// <summary>
    /// Validates a requested grant list: tool names (case-insensitive, trimmed), or the aliases <c>read</c> and <c>all</c>.
    /// Unknown names fail the whole list, naming each one and the accepted names.
    /// </summary>
    public static AccountResult<IReadOnlySet<string>> ParseGrants(IEnumerable<string>? tools, string field = "tools")
    {
        var granted = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var settingsAsked = false;
        foreach (var raw in tools ?? [])
        {
            foreach (var part in (raw ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = part.ToLowerInvariant();
                if (name == ReadAlias)
                {
                    granted.UnionWith(ReadTools);
                }
                else if (name == AllAlias)
                {
                    granted.UnionWith(GrantableTools);
                }
                else if (AllSet.Contains(name))
                {
                    granted.Add(name);
                }
                else if (name == Settings)
                {
                    settingsAsked = true;
                }
                else
                {
                    unknown.Add(part);
                }
            }
        }

        if (settingsAsked)
        {
            return AccountErrors.Invalid(AccountErrorCodes.ToolNotGrantable, field,
                "'settings' cannot be granted: changing thresholds and gear stays with the athlete (or a coach with WRITE access on Intervals.icu). Remove it from the list.");
        }

        if (unknown.Count > 0)
        {
            return AccountErrors.Invalid(AccountErrorCodes.UnknownTool, field,
                $"Unknown tool name(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Grantable tools are: {string.Join(", ", GrantableTools)} (or 'read' for all read tools, 'all' for everything). Nothing was changed.");
        }

        if (granted.Count == 0)
        {
            return AccountErrors.Invalid(AccountErrorCodes.NoTools, field,
                $"Grant at least one tool, e.g. 'read' or 'get_fitness,get_wellness'. To remove a coach's access entirely, revoke the invite instead.");
        }

        return AccountResult<IReadOnlySet<string>>.Success(granted);
    }
}
