using IcuSync.Intervals;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Flow 7 (resolution) and the isolation rules between principals.</summary>
public sealed class PrincipalResolutionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_athlete_token_reaches_only_that_athlete_with_every_tool_and_settings(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-secret-key");
        await host.CreateAthleteAsync("Ben Runner", "i1002");

        var principal = await host.ResolveAsync(await host.AthleteTokenAsync(ada.Id));

        Assert.NotNull(principal);
        Assert.Equal((PrincipalKind.Athlete, "Ada Cyclist"), (principal.Kind, principal.DisplayName));
        var self = Assert.Single(principal.Athletes);
        Assert.Equal(("i1001", true, true, GrantSources.Athlete), (self.AthleteId, self.IsSelf, self.CanChangeSettings, self.GrantedBy));
        Assert.Equal(ToolCatalog.GrantableTools.Order(StringComparer.Ordinal), self.GrantedTools.Order(StringComparer.Ordinal));
        var credentials = host.Get<IAthleteCredentials>();
        Assert.Equal(IntervalsCredential.ApiKey("ada-secret-key"), await credentials.GetForAsync(principal, "i1001", host.Ct));
        Assert.Null(await credentials.GetForAsync(principal, "i1002", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_revoked_and_malformed_tokens_resolve_to_none(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var tokens = host.Get<McpTokenService>();
        var unknown = host.Get<AccountSecrets>().NewToken();

        Assert.Null(await host.ResolveAsync(unknown));
        foreach (var malformed in new[] { "", "icu_", token[..^1], token + "A", token.Replace('_', '/'), new string('A', 500), "icu_" + new string('é', 43) })
        {
            Assert.Null(await host.ResolveAsync(malformed));
        }

        var principal = await host.ResolveAsync(token);
        Assert.NotNull(principal);
        await tokens.RevokeAsync(principal.TokenId, Actors.Admin, host.Ct);
        Assert.Null(await host.ResolveAsync(token));
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(principal, "i1001", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_coach_never_reaches_an_athlete_who_did_not_invite_them(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-key");
        var ben = await host.CreateAthleteAsync("Ben Runner", "i1002", apiKey: "ben-key");
        var cleo = await host.CreateAthleteAsync("Cleo Triathlete", "i1003", apiKey: "cleo-key");
        var invites = host.Get<CoachInviteService>();
        await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["all"]), Actors.Athlete(ada.Id), host.Ct);
        await invites.InviteAsync(ben.Id, new CoachInviteRequest("lee@example.com", ["all"]), Actors.Athlete(ben.Id), host.Ct);
        await invites.InviteAsync(cleo.Id, new CoachInviteRequest("lee@example.com", ["get_fitness"]), Actors.Athlete(cleo.Id), host.Ct);
        var kimToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[0], "https://icusync.test/mcp/"));
        var leeToken = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(host.Mails()[1], "https://icusync.test/mcp/"));

        var kim = await host.ResolveAsync(kimToken);
        var lee = await host.ResolveAsync(leeToken);

        Assert.Equal(["i1001"], kim!.Athletes.Select(a => a.AthleteId));
        Assert.Equal(["i1002", "i1003"], lee!.Athletes.Select(a => a.AthleteId).Order(StringComparer.Ordinal));
        var credentials = host.Get<IAthleteCredentials>();
        Assert.Equal(IntervalsCredential.ApiKey("ada-key"), await credentials.GetForAsync(kim, "i1001", host.Ct));
        Assert.Null(await credentials.GetForAsync(kim, "i1002", host.Ct));
        Assert.Null(await credentials.GetForAsync(kim, "i1003", host.Ct));
        Assert.Null(await credentials.GetForAsync(lee, "i1001", host.Ct));

        // A principal record forged to list an athlete the token does not reach gets no credential either.
        var forged = kim with { Athletes = [.. kim.Athletes, lee.Athletes[0]] };
        Assert.Null(await credentials.GetForAsync(forged, "i1002", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Last_used_time_is_recorded_at_most_once_per_resolution_window(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var tokens = host.Get<McpTokenService>();

        var recorder = host.Get<LastUsedRecorder>();

        Assert.Null((await tokens.ListAsync(ada.Id, null, host.Ct))[0].LastUsedAt);
        await host.ResolveAsync(token);
        Assert.Equal(1, await recorder.FlushAsync(host.Ct));
        var first = (await tokens.ListAsync(ada.Id, null, host.Ct))[0].LastUsedAt;
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.ResolveAsync(token);
        Assert.Equal(0, recorder.Pending);
        var unchanged = (await tokens.ListAsync(ada.Id, null, host.Ct))[0].LastUsedAt;
        host.Time.Advance(TimeSpan.FromSeconds(31));
        await host.ResolveAsync(token);
        Assert.Equal(1, await recorder.FlushAsync(host.Ct));
        var later = (await tokens.ListAsync(ada.Id, null, host.Ct))[0].LastUsedAt;

        Assert.Equal(AccountsTestHost.Start, first);
        Assert.Equal(first, unchanged);
        Assert.Equal(AccountsTestHost.Start.AddSeconds(61), later);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_athlete_without_a_connected_account_resolves_with_no_athletes(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var created = await host.Get<AthleteAccountService>().CreateAsync(new NewAthleteAccount("new@athletes.test", "New Athlete"), Actors.Admin, host.Ct);

        var principal = await host.ResolveAsync(await host.AthleteTokenAsync(created.Value!.Id));

        Assert.NotNull(principal);
        Assert.Empty(principal.Athletes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intervals_credentials_are_encrypted_at_rest(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "very-secret-api-key-123");
        var oauth = await host.Get<AthleteAccountService>().CreateAsync(new NewAthleteAccount("oauth@athletes.test", "Olly OAuth"), Actors.Admin, host.Ct);
        await host.Get<AthleteAccountService>().ConnectOAuthAsync(oauth.Value!.Id, "i1004", "oauth-access-token-456", ["ACTIVITY:READ", "calendar:write"], Actors.Admin, host.Ct);
        var adaToken = await host.AthleteTokenAsync(ada.Id);

        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        var stored = await db.AthleteAccounts.AsNoTracking().ToListAsync(host.Ct);
        var tokens = await db.McpTokens.AsNoTracking().ToListAsync(host.Ct);

        Assert.All(stored, a => Assert.DoesNotContain("very-secret-api-key-123", a.ProtectedCredential!, StringComparison.Ordinal));
        Assert.All(stored, a => Assert.DoesNotContain("oauth-access-token-456", a.ProtectedCredential!, StringComparison.Ordinal));
        Assert.DoesNotContain(adaToken, tokens[0].ProtectedValue, StringComparison.Ordinal);
        Assert.Equal("ACTIVITY:READ,CALENDAR:WRITE", stored.Single(a => a.Id == oauth.Value.Id).CredentialScopes);
        Assert.True(await db.DataProtectionKeys.AnyAsync(host.Ct));

        var olly = await host.ResolveAsync(await host.AthleteTokenAsync(oauth.Value.Id));
        var credential = await host.Get<IAthleteCredentials>().GetForAsync(olly!, "i1004", host.Ct);
        Assert.Equal(IntervalsCredential.Bearer("oauth-access-token-456"), credential);
        Assert.Equal(["ACTIVITY:READ", "CALENDAR:WRITE"], credential!.Scopes);
    }
}
