using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.GrantKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Roster.RosterTestKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>Invited coaches: only granted tools are listed and callable, per athlete, and refusals say who can grant.</summary>
public sealed class InvitedCoachRosterTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string AdaEmail = "ada@sandbox.icusync.local";
    private const string BenEmail = "ben@sandbox.icusync.local";

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task The_demo_invited_coach_lists_the_cyclist_with_exactly_the_granted_tools()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));

        var result = await client.CallAsync("list_athletes");
        var roster = result.Structured();

        Assert.Equal("InvitedCoach", roster.GetProperty("principal").GetString());
        var ada = Assert.Single(roster.GetProperty("athletes").EnumerateArray().ToList());
        Assert.Equal(SandboxPrincipals.CyclistId, ada.GetProperty("athlete_id").GetString());
        Assert.False(ada.GetProperty("is_self").GetBoolean());
        Assert.True(ada.GetProperty("selected").GetBoolean());
        Assert.False(ada.GetProperty("can_change_settings").GetBoolean());
        Assert.Equal(GrantSources.Athlete, ada.GetProperty("granted_by").GetString());
        Assert.Equal([.. DemoSeeder.InvitedCoachTools.Order(StringComparer.Ordinal)], ada.GetProperty("granted_tools").Strings());
        Assert.Contains($"Ada Cyclist (i1001): {DemoSeeder.InvitedCoachTools.Length} tools", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coach_with_partial_grants_per_athlete_sees_the_union_and_is_refused_per_athlete()
    {
        // Ada grants the history, the profile and pushing workouts; Ben grants only the history.
        var url = await InviteAsync(Host, "partial-coach@example.com",
            (AdaEmail, ["get_training_history", "get_athlete_profile", "push_workout"]),
            (BenEmail, ["get_training_history"]));
        await using var client = await IcuSyncTestHost.ConnectAsync(url);

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var roster = (await client.CallAsync("list_athletes")).Structured();
        var adaProfile = (await client.CallAsync("get_athlete_profile", ("athlete", "Ada Cyclist"))).Structured();
        var benProfile = await client.CallAsync("get_athlete_profile", ("athlete", "Ben Runner"));
        var hidden = await client.CallAsync("get_fitness", ("athlete", "Ada Cyclist"));

        Assert.Equal(["get_athlete_profile", "get_training_history", "list_athletes", "push_workout", "select_athlete"], listed);
        Assert.Equal(["get_training_history"], roster.Row(SandboxPrincipals.RunnerId).GetProperty("granted_tools").Strings());
        Assert.Equal(["get_athlete_profile", "get_training_history", "push_workout"], roster.Row(SandboxPrincipals.CyclistId).GetProperty("granted_tools").Strings());
        Assert.Equal(SandboxDemo.CyclistFtp, RideFtp(adaProfile));
        AssertRefused(benProfile, "'get_athlete_profile'", "Ben Runner", "Ben Runner can grant 'get_athlete_profile' on the IcuSync dashboard");
        AssertRefused(hidden, "The tool 'get_fitness' is not available on this connection", "needs the 'get_fitness' grant",
            "none of the 2 athletes you reach", "can grant 'get_fitness'");
    }

    [Fact]
    public async Task A_write_without_its_grant_is_refused_and_nothing_is_written()
    {
        var url = await InviteAsync(Host, "write-coach@example.com",
            (AdaEmail, ["get_events", "push_workout"]),
            (BenEmail, ["get_events"]));
        await using var client = await IcuSyncTestHost.ConnectAsync(url);
        var store = Host.Server.Sandbox!.Store;
        var day = store.Today(SandboxPrincipals.RunnerId).AddDays(47);
        var eventsBefore = store.GetEvents(SandboxPrincipals.RunnerId, day.AddDays(-400), day.AddDays(400)).Count;
        var args = new Dictionary<string, object?>
        {
            ["date"] = Iso(day),
            ["name"] = "Coach intervals",
            ["sport"] = "Run",
            ["description"] = "- 10m Z2 HR\n- 5x 3m Z4 HR\n- 10m Z1 HR",
            ["athlete"] = "Ben Runner",
        };

        var dryRun = await client.CallToolAsync("push_workout", args);
        // A confirm code taken from a dry run for Ada does not open Ben's calendar either.
        var adaCode = (await client.CallToolAsync("push_workout", new Dictionary<string, object?>(args) { ["athlete"] = "Ada Cyclist", ["sport"] = "Ride", ["description"] = "- 40m 70%" }))
            .Structured().GetProperty("confirm").GetString();
        var confirmed = await client.CallToolAsync("push_workout", new Dictionary<string, object?>(args) { ["confirm"] = adaCode });
        var edit = await client.CallAsync("edit_workout", ("athlete", "Ben Runner"), ("date", Iso(day)), ("name_contains", "Coach"), ("new_name", "x"));

        AssertRefused(dryRun, "'push_workout'", "Ben Runner can grant 'push_workout'");
        AssertRefused(confirmed, "'push_workout'", "Ben Runner");
        AssertRefused(edit, "'edit_workout'", "needs the 'edit_workout' grant");
        Assert.Equal(eventsBefore, store.GetEvents(SandboxPrincipals.RunnerId, day.AddDays(-400), day.AddDays(400)).Count);
        Assert.Empty(store.GetEvents(SandboxPrincipals.RunnerId, day, day));
    }

    [Fact]
    public async Task An_ambiguous_athlete_name_is_refused_listing_the_candidates()
    {
        await CreateAthleteAsync(Host, "ada.lovelace@example.com", "Ada Lovelace", "i9101");
        var url = await InviteAsync(Host, "two-adas@example.com",
            (AdaEmail, ["get_training_history"]),
            ("ada.lovelace@example.com", ["get_training_history"]));
        await using var client = await IcuSyncTestHost.ConnectAsync(url);

        var select = await client.CallAsync("select_athlete", ("athlete", "ADA"));
        var data = await client.CallAsync("get_training_history", ("athlete", "ada"));
        var noSelection = await client.CallAsync("get_training_history");
        var exact = (await client.CallAsync("select_athlete", ("athlete", "ada cyclist"))).Structured();
        var afterSelect = (await client.CallAsync("get_training_history")).Structured();

        AssertRefused(select, "'ADA' matches several athletes", "Ada Cyclist (i1001)", "Ada Lovelace (i9101)", "full name or the id");
        AssertRefused(data, "'ada' matches several athletes", "Ada Cyclist (i1001)", "Ada Lovelace (i9101)");
        AssertRefused(noSelection, "none is selected", "select_athlete", "Ada Cyclist (i1001)", "Ada Lovelace (i9101)");
        Assert.Equal(SandboxPrincipals.CyclistId, exact.GetProperty("athlete_id").GetString());
        Assert.Equal(SandboxPrincipals.CyclistId, afterSelect.ContextAthlete());
    }

    [Fact]
    public async Task An_unknown_athlete_name_is_refused_with_a_pointer_to_list_athletes()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));

        var select = await client.CallAsync("select_athlete", ("athlete", "Zoe Swimmer"));
        var data = await client.CallAsync("get_fitness", ("athlete", "Ben Runner"));
        var empty = await client.CallAsync("select_athlete", ("athlete", "  "));

        AssertRefused(select, "No athlete matching 'Zoe Swimmer' is reachable", "list_athletes");
        // Ben exists on the server but did not invite this coach: indistinguishable from an unknown name.
        AssertRefused(data, "No athlete matching 'Ben Runner' is reachable");
        AssertRefused(empty, "Invalid argument 'athlete'", "an athlete name or id from list_athletes");
    }

    private static int RideFtp(System.Text.Json.JsonElement profile) =>
        profile.GetProperty("profile").GetProperty("sport_settings").EnumerateArray()
            .First(s => s.GetProperty("types").Strings().Contains("Ride")).GetProperty("ftp_watts").GetInt32();
}
