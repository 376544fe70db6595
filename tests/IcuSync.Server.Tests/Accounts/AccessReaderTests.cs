using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>
/// The plain token read that replaces EF Core on every uncached token resolution: it must see each kind of token exactly
/// as EF Core stores it, on both providers, and an athlete's token must resolve without any EF Core command.
/// </summary>
public sealed class AccessReaderTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_kind_of_token_reads_as_EF_Core_stores_it(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-key");
        var athlete = await host.AthleteTokenAsync(ada.Id);
        var resolved = await host.ResolveAsync(athlete);
        await host.Get<IAthleteSelection>().SelectAsync(resolved!.TokenId, "i1001", host.Ct);
        await host.Get<LastUsedRecorder>().FlushAsync(host.Ct);
        await host.Get<CoachInviteService>().InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), host.Ct);
        var invited = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn((await host.MailsAsync())[0], "https://icusync.test/mcp/"));
        var direct = await DirectCoachTests.DirectCoachTokenAsync(host);
        var ben = await host.CreateAthleteAsync("Ben Runner", "i1002");
        var revoked = await host.AthleteTokenAsync(ben.Id);
        await host.Get<McpTokenService>().RevokeAsync((await host.ResolveAsync(revoked))!.TokenId, Actors.Admin, host.Ct);

        var reader = host.Get<AccessReader>();
        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        foreach (var token in new[] { athlete, invited, direct, revoked })
        {
            var hash = AccountSecrets.Hash(token);
            var stored = await db.McpTokens.AsNoTracking().SingleAsync(t => t.Hash == hash, host.Ct);
            var account = stored.AthleteAccountId is { } id ? await db.AthleteAccounts.AsNoTracking().SingleAsync(a => a.Id == id, host.Ct) : null;

            var read = await reader.FindTokenAsync(hash, host.Ct);

            Assert.NotNull(read);
            Assert.Equal(stored.Id, read.Id);
            Assert.Equal(stored.Hash, read.Hash);
            Assert.Equal(stored.Kind, read.Kind);
            Assert.Equal(stored.RevokedAt is not null, read.Revoked);
            Assert.Equal(stored.LastUsedAt, read.LastUsedAt);
            Assert.Equal(stored.SelectedAthleteId, read.SelectedAthleteId);
            Assert.Equal(stored.InvitedCoachId, read.InvitedCoachId);
            Assert.Equal(account?.Id, read.AccountId);
            Assert.Equal(account?.Name, read.AccountName);
            Assert.Equal(account?.IntervalsAthleteId, read.AccountAthleteId);
        }

        var athleteRow = await reader.FindTokenAsync(AccountSecrets.Hash(athlete), host.Ct);
        Assert.Equal("i1001", athleteRow!.SelectedAthleteId);
        Assert.NotNull(athleteRow.LastUsedAt);
        Assert.Equal(McpTokenKind.InvitedCoach, (await reader.FindTokenAsync(AccountSecrets.Hash(invited), host.Ct))!.Kind);
        Assert.True((await reader.FindTokenAsync(AccountSecrets.Hash(revoked), host.Ct))!.Revoked);
        Assert.Null(await reader.FindTokenAsync(AccountSecrets.Hash(athlete + "x"), host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_athletes_token_resolves_without_any_EF_Core_command(string provider)
    {
        // EF Core's first LINQ query of a process compiles its query pipeline (about a fifth of a cold start); the first
        // tools/list of an athlete must not pay it.
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(commands));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        commands.Clear();

        var principal = await host.ResolveAsync(token);

        Assert.NotNull(principal);
        Assert.Equal("Ada Cyclist", principal.DisplayName);
        Assert.Equal(["i1001"], principal.Athletes.Select(a => a.AthleteId));
        Assert.Empty(commands.Commands);
    }
}
