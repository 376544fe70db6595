using System.ComponentModel;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class ListAthletesTool(ToolRuntime runtime)
{
    [McpServerTool(Name = "list_athletes", Title = "List athletes", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [OutputSchema(typeof(AthleteRoster))]
    [Description("Lists the athletes this connection can reach, the tools granted for each, and which one is selected. " +
        "Use it first as a coach; then select_athlete, or pass 'athlete' to any data tool.")]
    public CallToolResult ListAthletes()
    {
        var principal = runtime.Principal;
        var selected = principal.Athletes.Count == 0 ? null : SafePick(runtime);
        var rows = principal.Athletes
            .Select(a => new RosterAthlete(
                a.AthleteId,
                a.Name,
                a.IsSelf,
                a.AthleteId == selected,
                a.GrantedBy,
                [.. ToolProfiles.ClassicTools.Where(a.GrantedTools.Contains).Order(StringComparer.Ordinal)],
                a.CanChangeSettings))
            .ToList();
        var roster = new AthleteRoster(principal.Kind.ToString(), rows, selected,
            rows.Count > 1 ? ["select_athlete to switch", "or pass 'athlete' to any data tool"] : null);
        var text = rows.Count == 0
            ? "No athletes are reachable yet."
            : string.Join('\n', rows.Select(r =>
                $"{(r.Selected ? "* " : "  ")}{r.Name} ({r.AthleteId}){(r.IsSelf ? " [you]" : "")}: {r.GrantedTools.Count} tools{(r.CanChangeSettings ? " + settings" : "")}"));
        return ToolResponse.From(roster, text);
    }

    private static string? SafePick(ToolRuntime runtime)
    {
        try
        {
            return runtime.PickAthlete(null).AthleteId;
        }
        catch (ModelContextProtocol.McpException)
        {
            return null;
        }
    }
}

public sealed record AthleteRoster(string Principal, IReadOnlyList<RosterAthlete> Athletes, string? SelectedAthleteId, IReadOnlyList<string>? NextActions);

public sealed record RosterAthlete(
    string AthleteId,
    string Name,
    bool IsSelf,
    bool Selected,
    string GrantedBy,
    IReadOnlyList<string> GrantedTools,
    bool CanChangeSettings);
