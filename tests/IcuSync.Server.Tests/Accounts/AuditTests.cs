using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Data;

namespace IcuSync.Server.Tests.Accounts;

public sealed class AuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_security_event_is_audited_without_secrets(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "audit-secret-api-key", email: "ada@athletes.test");
        var athleteToken = await host.AthleteTokenAsync(ada.Id);
        var invites = host.Get<CoachInviteService>();
        var invite = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);
        await invites.ChangeGrantsAsync(ada.Id, invite.Value!.InviteId, ["read"], Actors.Athlete(ada.Id), host.Ct);
        var coachToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));
        var requests = host.Get<CoachTokenRequests>();
        await requests.RequestRegenerateAsync("kim@example.com", "203.0.113.9", host.Ct);
        var link = MailFolder.UrlIn((await host.MailsAsync())[1], "https://icusync.test/coach/confirm?code=");
        await requests.ConfirmAsync(link, host.Ct);
        var newCoachToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[2], "https://icusync.test/mcp/"));
        var principal = await host.ResolveAsync(athleteToken);
        await host.Get<McpTokenService>().RevokeAsync(principal!.TokenId, Actors.Admin, host.Ct);
        await invites.RevokeAsync(ada.Id, invite.Value.InviteId, Actors.Athlete(ada.Id), host.Ct);

        var entries = await host.Get<AuditLog>().ListAsync(100, null, null, host.Ct);

        var events = entries.Select(e => e.Event).ToHashSet();
        foreach (var expected in new[]
        {
            AuditEvents.AccountCreated, AuditEvents.CredentialConnected, AuditEvents.TokenIssued, AuditEvents.InviteSent,
            AuditEvents.GrantsChanged, AuditEvents.ConfirmationRequested, AuditEvents.ConfirmationUsed,
            AuditEvents.TokenRegenerated, AuditEvents.TokenRevoked, AuditEvents.InviteRevoked,
        })
        {
            Assert.Contains(expected, events);
        }

        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        var secrets = new[] { "audit-secret-api-key", athleteToken[4..], coachToken[4..], newCoachToken[4..], code, "@" };
        foreach (var entry in entries)
        {
            var text = $"{entry.Event} {entry.Actor} {entry.Detail}";
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }

        var grants = entries.First(e => e.Event == AuditEvents.GrantsChanged);
        Assert.Equal(Actors.Athlete(ada.Id), grants.Actor);
        Assert.StartsWith("tools=get_activity_detail,", grants.Detail, StringComparison.Ordinal);
        Assert.Equal(entries.OrderByDescending(e => e.Id).Select(e => e.Id), entries.Select(e => e.Id));
    }
}
