using IcuSync.Server.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>Coach invites and their grants, made through the Accounts services as the athletes would.</summary>
internal static class GrantKit
{
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
}
