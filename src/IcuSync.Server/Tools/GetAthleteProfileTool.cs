using System.ComponentModel;
using System.Text;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace IcuSync.Server.Tools;

[McpServerToolType]
public sealed class GetAthleteProfileTool(ToolRuntime runtime, AthleteProfiles profiles)
{
    public const string Name = "get_athlete_profile";

    [McpServerTool(Name = Name, Title = "Athlete profile", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = true)]
    [OutputSchema(typeof(AthleteProfileResult))]
    [Description("The athlete's sports with per-sport FTP/eFTP, W′, LTHR, max HR, threshold pace (in the athlete's pace units), " +
        "named zones, weight and time zone. Use before planning or interpreting intensities.")]
    public Task<CallToolResult> GetAthleteProfileAsync(
        [Description("Athlete name or id; defaults to the selected athlete.")] string? athlete = null,
        CancellationToken cancellationToken = default) =>
        runtime.RunAsync(Name, athlete, async scope =>
        {
            var (view, _) = await profiles.GetAsync(scope.Credential, scope.AthleteId, cancellationToken);
            var result = new AthleteProfileResult(scope.Context, view,
                ["get_fitness for current CTL/ATL/TSB", "get_training_history for recent sessions"]);
            return ToolResponse.From(result, Render(view, scope));
        }, cancellationToken);

    private static string Render(AthleteProfileView view, AthleteScope scope)
    {
        var text = new StringBuilder();
        text.Append(view.Name).Append(" (").Append(scope.AthleteId).Append(") · today ").Append(scope.Context.Today)
            .Append(' ').Append(scope.Context.Timezone);
        if (view.WeightKg is { } kg)
        {
            text.Append(" · ").Append(Units.Number(kg)).Append(" kg");
        }

        foreach (var sport in view.SportSettings)
        {
            text.Append('\n').Append(string.Join('/', sport.Types)).Append(':');
            if (sport.FtpWatts is { } ftp)
            {
                text.Append(" FTP ").Append(ftp).Append(" W");
            }

            if (sport.EftpWatts is { } eftp)
            {
                text.Append(" (eFTP ").Append(eftp).Append(" W)");
            }

            if (sport.LthrBpm is { } lthr)
            {
                text.Append(" LTHR ").Append(lthr).Append(" bpm");
            }

            if (sport.MaxHrBpm is { } max)
            {
                text.Append(" max HR ").Append(max).Append(" bpm");
            }

            if (sport.ThresholdPace is { } pace)
            {
                text.Append(" threshold pace ").Append(pace);
            }
        }

        return text.ToString();
    }
}

public sealed record AthleteProfileResult(ResultContext Context, AthleteProfileView Profile, IReadOnlyList<string> NextActions);
