using IcuSync.Intervals;
using IcuSync.Server.Accounts;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;

namespace IcuSync.Server.Hosting;

/// <summary>
/// <c>icusync stdio</c>: MCP over stdin/stdout for one local athlete, for Claude Desktop and other local clients.
/// Credentials come from INTERVALS_API_KEY and INTERVALS_ATHLETE_ID (INTERVALS_BASE_URL to point elsewhere).
/// </summary>
public static class StdioCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var apiKey = Environment.GetEnvironmentVariable("INTERVALS_API_KEY");
        var athleteId = Environment.GetEnvironmentVariable("INTERVALS_ATHLETE_ID");
        if (string.IsNullOrWhiteSpace(apiKey) || string.IsNullOrWhiteSpace(athleteId))
        {
            await Console.Error.WriteLineAsync(
                "icusync stdio needs INTERVALS_API_KEY (Intervals.icu → Settings → Developer Settings) and INTERVALS_ATHLETE_ID (e.g. i123456).");
            return 2;
        }

        var profile = ToolProfiles.Normalize(Environment.GetEnvironmentVariable("ICUSYNC_PROFILE")) ?? ToolProfiles.Classic;
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var credential = IntervalsCredential.ApiKey(apiKey);
        var everything = new HashSet<string>(ToolProfiles.ClassicTools, StringComparer.Ordinal);
        var self = new ReachableAthlete(athleteId.Trim(), "me", IsSelf: true, everything, CanChangeSettings: true, GrantedBy: "athlete");
        var principal = new ResolvedPrincipal(Guid.Empty, PrincipalKind.Athlete, "local athlete", [self], self.AthleteId);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHybridCache();
        builder.Services.AddIntervalsClient(options =>
        {
            if (Environment.GetEnvironmentVariable("INTERVALS_BASE_URL") is { Length: > 0 } baseUrl)
            {
                options.BaseAddress = new Uri(baseUrl);
            }
        });
        builder.Services.AddSingleton<ICallerContext>(new FixedCallerContext(principal, profile));
        builder.Services.AddSingleton<IAthleteCredentials>(new FixedAthleteCredentials(credential));
        builder.Services.AddSingleton<IAthleteSelection, NoAthleteSelection>();
        builder.Services.AddCoaching();
        builder.Services.AddIcuSyncMcpServer().WithStdioServerTransport();

        await builder.Build().RunAsync(cancellationToken);
        return 0;
    }

    private sealed class FixedAthleteCredentials(IntervalsCredential credential) : IAthleteCredentials
    {
        public Task<IntervalsCredential?> GetForAsync(ResolvedPrincipal principal, string athleteId, CancellationToken ct) =>
            Task.FromResult<IntervalsCredential?>(credential);
    }

    /// <summary>One athlete only: there is nothing to switch to, so selection is not persisted.</summary>
    private sealed class NoAthleteSelection : IAthleteSelection
    {
        public Task SelectAsync(Guid tokenId, string athleteId, CancellationToken ct) => Task.CompletedTask;
    }
}
