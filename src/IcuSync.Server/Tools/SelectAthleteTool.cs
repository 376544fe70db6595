using System.ComponentModel;
using IcuSync.Server.Accounts;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class SelectAthleteTool(ToolRuntime runtime, IAthleteSelection selection)
{
    [McpServerTool(Name = "select_athlete", Title = "Select athlete", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = false)]
    [OutputSchema(typeof(AthleteSelected))]
    [Description("Selects the athlete that later calls work on, by name or id (case-insensitive; must be unambiguous). " +
        "The selection is remembered for this connection.")]
    public async Task<CallToolResult> SelectAthleteAsync(
        [Description("Athlete name (or an unambiguous part of it) or Intervals.icu athlete id, e.g. 'i1001'.")] string athlete,
        CancellationToken cancellationToken)
    {
        var principal = runtime.Principal;
        var target = AthleteMatcher.Match(principal.Athletes, athlete ?? "", "athlete");
        await selection.SelectAsync(principal.TokenId, target.AthleteId, cancellationToken);
        var result = new AthleteSelected(target.AthleteId, target.Name,
            [.. ToolProfiles.ClassicTools.Where(target.GrantedTools.Contains).Order(StringComparer.Ordinal)]);
        return ToolResponse.From(result, $"Selected {target.Name} ({target.AthleteId}). Later calls use this athlete unless 'athlete' is given.");
    }
}

public sealed record AthleteSelected(string AthleteId, string Name, IReadOnlyList<string> GrantedTools);
