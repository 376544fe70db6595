using IcuSync.Intervals;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Tests.Data;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>
/// The principal cache: a repeated call costs one access-stamp read, and every change to access is still seen on the
/// very next call, on this instance and on another one sharing the database.
/// </summary>
public sealed class PrincipalCacheTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_repeated_call_runs_no_token_or_credential_query(string provider)
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(commands));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-key");
        var token = await host.AthleteTokenAsync(ada.Id);
        var credentials = host.Get<IAthleteCredentials>();
        var first = await host.ResolveAsync(token);
        Assert.Equal(IntervalsCredential.ApiKey("ada-key"), await credentials.GetForAsync(first!, "i1001", host.Ct));

        commands.Clear();
        var again = await host.ResolveAsync(token);
        var credential = await credentials.GetForAsync(again!, "i1001", host.Ct);

        Assert.Same(first, again);
        Assert.Equal(IntervalsCredential.ApiKey("ada-key"), credential);
        // The stamp is read with a plain command outside EF Core; no token, invite or credential query runs.
        Assert.Empty(commands.Commands);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Grants_selection_credentials_and_revocation_apply_on_the_next_call_of_another_instance(string provider)
    {
        await using var first = await AccountsTestHost.StartAsync(provider);
        await using var second = await first.StartAnotherInstanceAsync();
        var ada = await first.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-key");
        var ben = await first.CreateAthleteAsync("Ben Runner", "i1002", apiKey: "ben-key");
        var invites = first.Get<CoachInviteService>();
        var adaInvite = await invites.InviteAsync(ada.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ada.Id), first.Ct);
        await invites.InviteAsync(ben.Id, new CoachInviteRequest("kim@example.com", ["get_fitness"]), Actors.Athlete(ben.Id), first.Ct);
        var token = AccountsTestHost.TokenFromUrl(MailFolder.UrlIn(first.Mails()[0], "https://icusync.test/mcp/"));
        var cached = await second.ResolveAsync(token);
        Assert.Equal(IntervalsCredential.ApiKey("ada-key"), await second.Get<IAthleteCredentials>().GetForAsync(cached!, "i1001", second.Ct));
        Assert.Same(cached, await second.ResolveAsync(token));

        // A grant changed on the first instance.
        await invites.ChangeGrantsAsync(ada.Id, adaInvite.Value!.InviteId, ["get_fitness", "get_wellness"], Actors.Athlete(ada.Id), first.Ct);
        var regranted = await second.ResolveAsync(token);
        Assert.Contains("get_wellness", regranted!.Athletes.Single(a => a.AthleteId == "i1001").GrantedTools);

        // The athlete selected on the first instance.
        await first.Get<IAthleteSelection>().SelectAsync(regranted.TokenId, "i1002", first.Ct);
        Assert.Equal("i1002", (await second.ResolveAsync(token))!.SelectedAthleteId);

        // A new API key connected on the first instance.
        await first.Get<AthleteAccountService>().ConnectApiKeyAsync(ada.Id, "i1001", "ada-new-key", Actors.Athlete(ada.Id), first.Ct);
        var reconnected = await second.ResolveAsync(token);
        Assert.Equal(IntervalsCredential.ApiKey("ada-new-key"), await second.Get<IAthleteCredentials>().GetForAsync(reconnected!, "i1001", second.Ct));

        // The invite revoked, then the token.
        await invites.RevokeAsync(ada.Id, adaInvite.Value.InviteId, Actors.Athlete(ada.Id), first.Ct);
        Assert.Equal(["i1002"], (await second.ResolveAsync(token))!.Athletes.Select(a => a.AthleteId));
        await first.Get<McpTokenService>().RevokeAsync(regranted.TokenId, Actors.Admin, first.Ct);
        Assert.Null(await second.ResolveAsync(token));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_principal_kept_from_before_a_revocation_gets_no_cached_credential(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001", apiKey: "ada-key");
        var token = await host.AthleteTokenAsync(ada.Id);
        var principal = await host.ResolveAsync(token);
        var credentials = host.Get<IAthleteCredentials>();
        Assert.NotNull(await credentials.GetForAsync(principal!, "i1001", host.Ct));

        await host.Get<McpTokenService>().RevokeAsync(principal!.TokenId, Actors.Admin, host.Ct);

        Assert.Null(await credentials.GetForAsync(principal, "i1001", host.Ct));
        Assert.Null(await host.ResolveAsync(token));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Entries_end_after_their_lifetime_and_a_lifetime_of_zero_turns_the_cache_off(string provider)
    {
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(commands));
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var first = await host.ResolveAsync(token);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotSame(first, await host.ResolveAsync(token));

        await using var off = await AccountsTestHost.StartAsync(
            provider,
            configure: c => c["Accounts:PrincipalCacheLifetime"] = "00:00:00",
            services: s => s.AddSingleton<IInterceptor>(commands).AddSingleton<IAccessCommandObserver>(commands));
        var ben = await off.CreateAthleteAsync("Ben Runner", "i1002");
        var benToken = await off.AthleteTokenAsync(ben.Id);
        var uncached = await off.ResolveAsync(benToken);
        commands.Clear();
        Assert.NotSame(uncached, await off.ResolveAsync(benToken));
        Assert.Contains("McpTokens", Tables(commands));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cached_calls_still_record_when_the_token_was_last_used(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider, configure: c => c["Accounts:PrincipalCacheLifetime"] = "00:10:00");
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var principal = await host.ResolveAsync(token);

        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Same(principal, await host.ResolveAsync(token));
        await host.Get<LastUsedRecorder>().FlushAsync(host.Ct);

        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        var stored = await db.McpTokens.AsNoTracking().SingleAsync(t => t.Id == principal!.TokenId, host.Ct);
        Assert.Equal(host.Time.GetUtcNow(), stored.LastUsedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_direct_coach_is_resolved_again_when_the_roster_is_due_and_only_a_changed_roster_moves_the_stamp(string provider)
    {
        var source = new RecordingRosterSource(new CoachRosterAthlete("i1001", "Ada Cyclist", RosterPermission.Write));
        await using var host = await AccountsTestHost.StartAsync(
            provider,
            configure: c => c["Accounts:PrincipalCacheLifetime"] = "01:00:00",
            services: s => s.AddSingleton<ICoachRosterSource>(source));
        var token = await DirectCoachTests.DirectCoachTokenAsync(host);
        // The first call stores the fetched roster, which moves the stamp on: the second call resolves once more.
        await host.ResolveAsync(token);
        var first = await host.ResolveAsync(token);
        var stamp = await StampAsync(host);

        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(first, await host.ResolveAsync(token));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var unchanged = await host.ResolveAsync(token);
        Assert.Equal(2, source.Calls);
        Assert.NotSame(first, unchanged);
        Assert.Equal(stamp, await StampAsync(host));

        source.Roster = [new CoachRosterAthlete("i1001", "Ada Cyclist", RosterPermission.Read)];
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var changed = await host.ResolveAsync(token);
        Assert.DoesNotContain("push_workout", changed!.Athletes.Single(a => a.AthleteId == "i1001").GrantedTools);
        Assert.True(await StampAsync(host) > stamp);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Calls_write_no_last_used_time_themselves_and_one_flush_writes_all_that_came_due(string provider)
    {
        // 1,000 tokens first used together all came due together a minute later, and each call wrote its own stamp: a
        // write transaction inside each of 1,000 calls, which stalled a loaded server for half a second every minute.
        var commands = new DbCommandRecorder();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(commands));
        var tokens = new List<string>();
        foreach (var (name, id) in new[] { ("Ada Cyclist", "i1001"), ("Ben Runner", "i1002"), ("Cleo Triathlete", "i1003") })
        {
            tokens.Add(await host.AthleteTokenAsync((await host.CreateAthleteAsync(name, id)).Id));
        }

        foreach (var token in tokens)
        {
            await host.ResolveAsync(token);
        }

        var recorder = host.Get<LastUsedRecorder>();
        await recorder.FlushAsync(host.Ct);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        commands.Clear();
        foreach (var token in tokens)
        {
            await host.ResolveAsync(token);
        }

        Assert.DoesNotContain(commands.Commands, c => c.Text.Contains("UPDATE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, recorder.Pending);
        // The dashboard and the admin list show a noted use at once, before it is written.
        Assert.All(await host.Get<McpTokenService>().ListAsync(null, null, host.Ct), t => Assert.Equal(host.Time.GetUtcNow(), t.LastUsedAt));

        Assert.Equal(3, await recorder.FlushAsync(host.Ct));
        Assert.Single(commands.Commands, c => c.Text.Contains("UPDATE", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, recorder.Pending);
        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        var stored = await db.McpTokens.AsNoTracking().Select(t => t.LastUsedAt).ToListAsync(host.Ct);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, at => Assert.Equal(host.Time.GetUtcNow(), at));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stopping_the_server_writes_the_last_used_times_not_yet_flushed(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var ada = await host.CreateAthleteAsync("Ada Cyclist", "i1001");
        var token = await host.AthleteTokenAsync(ada.Id);
        var principal = await host.ResolveAsync(token);
        var recorder = host.Get<LastUsedRecorder>();
        Assert.Equal(1, recorder.Pending);

        await recorder.StartAsync(host.Ct);
        await recorder.StopAsync(host.Ct);

        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);
        var stored = await db.McpTokens.AsNoTracking().SingleAsync(t => t.Id == principal!.TokenId, host.Ct);
        Assert.Equal(AccountsTestHost.Start, stored.LastUsedAt);
    }

    private static Task<long> StampAsync(AccountsTestHost host) => host.Get<AccessReader>().ReadStampAsync(host.Ct);

    /// <summary>The first of the access tables each recorded command names, in order.</summary>
    private static List<string> Tables(DbCommandRecorder commands) =>
        [.. commands.Commands.Select(c => new[] { "McpTokens", "CoachInvites", "AthleteAccounts", "RosterEntries" }
            .Select(name => (name, at: c.Text.IndexOf('"' + name + '"', StringComparison.Ordinal)))
            .Where(t => t.at >= 0)
            .OrderBy(t => t.at)
            .Select(t => t.name)
            .FirstOrDefault() ?? c.Text)];
}
