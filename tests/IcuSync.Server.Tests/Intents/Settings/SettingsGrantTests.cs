using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>
/// Reading the profile and gear needs the get_athlete_profile grant; changing thresholds or gear needs the settings
/// capability that only the athlete or a direct coach with WRITE on Intervals.icu holds.
/// </summary>
public sealed class SettingsGrantTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string WhoCanGrant = "Only the athlete (or a coach with WRITE access on Intervals.icu) can change settings and gear.";

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task An_invited_coach_reads_profile_and_gear_once_granted_but_is_refused_every_change_with_who_can_grant_it()
    {
        var services = Host.Server.App.Services;
        var ada = (await services.GetRequiredService<AthleteAccountService>().FindAsync("ada@sandbox.icusync.local", CancellationToken.None))!;
        var invites = services.GetRequiredService<CoachInviteService>();
        var invite = (await invites.ListAsync(ada.Id, CancellationToken.None)).Single(i => i.CoachEmail == "coach@demo.icusync.local");
        await using (var before = await Host.ConnectIntentsAsync("invited coach"))
        {
            var hidden = (await before.ListToolsAsync()).Select(t => t.Name).ToList();
            Assert.DoesNotContain("manage_profile", hidden);
            Assert.DoesNotContain("manage_gear", hidden);
        }

        Assert.True((await invites.ChangeGrantsAsync(ada.Id, invite.InviteId, [.. invite.Tools, "get_athlete_profile"], Actors.Athlete(ada.Id), CancellationToken.None)).Succeeded);
        await using var client = await Host.ConnectIntentsAsync("invited coach");
        var ride = Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride")!;
        var gearCount = Store.GetGear(SandboxPrincipals.CyclistId).Count;

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        var profile = (await client.CallToolAsync("manage_profile", Args(("sections", new[] { "thresholds" })))).Structured();
        var list = (await client.CallToolAsync("manage_gear", Args())).Structured();
        var thresholds = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", 168)));
        var add = await client.CallToolAsync("manage_gear", Args(("action", "add"), ("name", "Coach's pick"), ("type", "Tyre")));
        var retire = await client.CallToolAsync("manage_gear", Args(("action", "retire"), ("gear", "Canyon")));
        var reminder = await client.CallToolAsync("manage_gear", Args(("action", "set_reminder"), ("gear", "Canyon"), ("days", 30)));

        Assert.Contains("manage_profile", tools);
        Assert.Contains("manage_gear", tools);
        Assert.Equal(SandboxPrincipals.CyclistId, profile.At("context", "athlete_id").GetString());
        Assert.NotEmpty(list.GetProperty("groups").EnumerateArray());
        foreach (var refused in new[] { thresholds, add, retire, reminder })
        {
            Assert.True(refused.IsError);
            Assert.Contains("no 'settings' access to Ada Cyclist", refused.Text(), StringComparison.Ordinal);
            Assert.Contains(WhoCanGrant, refused.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(ride, Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride"));
        Assert.Equal(gearCount, Store.GetGear(SandboxPrincipals.CyclistId).Count);
        Assert.Null(Store.GetGear(SandboxPrincipals.CyclistId).Single(g => g.Name!.StartsWith("Canyon", StringComparison.Ordinal)).Retired);
    }

    [Fact]
    public async Task A_direct_coach_with_read_access_is_refused_changes_but_write_access_may_preview_them()
    {
        await using var client = await Host.ConnectIntentsAsync("direct coach");
        var benRun = Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run")!;

        var readOnly = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", benRun.Lthr + 2), ("athlete", "Ben Runner")));
        var gearReadOnly = await client.CallToolAsync("manage_gear", Args(("action", "retire"), ("gear", "Pegasus"), ("athlete", "Ben Runner")));
        var benGear = (await client.CallToolAsync("manage_gear", Args(("athlete", "Ben Runner")))).Structured();
        var writeAccess = (await client.CallToolAsync("manage_gear", Args(("action", "set_reminder"), ("gear", "Hoka"), ("distance_km", 600), ("athlete", "Cleo")))).Structured();

        Assert.True(readOnly.IsError);
        Assert.Contains("Ben Runner", readOnly.Text(), StringComparison.Ordinal);
        Assert.Contains(WhoCanGrant, readOnly.Text(), StringComparison.Ordinal);
        Assert.True(gearReadOnly.IsError);
        Assert.Contains(WhoCanGrant, gearReadOnly.Text(), StringComparison.Ordinal);
        Assert.Equal(SandboxPrincipals.RunnerId, benGear.At("context", "athlete_id").GetString());
        Assert.Equal("dry_run", writeAccess.GetProperty("status").GetString());
        Assert.Equal(SandboxPrincipals.TriathleteId, writeAccess.At("context", "athlete_id").GetString());
        Assert.Equal(benRun, Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run"));
        Assert.All(Store.GetGear(SandboxPrincipals.RunnerId).Where(g => g.Name == "Nike Pegasus 41"), g => Assert.Null(g.Retired));
    }
}
