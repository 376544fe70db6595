using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Data;

namespace IcuSync.Server.Tests.Accounts;

public sealed class DemoSeederTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeding_creates_the_demo_principals_and_a_restart_reuses_the_same_urls(string provider)
    {
        await using var sandbox = await DirectCoachTests.StartSandboxAsync();
        var counter = new CountingRosterSource();
        await using var host = await AccountsTestHost.StartAsync(provider, services: s => DirectCoachTests.UseSandbox(s, sandbox, counter));

        var first = await host.Get<IDemoSeeder>().SeedAsync(host.Ct);
        await using var restarted = await host.StartAnotherInstanceAsync(s => DirectCoachTests.UseSandbox(s, sandbox, new CountingRosterSource()));
        var second = await restarted.Get<IDemoSeeder>().SeedAsync(restarted.Ct);

        Assert.Equal(first.Principals, second.Principals);
        Assert.Equal(
            [PrincipalKind.Athlete, PrincipalKind.Athlete, PrincipalKind.Athlete, PrincipalKind.DirectCoach, PrincipalKind.InvitedCoach],
            first.Principals.Select(p => p.Kind));
        Assert.All(first.Principals, p => Assert.StartsWith("https://icusync.test/mcp/icu_", p.McpUrl, StringComparison.Ordinal));
        Assert.Equal(5, (await host.Get<McpTokenService>().ListAsync(null, null, host.Ct)).Count);
        Assert.Empty(host.Mails());

        var ada = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(first.Principals[0].McpUrl));
        Assert.Equal([SandboxPrincipals.CyclistId], ada!.Athletes.Select(a => a.AthleteId));
        var dana = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(first.Principals[3].McpUrl));
        Assert.Equal([SandboxPrincipals.CoachId, SandboxPrincipals.CyclistId, SandboxPrincipals.RunnerId, SandboxPrincipals.TriathleteId], dana!.Athletes.Select(a => a.AthleteId));
        var invited = await host.ResolveAsync(AccountsTestHost.TokenFromUrl(first.Principals[4].McpUrl));
        var reached = Assert.Single(invited!.Athletes);
        Assert.Equal(SandboxPrincipals.CyclistId, reached.AthleteId);
        Assert.Contains("push_workout", reached.GrantedTools);
        Assert.DoesNotContain("delete_workout", reached.GrantedTools);
        Assert.False(reached.CanChangeSettings);
        Assert.Equal("Dana Coach, direct coach via Intervals.icu", first.Principals[3].Who);
        Assert.Equal(SandboxDemo.RunnerTimezone, (await host.Get<AthleteAccountService>().FindAsync(SandboxPrincipals.RunnerId, host.Ct))!.TimeZone);
        Assert.All(first.Principals, p => Assert.DoesNotContain("@", p.Who, StringComparison.Ordinal));
    }
}
