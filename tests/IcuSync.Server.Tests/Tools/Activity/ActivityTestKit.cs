using IcuSync.Sandbox;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>The activity-tool tests' own sandbox look-up (the shared ones are in Infrastructure.SandboxKit).</summary>
internal static class ActivityTestKit
{
    /// <summary>The newest non-Strava activity of the athlete that matches <paramref name="filter"/>.</summary>
    public static SandboxActivity Latest(this SandboxStore store, string athleteId, Func<SandboxActivity, bool> filter) =>
        store.GetActivities(athleteId).Where(a => !a.IsStravaStub).Reverse().First(filter);
}
