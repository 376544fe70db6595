using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>Shared steps of the roster tests: calls, invites made through the Accounts services, sandbox look-ups.</summary>
internal static class RosterTestKit
{
    /// <summary>The two roster tools every principal sees.</summary>
    public static readonly string[] RosterTools = ["list_athletes", "select_athlete"];

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, params (string Name, object? Value)[] arguments) =>
        await client.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value));

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

    /// <summary>Each athlete (by account email) invites the same coach email with its own tools; returns the coach's MCP URL.</summary>
    public static async Task<string> InviteAsync(IcuSyncTestHost host, string coachEmail, params (string AthleteEmail, string[] Tools)[] invites)
    {
        var services = host.Server.App.Services;
        var accounts = services.GetRequiredService<AthleteAccountService>();
        var coaches = services.GetRequiredService<CoachInviteService>();
        Guid? coachId = null;
        foreach (var (athleteEmail, tools) in invites)
        {
            var account = await accounts.FindAsync(athleteEmail, CancellationToken.None)
                ?? throw new InvalidOperationException($"No account {athleteEmail}.");
            var outcome = await coaches.InviteCoreAsync(account.Id, new CoachInviteRequest(coachEmail, tools), Actors.Athlete(account.Id), sendEmail: false, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.ToString());
            coachId = outcome.Value.CoachId;
        }

        var token = await services.GetRequiredService<McpTokenService>().GetOrIssueAsync(TokenOwner.InvitedCoach(coachId!.Value), Actors.System, CancellationToken.None);
        Assert.True(token.Succeeded, token.ToString());
        return token.Value.McpUrl;
    }

    /// <summary>The activities <c>GET /athlete/{id}/activities</c> returns for a range, as the sandbox stores them.</summary>
    public static IReadOnlyList<SandboxActivity> Activities(IcuSyncTestHost host, string athleteId, DateOnly oldest, DateOnly newest) =>
        host.Server.Sandbox!.Store.GetActivities(athleteId, oldest, newest);

    /// <summary>A completed, non-Strava activity of the athlete with streams, newest first.</summary>
    public static SandboxActivity RecentActivity(IcuSyncTestHost host, string athleteId) =>
        host.Server.Sandbox!.Store.GetActivities(athleteId).Last(a => !a.IsStravaStub && a.StreamTypes is { Count: > 0 });

    /// <summary>An HTTP client on the sandbox (the fake Intervals.icu) with an athlete's API key, as the server uses it.</summary>
    public static HttpClient SandboxHttp(IcuSyncTestHost host, string apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(host.Server.Sandbox!.BaseAddress.ToString().TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("API_KEY:" + apiKey)));
        return http;
    }
}
