using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Flow 1 (invite) and flow 2 (change or revoke grants).</summary>
public sealed class InviteFlowTests
{
    private static readonly string[] SomeReads = ["get_fitness", "get_wellness"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invite_creates_one_coach_token_and_emails_the_url_with_the_connect_steps(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");

        var outcome = await host.Get<CoachInviteService>().InviteAsync(
            ada.Id, new CoachInviteRequest("Coach.Kim@Example.com", ["get_fitness", "push_workout"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(InviteChange.Created, outcome.Value.Change);
        Assert.True(outcome.Value.EmailSent);
        var mail = Assert.Single(host.Mails());
        Assert.Equal("coach.kim@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Ada Cyclist invited you to coach them on IcuSync", mail.Subject);
        var url = MailFolder.UrlIn(mail, "https://icusync.test/mcp/");
        Assert.StartsWith("https://icusync.test/mcp/icu_", url, StringComparison.Ordinal);
        Assert.Contains("Customize", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("+ button next to Connectors", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("- push_workout", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("delete_workout", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}\"", mail.HtmlBody, StringComparison.Ordinal);

        var coach = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url));
        Assert.NotNull(coach);
        Assert.Equal(PrincipalKind.InvitedCoach, coach.Kind);
        var athlete = Assert.Single(coach.Athletes);
        Assert.Equal(("i1001", "Ada Cyclist", false, false, GrantSources.Athlete), (athlete.AthleteId, athlete.Name, athlete.IsSelf, athlete.CanChangeSettings, athlete.GrantedBy));
        Assert.Equal(["get_fitness", "push_workout"], athlete.GrantedTools.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Inviting_the_same_email_again_updates_the_grants_and_sends_no_new_token(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var invites = host.Get<CoachInviteService>();
        var first = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", SomeReads), Actors.Athlete(ada.Id), host.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(Assert.Single(host.Mails()), "https://icusync.test/mcp/"));

        var second = await invites.InviteAsync(ada.Id, new CoachInviteRequest("KIM@example.com ", ["read", "edit_workout"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(InviteChange.GrantsUpdated, second.Value.Change);
        Assert.Equal(first.Value!.InviteId, second.Value.InviteId);
        Assert.False(second.Value.EmailSent);
        Assert.Single(host.Mails());
        var tokens = await host.Get<McpTokenService>().ListAsync(null, second.Value.CoachId, host.Ct);
        Assert.Single(tokens);
        var athlete = Assert.Single((await host.ResolveAsync(token))!.Athletes);
        Assert.Equal(ToolCatalog.ReadTools.Append("edit_workout").Order(StringComparer.Ordinal), athlete.GrantedTools.Order(StringComparer.Ordinal));
        Assert.Equal(11, athlete.GrantedTools.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_athlete_inviting_the_same_email_adds_to_the_same_token_with_its_own_grants(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var ben = await host.CreateAthleteAsync("Ben Runner", "i1002");
        var invites = host.Get<CoachInviteService>();
        await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);
        await invites.InviteAsync(ben.Id, new CoachInviteRequest("kim@example.com", ["get_wellness", "delete_workout"]), Actors.Athlete(ben.Id), host.Ct);

        var mails = host.Mails();
        Assert.Equal(2, mails.Count);
        var urls = mails.Select(m => MailFolder.UrlIn(m, "https://icusync.test/mcp/")).Distinct().ToList();
        var url = Assert.Single(urls);
        var coach = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url));
        Assert.NotNull(coach);
        Assert.Equal(["i1001", "i1002"], coach.Athletes.Select(a => a.AthleteId).Order(StringComparer.Ordinal));
        Assert.Equal(["get_fitness"], coach.Athletes.Single(a => a.AthleteId == "i1001").GrantedTools);
        Assert.Equal(["delete_workout", "get_wellness"], coach.Athletes.Single(a => a.AthleteId == "i1002").GrantedTools.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invite_with_an_unknown_tool_is_refused_naming_it_and_writes_nothing(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var before = await CountRowsAsync(host);

        var result = await host.Get<CoachInviteService>().InviteAsync(
            ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness", "get_fitnes", "hack_everything"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(AccountErrorCodes.UnknownTool, result.Error.Code);
        Assert.Equal("tools", result.Error.Field);
        Assert.Contains("'get_fitnes'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'hack_everything'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("get_power_curves", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync(host));
        Assert.Empty(host.Mails());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("kim@localhost")]
    [InlineData("Kim <kim@example.com>")]
    [InlineData("kim@example.com, eve@example.com")]
    [InlineData("")]
    public async Task Invite_with_an_invalid_email_is_refused_and_writes_nothing(string email)
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var before = await CountRowsAsync(host);

        var result = await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest(email, SomeReads), Actors.Athlete(ada.Id), host.Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(AccountErrorCodes.InvalidEmail, result.Error.Code);
        Assert.Equal("coach email", result.Error.Field);
        Assert.Contains("name@example.com", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync(host));
    }

    [Fact]
    public async Task Settings_cannot_be_granted_and_an_empty_grant_is_refused()
    {
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var invites = host.Get<CoachInviteService>();

        var settings = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness", "settings"]), Actors.Athlete(ada.Id), host.Ct);
        var empty = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", []), Actors.Athlete(ada.Id), host.Ct);

        Assert.Equal(AccountErrorCodes.ToolNotGrantable, settings.Error?.Code);
        Assert.Equal(AccountErrorCodes.NoTools, empty.Error?.Code);
        Assert.Empty(await invites.ListAsync(ada.Id, host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sending_an_invite_needs_an_active_plan(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", PlanStatus.Inactive);

        var result = await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", SomeReads), Actors.Athlete(ada.Id), host.Ct);

        Assert.Equal(AccountErrorCodes.PlanInactive, result.Error?.Code);
        Assert.Empty(host.Mails());
        Assert.Equal(0, await CountAsync(host, db => db.InvitedCoaches));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changed_grants_apply_on_the_coach_s_very_next_call(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var invites = host.Get<CoachInviteService>();
        var invite = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));
        Assert.Equal(["get_fitness"], (await host.ResolveAsync(token))!.Athletes[0].GrantedTools);

        var changed = await invites.ChangeGrantsAsync(ada.Id, invite.Value!.InviteId, ["get_wellness", "push_workout"], Actors.Athlete(ada.Id), host.Ct);

        Assert.True(changed.Succeeded, changed.ToString());
        var next = await host.ResolveAsync(token);
        Assert.Equal(["get_wellness", "push_workout"], next!.Athletes[0].GrantedTools.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_revoked_grant_is_refused_at_once(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var ben = await host.CreateAthleteAsync("Ben Runner", "i1002");
        var invites = host.Get<CoachInviteService>();
        var adaInvite = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", SomeReads), Actors.Athlete(ada.Id), host.Ct);
        await invites.InviteAsync(ben.Id, new CoachInviteRequest("kim@example.com", SomeReads), Actors.Athlete(ben.Id), host.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));
        var before = await host.ResolveAsync(token);
        Assert.NotNull(await host.Get<IAthleteCredentials>().GetForAsync(before!, "i1001", host.Ct));

        var revoked = await invites.RevokeAsync(ada.Id, adaInvite.Value!.InviteId, Actors.Athlete(ada.Id), host.Ct);

        Assert.True(revoked.Succeeded, revoked.ToString());
        var after = await host.ResolveAsync(token);
        Assert.Equal(["i1002"], after!.Athletes.Select(a => a.AthleteId));
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(after, "i1001", host.Ct));

        // A principal resolved before the revocation is refused too: credentials are re-checked where data is read.
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(before!, "i1001", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_athlete_cannot_change_or_revoke_an_invite_it_does_not_own(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var eve = await host.CreateAthleteAsync("Eve Intruder", "i1666");
        var invites = host.Get<CoachInviteService>();
        var invite = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);

        var change = await invites.ChangeGrantsAsync(eve.Id, invite.Value!.InviteId, ["all"], Actors.Athlete(eve.Id), host.Ct);
        var revoke = await invites.RevokeAsync(eve.Id, invite.Value.InviteId, Actors.Athlete(eve.Id), host.Ct);

        Assert.Equal(AccountErrorCodes.InviteNotFound, change.Error?.Code);
        Assert.Equal(AccountErrorCodes.InviteNotFound, revoke.Error?.Code);
        var stored = Assert.Single(await invites.ListAsync(ada.Id, host.Ct));
        Assert.Equal(["get_fitness"], stored.Tools);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_athlete_who_trains_and_coaches_gets_one_coach_token_covering_themself_and_their_athletes(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var dana = await host.CreateAthleteAsync("Dana Coach", "i2001");
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var invites = host.Get<CoachInviteService>();

        var own = await invites.InviteAsync(dana.Id, new CoachInviteRequest("dana.coach@example.com", [], IsOwnCoachEmail: true), Actors.Athlete(dana.Id), host.Ct);
        await invites.InviteAsync(ada.Id, new CoachInviteRequest("dana.coach@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);

        Assert.True(own.Succeeded, own.ToString());
        Assert.Equal("Your IcuSync coach URL", host.Mails()[0].Subject);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));
        var coach = await host.ResolveAsync(token);
        Assert.NotNull(coach);
        Assert.Equal("Dana Coach (coach)", coach.DisplayName);
        var self = coach.Athletes[0];
        Assert.Equal(("i2001", true, true, 13), (self.AthleteId, self.IsSelf, self.CanChangeSettings, self.GrantedTools.Count));
        var athlete = coach.Athletes[1];
        Assert.Equal(("i1001", false, false), (athlete.AthleteId, athlete.IsSelf, athlete.CanChangeSettings));
        Assert.Equal(["get_fitness"], athlete.GrantedTools);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_lapsed_plan_removes_the_athlete_from_invited_coaches(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", SomeReads), Actors.Athlete(ada.Id), host.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));

        await host.Get<AthleteAccountService>().SetPlanAsync(ada.Id, PlanStatus.Inactive, Actors.Admin, host.Ct);

        var coach = await host.ResolveAsync(token);
        Assert.NotNull(coach);
        Assert.Empty(coach.Athletes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Simultaneous_invites_of_a_new_coach_email_share_one_coach_and_one_token(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var athletes = new List<AccountSummary>();
        for (var i = 0; i < 4; i++)
        {
            athletes.Add(await host.CreateAthleteAsync($"Athlete{i} Test", $"i300{i}"));
        }

        var invites = host.Get<CoachInviteService>();
        var results = await Task.WhenAll(athletes.Select(a => Task.Run(() =>
            invites.InviteAsync(a.Id, new CoachInviteRequest("kim@example.com", ["read"]), Actors.Athlete(a.Id), host.Ct))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Single(results.Select(r => r.Value!.CoachId).Distinct());
        var counts = await CountRowsAsync(host);
        Assert.Equal((1, 4, 1), (counts.Coaches, counts.Invites, counts.Tokens));
        var url = Assert.Single(host.Mails().Select(m => MailFolder.UrlIn(m, "https://icusync.test/mcp/")).Distinct());
        Assert.Equal(4, (await host.ResolveAsync(AccountsTestHost.TokenFromUrl(url)))!.Athletes.Count);
    }

    internal static async Task<(int Coaches, int Invites, int Grants, int Tokens, int Audit)> CountRowsAsync(AccountsTestHost host)
    {
        await using var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        return (await db.InvitedCoaches.CountAsync(host.Ct), await db.CoachInvites.CountAsync(host.Ct), await db.CoachGrants.CountAsync(host.Ct),
            await db.McpTokens.CountAsync(host.Ct), await db.AuditEntries.CountAsync(host.Ct));
    }

    internal static async Task<int> CountAsync<T>(AccountsTestHost host, Func<IcuSyncDbContext, IQueryable<T>> set)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        return await set(db).CountAsync(host.Ct);
    }
}
