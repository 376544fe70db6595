using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Tools.Roster.RosterTestKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>An athlete's own token reaches exactly one athlete: themself.</summary>
public sealed class AthleteTokenRosterTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task List_athletes_for_an_athlete_token_shows_just_themself_selected_with_every_tool()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner, athlete"));

        var result = await client.CallAsync("list_athletes");
        var roster = result.Structured();

        Assert.Equal("Athlete", roster.GetProperty("principal").GetString());
        var only = Assert.Single(roster.GetProperty("athletes").EnumerateArray().ToList());
        Assert.Equal(SandboxPrincipals.RunnerId, only.GetProperty("athlete_id").GetString());
        Assert.Equal("Ben Runner", only.GetProperty("name").GetString());
        Assert.True(only.GetProperty("is_self").GetBoolean());
        Assert.True(only.GetProperty("selected").GetBoolean());
        Assert.True(only.GetProperty("can_change_settings").GetBoolean());
        Assert.Equal(GrantSources.Athlete, only.GetProperty("granted_by").GetString());
        Assert.Equal([.. ToolCatalog.GrantableTools.Order(StringComparer.Ordinal)], only.GetProperty("granted_tools").Strings());
        Assert.Equal(SandboxPrincipals.RunnerId, roster.GetProperty("selected_athlete_id").GetString());
        Assert.False(roster.TryGetProperty("next_actions", out _), "One athlete needs no switching hints");
        Assert.Contains("* Ben Runner (i1002) [you]", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_athlete_can_select_themself_by_name_or_id_and_no_one_else()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner, athlete"));

        var byName = (await client.CallAsync("select_athlete", ("athlete", "ben"))).Structured();
        var byId = (await client.CallAsync("select_athlete", ("athlete", "1002"))).Structured();
        var other = await client.CallAsync("select_athlete", ("athlete", "Ada Cyclist"));
        var otherById = await client.CallAsync("get_training_history", ("athlete", SandboxPrincipals.CyclistId));

        Assert.Equal(SandboxPrincipals.RunnerId, byName.GetProperty("athlete_id").GetString());
        Assert.Equal(SandboxPrincipals.RunnerId, byId.GetProperty("athlete_id").GetString());
        Assert.Equal(13, byId.GetProperty("granted_tools").GetArrayLength());
        AssertRefused(other, "No athlete matching 'Ada Cyclist'", "list_athletes");
        AssertRefused(otherById, $"No athlete matching '{SandboxPrincipals.CyclistId}'");
    }

    [Fact]
    public async Task A_data_tool_without_an_athlete_argument_reads_the_token_owner()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner, athlete"));
        var store = Host.Server.Sandbox!.Store;
        var today = store.Today(SandboxPrincipals.RunnerId);

        var history = (await client.CallAsync("get_training_history")).Structured();

        Assert.Equal(SandboxPrincipals.RunnerId, history.ContextAthlete());
        var expected = Activities(Host, SandboxPrincipals.RunnerId, today.AddDays(-27), today);
        Assert.Equal(expected.Count, history.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal(expected.Where(a => !a.IsStravaStub).Sum(a => a.IcuTrainingLoad ?? 0), history.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.All(history.GetProperty("activities").EnumerateArray(), row =>
            Assert.Contains(expected, a => a.Id == row.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.String, history.GetProperty("context").GetProperty("today").ValueKind);
    }
}
