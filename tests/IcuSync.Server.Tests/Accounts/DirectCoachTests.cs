using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcuSync.Server.Tests.Accounts;

/// <summary>Direct coaches (option B): the roster comes from Intervals.icu (here the sandbox) with READ/WRITE per athlete.</summary>
public sealed class DirectCoachTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_direct_coach_reaches_the_intervals_roster_with_read_or_all_tools(string provider)
    {
        await using var sandbox = await StartSandboxAsync();
        var counter = new CountingRosterSource();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => UseSandbox(s, sandbox, counter));
        var token = await DirectCoachTokenAsync(host);

        var coach = await host.ResolveAsync(token);

        Assert.NotNull(coach);
        Assert.Equal((PrincipalKind.DirectCoach, "Dana Coach"), (coach.Kind, coach.DisplayName));
        Assert.Equal(["i2001", "i1001", "i1002", "i1003"], coach.Athletes.Select(a => a.AthleteId));
        var self = coach.Athletes[0];
        Assert.Equal((true, true, 13, GrantSources.Athlete), (self.IsSelf, self.CanChangeSettings, self.GrantedTools.Count, self.GrantedBy));
        var write = coach.Athletes.Single(a => a.AthleteId == SandboxPrincipals.CyclistId);
        Assert.Equal((false, true, GrantSources.IntervalsCoachAccess), (write.IsSelf, write.CanChangeSettings, write.GrantedBy));
        Assert.Equal(ToolCatalog.GrantableTools.Order(StringComparer.Ordinal), write.GrantedTools.Order(StringComparer.Ordinal));
        var read = coach.Athletes.Single(a => a.AthleteId == SandboxPrincipals.RunnerId);
        Assert.False(read.CanChangeSettings);
        Assert.Equal(ToolCatalog.ReadTools.Order(StringComparer.Ordinal), read.GrantedTools.Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(read.Name));

        // Every athlete is reached with the coach's own credential.
        var credentials = host.Get<IAthleteCredentials>();
        foreach (var athlete in coach.Athletes)
        {
            Assert.Equal(IntervalsCredential.ApiKey(SandboxPrincipals.CoachApiKey), await credentials.GetForAsync(coach, athlete.AthleteId, host.Ct));
        }

        Assert.Null(await credentials.GetForAsync(coach, "i9999", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_roster_is_fetched_at_most_every_ten_minutes(string provider)
    {
        await using var sandbox = await StartSandboxAsync();
        var counter = new CountingRosterSource();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => UseSandbox(s, sandbox, counter));
        var token = await DirectCoachTokenAsync(host);
        var rosters = host.Get<DirectCoachRosters>();
        var dana = (await host.Get<AthleteAccountService>().FindAsync(SandboxPrincipals.CoachId, host.Ct))!;

        await host.ResolveAsync(token);
        await host.ResolveAsync(token);
        var onDemand = await rosters.RefreshAsync(dana.Id, host.Ct);
        host.Time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        await host.ResolveAsync(token);
        Assert.Equal(1, counter.Calls);
        Assert.False(onDemand.Value!.Fetched);
        Assert.Equal(4, onDemand.Value.Athletes.Count);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await rosters.RefreshAsync(dana.Id, host.Ct);
        await host.ResolveAsync(token);

        Assert.True(refreshed.Value!.Fetched);
        Assert.Equal(AccountsTestHost.Start.AddMinutes(10), refreshed.Value.RefreshedAt);
        Assert.Equal(2, counter.Calls);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_changes_on_intervals_show_up_after_the_next_refresh(string provider)
    {
        var source = new RecordingRosterSource(
            new CoachRosterAthlete("i2001", "Dana Coach", RosterPermission.None),
            new CoachRosterAthlete("i1001", "Ada Cyclist", RosterPermission.Write),
            new CoachRosterAthlete("i1002", "Ben Runner", RosterPermission.Read));
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<ICoachRosterSource>(source));
        var token = await DirectCoachTokenAsync(host);
        Assert.Equal(3, (await host.ResolveAsync(token))!.Athletes.Count);

        source.Roster = [new CoachRosterAthlete("i1001", "Ada Cyclist", RosterPermission.Read), new CoachRosterAthlete("i1005", "Fay Follower", RosterPermission.None)];
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var coach = await host.ResolveAsync(token);

        Assert.Equal(["i2001", "i1001"], coach!.Athletes.Select(a => a.AthleteId));
        Assert.False(coach.Athletes[1].GrantedTools.Contains("push_workout"));
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(coach, "i1002", host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Direct_coach_mode_needs_an_active_plan_and_a_credential(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        var accounts = host.Get<AthleteAccountService>();
        var inactive = await host.CreateAthleteAsync("Dana Coach", "i2001", PlanStatus.Inactive);
        var unconnected = await accounts.CreateAsync(new NewAthleteAccount("eli@coaches.test", "Eli Coach", Plan: PlanStatus.Active), Actors.Admin, host.Ct);

        var noPlan = await accounts.SetDirectCoachAsync(inactive.Id, true, Actors.Admin, host.Ct);
        var noCredential = await accounts.SetDirectCoachAsync(unconnected.Value!.Id, true, Actors.Admin, host.Ct);
        var noMode = await host.Get<McpTokenService>().IssueAsync(TokenOwner.DirectCoach(inactive.Id), Actors.Admin, host.Ct);

        Assert.Equal(AccountErrorCodes.PlanInactive, noPlan.Error?.Code);
        Assert.Equal(AccountErrorCodes.NotConnected, noCredential.Error?.Code);
        Assert.Equal(AccountErrorCodes.PlanInactive, noMode.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_lapsed_plan_or_disconnect_leaves_a_direct_coach_with_no_athletes(string provider)
    {
        var source = new RecordingRosterSource(new CoachRosterAthlete("i1001", "Ada Cyclist", RosterPermission.Write));
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => s.AddSingleton<ICoachRosterSource>(source));
        var token = await DirectCoachTokenAsync(host);
        var before = await host.ResolveAsync(token);
        var dana = (await host.Get<AthleteAccountService>().FindAsync("i2001", host.Ct))!;

        await host.Get<AthleteAccountService>().SetPlanAsync(dana.Id, PlanStatus.Inactive, Actors.Admin, host.Ct);

        Assert.Empty((await host.ResolveAsync(token))!.Athletes);
        Assert.Null(await host.Get<IAthleteCredentials>().GetForAsync(before!, "i1001", host.Ct));

        await host.Get<AthleteAccountService>().SetPlanAsync(dana.Id, PlanStatus.Active, Actors.Admin, host.Ct);
        await host.Get<AthleteAccountService>().DisconnectIntervalsAsync(dana.Id, Actors.Athlete(dana.Id), host.Ct);
        Assert.Empty((await host.ResolveAsync(token))!.Athletes);
    }

    [Fact]
    public async Task A_bearer_credential_cannot_list_athletes_so_the_coach_sees_only_themself()
    {
        await using var sandbox = await StartSandboxAsync();
        var counter = new CountingRosterSource();
        await using var host = await AccountsTestHost.StartAsync(TestDatabase.Sqlite, services: s => UseSandbox(s, sandbox, counter));
        var accounts = host.Get<AthleteAccountService>();
        var dana = await accounts.CreateAsync(new NewAthleteAccount("dana@coaches.test", "Dana Coach", Plan: PlanStatus.Active), Actors.Admin, host.Ct);
        await accounts.ConnectOAuthAsync(dana.Value!.Id, SandboxPrincipals.CoachId, "not-a-sandbox-api-key", ["ACTIVITY:READ"], Actors.Admin, host.Ct);
        await accounts.SetDirectCoachAsync(dana.Value.Id, true, Actors.Admin, host.Ct);
        var token = await host.Get<McpTokenService>().IssueAsync(TokenOwner.DirectCoach(dana.Value.Id), Actors.Admin, host.Ct);

        var coach = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(token.Value!.McpUrl));

        Assert.Equal([SandboxPrincipals.CoachId], coach!.Athletes.Select(a => a.AthleteId));
        Assert.Equal(1, counter.Calls);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be refreshed", StringComparison.Ordinal));
        Assert.All(host.Logs.Entries, e => Assert.DoesNotContain("not-a-sandbox-api-key", e.Message, StringComparison.Ordinal));
    }

    internal static async Task<string> DirectCoachTokenAsync(AccountsTestHost host)
    {
        var dana = await host.CreateAthleteAsync("Dana Coach", SandboxPrincipals.CoachId, apiKey: SandboxPrincipals.CoachApiKey);
        var enabled = await host.Get<AthleteAccountService>().SetDirectCoachAsync(dana.Id, true, Actors.Admin, host.Ct);
        Assert.True(enabled.Succeeded, enabled.ToString());
        var issued = await host.Get<McpTokenService>().IssueAsync(TokenOwner.DirectCoach(dana.Id), Actors.Admin, host.Ct);
        Assert.True(issued.Succeeded, issued.ToString());
        return AccountsTestHost.TokenFromUrl(issued.Value.McpUrl);
    }

    internal static Task<SandboxServer> StartSandboxAsync() =>
        SandboxServer.StartAsync(new SandboxOptions { Port = 0, RateLimit = false, HistoryDays = 7 });

    internal static void UseSandbox(IServiceCollection services, SandboxServer sandbox, CountingRosterSource counter)
    {
        services.AddIntervalsClient(o =>
        {
            o.BaseAddress = sandbox.BaseAddress;
            o.MaxRetries = 0;
        });
        services.AddSingleton<ICoachRosterSource>(sp =>
        {
            counter.Inner = new IntervalsCoachRosterSource(sp.GetRequiredService<IIntervalsClient>());
            return counter;
        });
    }
}

/// <summary>Counts roster fetches made through the real Intervals client.</summary>
public sealed class CountingRosterSource : ICoachRosterSource
{
    private int calls;

    public int Calls => calls;

    internal ICoachRosterSource? Inner { get; set; }

    public Task<IReadOnlyList<CoachRosterAthlete>> GetRosterAsync(IntervalsCredential credential, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Inner!.GetRosterAsync(credential, cancellationToken);
    }
}
