using IcuSync.Sandbox;

namespace IcuSync.Server.Web;

/// <summary>One sandbox principal offered on the demo sign-in page.</summary>
/// <param name="Key">The form value (<c>cyclist</c>, <c>runner</c>, <c>triathlete</c>, <c>coach</c>).</param>
/// <param name="Name">The sandbox athlete's name.</param>
/// <param name="Description">What the principal shows off.</param>
/// <param name="ApiKey">The sandbox's public demo API key (not a secret).</param>
/// <param name="Landing">Where the principal lands after signing in.</param>
public sealed record DemoPrincipal(string Key, string Name, string Description, string ApiKey, string Landing);

/// <summary>The sandbox athletes and coach, signed in with their fixed demo API keys through the normal API-key path.</summary>
public static class DemoPrincipals
{
    public static IReadOnlyList<DemoPrincipal> All { get; } =
    [
        new("cyclist", "Ada Cyclist", "Athlete (cycling, power data)", SandboxPrincipals.CyclistApiKey, "/dashboard"),
        new("runner", "Ben Runner", "Athlete (running, pace data)", SandboxPrincipals.RunnerApiKey, "/dashboard"),
        new("triathlete", "Cleo Triathlete", "Athlete (swim, bike, run)", SandboxPrincipals.TriathleteApiKey, "/dashboard"),
        new("coach", "Dana Coach", "Coach on Intervals.icu: write access to Ada and Cleo, read access to Ben", SandboxPrincipals.CoachApiKey, "/coach/direct"),
    ];

    public static DemoPrincipal? Find(string? key) => All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));
}
