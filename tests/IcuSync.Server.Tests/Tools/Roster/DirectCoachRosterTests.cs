using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Roster.RosterTestKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>
/// The direct coach: the roster comes from Intervals.icu (READ or WRITE per athlete), the selection is persisted per
/// token, and an <c>athlete</c> argument overrides it for one call.
/// </summary>
public sealed class DirectCoachRosterTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task List_athletes_shows_the_intervals_roster_with_read_or_write_tools()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var coaching = Host.Server.Sandbox!.Store.Coaching.Where(c => c.CoachId == SandboxPrincipals.CoachId).ToList();

        var roster = (await client.CallAsync("list_athletes")).Structured();

        Assert.Equal("DirectCoach", roster.GetProperty("principal").GetString());
        var ids = roster.GetProperty("athletes").EnumerateArray().Select(a => a.GetProperty("athlete_id").GetString()).ToList();
        Assert.Equal([SandboxPrincipals.CoachId, .. coaching.Select(c => c.AthleteId).Order(StringComparer.Ordinal)], ids);
        Assert.True(roster.Row(SandboxPrincipals.CoachId).GetProperty("is_self").GetBoolean());
        foreach (var entry in coaching)
        {
            var row = roster.Row(entry.AthleteId);
            Assert.Equal(GrantSources.IntervalsCoachAccess, row.GetProperty("granted_by").GetString());
            Assert.Equal(entry.CanWrite, row.GetProperty("can_change_settings").GetBoolean());
            var expected = entry.CanWrite ? ToolCatalog.GrantableTools : ToolCatalog.ReadTools;
            Assert.Equal([.. expected.Order(StringComparer.Ordinal)], row.GetProperty("granted_tools").Strings());
        }

        Assert.Contains(coaching, c => !c.CanWrite);
        Assert.NotNull(roster.GetProperty("next_actions").Strings());
    }

    [Fact]
    public async Task Selecting_an_athlete_switches_whose_data_the_tools_return()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var store = Host.Server.Sandbox!.Store;

        var selectedBen = (await client.CallAsync("select_athlete", ("athlete", "ben runner"))).Structured();
        var benHistory = (await client.CallAsync("get_training_history")).Structured();
        var benRoster = (await client.CallAsync("list_athletes")).Structured();
        await client.CallAsync("select_athlete", ("athlete", SandboxPrincipals.TriathleteId));
        var cleoProfile = (await client.CallAsync("get_athlete_profile")).Structured();
        var cleoHistory = (await client.CallAsync("get_training_history")).Structured();

        Assert.Equal(SandboxPrincipals.RunnerId, selectedBen.GetProperty("athlete_id").GetString());
        Assert.Equal([.. ToolCatalog.ReadTools.Order(StringComparer.Ordinal)], selectedBen.GetProperty("granted_tools").Strings());
        Assert.Equal(SandboxPrincipals.RunnerId, benRoster.GetProperty("selected_athlete_id").GetString());
        Assert.True(benRoster.Row(SandboxPrincipals.RunnerId).GetProperty("selected").GetBoolean());
        AssertMatchesStore(benHistory, SandboxPrincipals.RunnerId, store.Today(SandboxPrincipals.RunnerId));
        Assert.Equal(SandboxPrincipals.TriathleteId, cleoProfile.ContextAthlete());
        Assert.Equal(SandboxDemo.TriathleteFtp, SportSetting(cleoProfile, "Ride").GetProperty("ftp_watts").GetInt32());
        Assert.Equal("4:40/km", SportSetting(cleoProfile, "Run").GetProperty("threshold_pace").GetString());
        AssertMatchesStore(cleoHistory, SandboxPrincipals.TriathleteId, store.Today(SandboxPrincipals.TriathleteId));
    }

    [Fact]
    public async Task An_athlete_argument_overrides_the_selection_for_one_call_only()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var store = Host.Server.Sandbox!.Store;
        await client.CallAsync("select_athlete", ("athlete", "Cleo"));

        var adaHistory = (await client.CallAsync("get_training_history", ("athlete", "Ada Cyclist"))).Structured();
        var next = (await client.CallAsync("get_training_history")).Structured();
        var roster = (await client.CallAsync("list_athletes")).Structured();

        AssertMatchesStore(adaHistory, SandboxPrincipals.CyclistId, store.Today(SandboxPrincipals.CyclistId));
        Assert.Equal(SandboxPrincipals.TriathleteId, next.ContextAthlete());
        Assert.Equal(SandboxPrincipals.TriathleteId, roster.GetProperty("selected_athlete_id").GetString());
    }

    [Fact]
    public async Task A_write_on_an_athlete_with_read_access_is_refused_saying_where_access_comes_from()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var store = Host.Server.Sandbox!.Store;
        var day = store.Today(SandboxPrincipals.RunnerId).AddDays(52);

        var refused = await client.CallAsync("delete_workout", ("athlete", "Ben Runner"), ("date", Iso(day)), ("name_contains", "x"));

        AssertRefused(refused, "'delete_workout'", "Ben Runner", "Intervals.icu coach access", "WRITE");
        Assert.Empty(store.GetEvents(SandboxPrincipals.RunnerId, day, day));
    }

    [Fact]
    public async Task Ambiguous_and_unknown_names_are_refused_and_keep_the_selection()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        await client.CallAsync("select_athlete", ("athlete", "Ada Cyclist"));

        // "C" is in Ada Cyclist, Cleo Triathlete and Dana Coach.
        var ambiguous = await client.CallAsync("select_athlete", ("athlete", "c"));
        var unknown = await client.CallAsync("select_athlete", ("athlete", "i9999"));
        var roster = (await client.CallAsync("list_athletes")).Structured();

        AssertRefused(ambiguous, "matches several athletes", "Ada Cyclist (i1001)", "Cleo Triathlete (i1003)", "Dana Coach (i2001)");
        Assert.DoesNotContain("Ben Runner", ambiguous.Text(), StringComparison.Ordinal);
        AssertRefused(unknown, "No athlete matching 'i9999'", "list_athletes");
        Assert.Equal(SandboxPrincipals.CyclistId, roster.GetProperty("selected_athlete_id").GetString());
    }

    private void AssertMatchesStore(JsonElement history, string athleteId, DateOnly today)
    {
        Assert.Equal(athleteId, history.ContextAthlete());
        Assert.Equal(Iso(today), history.GetProperty("context").GetProperty("today").GetString());
        var expected = Activities(Host, athleteId, today.AddDays(-27), today);
        var usable = expected.Where(a => !a.IsStravaStub).ToList();
        var totals = history.GetProperty("totals");
        Assert.Equal(expected.Count, totals.GetProperty("sessions").GetInt32());
        Assert.Equal(usable.Sum(a => a.IcuTrainingLoad ?? 0), totals.GetProperty("load").GetInt32());
        Assert.Equal(usable.Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0), totals.GetProperty("duration_s").GetInt32());
        Assert.Equal(
            expected.Select(a => a.Id).Order(StringComparer.Ordinal),
            history.GetProperty("activities").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    private static JsonElement SportSetting(JsonElement profile, string type) =>
        profile.GetProperty("profile").GetProperty("sport_settings").EnumerateArray()
            .First(s => s.GetProperty("types").Strings().Contains(type));
}
