using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>The roster tests' own steps: roster rows, refusals, athlete accounts and their sandbox activities.</summary>
internal static class RosterTestKit
{
    /// <summary>The two roster tools every principal sees.</summary>
    public static readonly string[] RosterTools = ["list_athletes", "select_athlete"];

    public static string ContextAthlete(this JsonElement structured) =>
        structured.GetProperty("context").GetProperty("athlete_id").GetString()!;

    public static IReadOnlyList<string> Strings(this JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static JsonElement Row(this JsonElement roster, string athleteId) =>
        roster.GetProperty("athletes").EnumerateArray().Single(a => a.GetProperty("athlete_id").GetString() == athleteId);

    public static void AssertRefused(CallToolResult result, params string[] fragments)
    {
        Assert.True(result.IsError, "Expected a refusal, got: " + result.Text());
        Assert.Null(result.StructuredContent);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, result.Text(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Text(), StringComparison.Ordinal);
    }

    /// <summary>Creates an active athlete account with an Intervals.icu id but no credential (enough to appear on a roster).</summary>
    public static async Task CreateAthleteAsync(IcuSyncTestHost host, string email, string name, string athleteId)
    {
        var accounts = host.Server.App.Services.GetRequiredService<AthleteAccountService>();
        if (await accounts.FindAsync(email, CancellationToken.None) is not null)
        {
            return;
        }

        var created = await accounts.CreateAsync(new NewAthleteAccount(email, name, athleteId, "Europe/London", PlanStatus.Active), Actors.System, CancellationToken.None);
        Assert.True(created.Succeeded, created.ToString());
    }

    /// <summary>The activities <c>GET /athlete/{id}/activities</c> returns for a range, as the sandbox stores them.</summary>
    public static IReadOnlyList<SandboxActivity> Activities(IcuSyncTestHost host, string athleteId, DateOnly oldest, DateOnly newest) =>
        host.Store().GetActivities(athleteId, oldest, newest);

    /// <summary>A completed, non-Strava activity of the athlete with streams, newest first.</summary>
    public static SandboxActivity RecentActivity(IcuSyncTestHost host, string athleteId) =>
        host.Store().GetActivities(athleteId).Last(a => !a.IsStravaStub && a.StreamTypes is { Count: > 0 });
}
