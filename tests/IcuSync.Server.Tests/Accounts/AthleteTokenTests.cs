using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Flow 5: the athlete views and regenerates their token, and disconnects Intervals.icu.</summary>
public sealed class AthleteTokenTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Viewing_the_token_shows_the_same_url_every_time(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var tokens = host.Get<McpTokenService>();

        var first = await tokens.GetOrIssueAsync(TokenOwner.Athlete(ada.Id), Actors.Athlete(ada.Id), host.Ct);
        var second = await tokens.GetOrIssueAsync(TokenOwner.Athlete(ada.Id), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(first.Value!.Created);
        Assert.False(second.Value!.Created);
        Assert.Equal(first.Value.McpUrl, second.Value.McpUrl);
        Assert.Matches("^https://icusync\\.test/mcp/icu_[A-Za-z0-9_-]{43}$", first.Value.McpUrl);
        var issueAgain = await tokens.IssueAsync(TokenOwner.Athlete(ada.Id), Actors.Admin, host.Ct);
        Assert.Equal(AccountErrorCodes.TokenAlreadyIssued, issueAgain.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Regenerating_the_athlete_token_kills_the_old_one_at_once(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var old = await host.AthleteTokenAsync(ada.Id);

        var regenerated = await host.Get<McpTokenService>().RegenerateAsync(TokenOwner.Athlete(ada.Id), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(regenerated.Succeeded, regenerated.ToString());
        Assert.Null(await host.ResolveAsync(old));
        var fresh = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(regenerated.Value.McpUrl));
        Assert.Equal(regenerated.Value.TokenId, fresh?.TokenId);
        var all = await host.Get<McpTokenService>().ListAsync(ada.Id, null, host.Ct);
        Assert.Equal(2, all.Count);
        Assert.Single(all, t => t.RevokedAt is null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Disconnecting_intervals_removes_the_stored_credential(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["read"]), Actors.Athlete(ada.Id), host.Ct);
        var coachToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));

        var result = await host.Get<AthleteAccountService>().DisconnectIntervalsAsync(ada.Id, Actors.Athlete(ada.Id), host.Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(CredentialKind.None, result.Value.CredentialKind);
        await using (var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct))
        {
            var row = await db.AthleteAccounts.AsNoTracking().SingleAsync(a => a.Id == ada.Id, host.Ct);
            Assert.Null(row.ProtectedCredential);
            Assert.Null(row.CredentialScopes);
        }

        var credentials = host.Get<IAthleteCredentials>();
        Assert.Null(await credentials.GetForAsync((await host.ResolveAsync(token))!, "i1001", host.Ct));
        Assert.Null(await credentials.GetForAsync((await host.ResolveAsync(coachToken))!, "i1001", host.Ct));
        var audit = await host.Get<AuditLog>().ListAsync(10, ada.Id, null, host.Ct);
        Assert.Equal(AuditEvents.CredentialRemoved, audit[0].Event);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Account_creation_refuses_duplicates_and_bad_input_and_writes_nothing(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var accounts = host.Get<AthleteAccountService>();
        await host.CreateAthleteAsync("Ada Cyclist", "i1001", email: "ada@athletes.test");

        var sameEmail = await accounts.CreateAsync(new NewAthleteAccount("ADA@athletes.test", "Other"), Actors.Admin, host.Ct);
        var sameAthlete = await accounts.CreateAsync(new NewAthleteAccount("other@athletes.test", "Other", "i1001"), Actors.Admin, host.Ct);
        var badId = await accounts.CreateAsync(new NewAthleteAccount("x@athletes.test", "X", "athlete-7"), Actors.Admin, host.Ct);
        var badZone = await accounts.CreateAsync(new NewAthleteAccount("y@athletes.test", "Y", TimeZone: "Mars/Olympus"), Actors.Admin, host.Ct);
        var badName = await accounts.CreateAsync(new NewAthleteAccount("z@athletes.test", "  "), Actors.Admin, host.Ct);
        var badKey = await accounts.ConnectApiKeyAsync((await accounts.FindAsync("i1001", host.Ct))!.Id, "i1001", "has spaces in it", Actors.Admin, host.Ct);

        Assert.Equal(AccountErrorCodes.EmailTaken, sameEmail.Error?.Code);
        Assert.Equal(AccountErrorCodes.AthleteIdTaken, sameAthlete.Error?.Code);
        Assert.Equal((AccountErrorCodes.InvalidAthleteId, "athlete-id"), (badId.Error?.Code, badId.Error?.Field));
        Assert.Equal((AccountErrorCodes.InvalidTimeZone, "timezone"), (badZone.Error?.Code, badZone.Error?.Field));
        Assert.Equal(AccountErrorCodes.InvalidName, badName.Error?.Code);
        Assert.Equal((AccountErrorCodes.InvalidCredential, "api-key"), (badKey.Error?.Code, badKey.Error?.Field));
        Assert.Single(await accounts.ListAsync(host.Ct));
        Assert.NotNull(await host.Get<IAthleteCredentials>().GetForAsync(
            (await host.ResolveAsync(await host.AthleteTokenAsync((await accounts.FindAsync("i1001", host.Ct))!.Id)))!, "i1001", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Selected_athlete_survives_a_restart_and_is_shared_by_every_instance(string provider)
    {
        await using var first = await AccountsTestHost.StartAsync(provider);
        var ada = await first.CreateAthleteAsync("Ada Cyclist", "i1001");
        var ben = await first.CreateAthleteAsync("Ben Runner", "i1002");
        var invites = first.Get<CoachInviteService>();
        await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["read"]), Actors.Athlete(ada.Id), first.Ct);
        var benInvite = await invites.InviteAsync(ben.Id, new CoachInviteRequest("kim@example.com", ["read"]), Actors.Athlete(ben.Id), first.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(first.Mails()[0], "https://icusync.test/mcp/"));
        var principal = await first.ResolveAsync(token);
        Assert.Null(principal!.SelectedAthleteId);

        await first.Get<IAthleteSelection>().SelectAsync(principal.TokenId, "i1002", first.Ct);

        await using var second = await first.StartAnotherInstanceAsync();
        Assert.Equal("i1002", (await second.ResolveAsync(token))!.SelectedAthleteId);

        // A selection the token no longer reaches is not handed out.
        await second.Get<CoachInviteService>().RevokeAsync(ben.Id, benInvite.Value!.InviteId, Actors.Athlete(ben.Id), second.Ct);
        Assert.Null((await first.ResolveAsync(token))!.SelectedAthleteId);
    }
}
