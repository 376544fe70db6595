namespace IcuSync.Server.Web;

/// <summary>Short, plain descriptions of the grantable tools for the invite form and the coaches list.</summary>
public static class ToolText
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["get_training_history"] = "Activities over a date range",
        ["get_activity_detail"] = "One activity in depth: intervals, zones, streams",
        ["get_extended_metrics"] = "Decoupling, efficiency and other derived metrics",
        ["get_training_summary"] = "Weekly and monthly load, time and distance",
        ["get_fitness"] = "Fitness, fatigue and form (CTL, ATL, TSB)",
        ["get_wellness"] = "Sleep, HRV, resting heart rate, weight",
        ["get_best_efforts"] = "Best efforts by duration or distance",
        ["get_athlete_profile"] = "Thresholds, zones and sport settings",
        ["get_events"] = "Planned workouts, races and notes on the calendar",
        ["get_power_curves"] = "Power, heart-rate and pace curves",
        ["push_workout"] = "Add workouts to the calendar",
        ["edit_workout"] = "Change planned workouts",
        ["delete_workout"] = "Delete planned workouts",
    };

    /// <summary>The description of a tool, or an empty string for an unknown name.</summary>
    public static string Describe(string tool) => Descriptions.TryGetValue(tool, out var text) ? text : "";
}

/// <summary>The tool checkboxes of one form: an id prefix unique on the page, and the tools ticked.</summary>
public sealed record ToolChoice(string IdPrefix, IReadOnlySet<string> Selected);

/// <summary>An MCP URL block: a unique id, the URL once revealed (null while hidden), and the handler that reveals it.</summary>
public sealed record McpUrlView(string Id, string? Url, string RevealHandler, string RegenerateHandler, string Label);
