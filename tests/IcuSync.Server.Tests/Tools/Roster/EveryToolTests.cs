using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Roster.RosterTestKit;

namespace IcuSync.Server.Tests.Tools.Roster;

/// <summary>
/// Every classic tool, called through a real MCP client by the three kinds of principal: the athlete, the demo invited
/// coach with partial grants, and the direct coach whose access comes from Intervals.icu. Writes stay dry runs.
/// </summary>
public sealed class EveryToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] DataTools =
    [
        "get_training_history", "get_activity_detail", "get_extended_metrics", "get_training_summary", "get_fitness",
        "get_wellness", "get_best_efforts", "get_athlete_profile", "get_events", "get_power_curves",
        "push_workout", "edit_workout", "delete_workout",
    ];

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task The_athlete_sees_and_uses_every_tool_on_their_own_data()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal([.. RosterTools.Concat(DataTools).Order(StringComparer.Ordinal)], listed);
        foreach (var tool in DataTools)
        {
            await AssertWorksAsync(client, tool, SandboxPrincipals.CyclistId, athlete: null);
        }
    }

    [Fact]
    public async Task The_invited_coach_uses_the_granted_tools_and_is_refused_the_others_with_the_grant_named()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        Assert.Equal([.. RosterTools.Concat(DemoSeeder.InvitedCoachTools).Order(StringComparer.Ordinal)], listed.Order(StringComparer.Ordinal));
        foreach (var tool in DataTools)
        {
            if (DemoSeeder.InvitedCoachTools.Contains(tool))
            {
                await AssertWorksAsync(client, tool, SandboxPrincipals.CyclistId, athlete: null);
                continue;
            }

            var refused = await client.CallToolAsync(tool, ArgumentsFor(tool, SandboxPrincipals.CyclistId, null));
            AssertRefused(refused, $"needs the '{tool}' grant", "Ada Cyclist has not given", $"Ada Cyclist can grant '{tool}' on the IcuSync dashboard");
        }
    }

    [Fact]
    public async Task The_direct_coach_uses_every_tool_on_an_athlete_who_gave_write_access()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal([.. RosterTools.Concat(DataTools).Order(StringComparer.Ordinal)], listed);
        foreach (var tool in DataTools)
        {
            await AssertWorksAsync(client, tool, SandboxPrincipals.TriathleteId, athlete: "Cleo Triathlete");
        }
    }

    private async Task AssertWorksAsync(McpClient client, string tool, string athleteId, string? athlete)
    {
        var result = await client.CallToolAsync(tool, ArgumentsFor(tool, athleteId, athlete));
        var json = result.Structured();
        Assert.Equal(athleteId, json.ContextAthlete());
        Assert.False(string.IsNullOrWhiteSpace(result.Text()), $"{tool} returned no text rendering");
        if (tool is "push_workout" or "edit_workout" or "delete_workout")
        {
            Assert.Equal("dry_run", json.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("confirm").GetString()));
        }
    }

    private Dictionary<string, object?> ArgumentsFor(string tool, string athleteId, string? athlete)
    {
        var store = Host.Server.Sandbox!.Store;
        var today = store.Today(athleteId);
        var args = new Dictionary<string, object?>();
        switch (tool)
        {
            case "get_activity_detail" or "get_extended_metrics":
                args["activity_id"] = RecentActivity(Host, athleteId).Id;
                break;
            case "get_best_efforts":
                args["metric"] = "hr";
                break;
            case "push_workout":
                args["date"] = Iso(today.AddDays(60));
                args["name"] = "Endurance";
                args["sport"] = "Ride";
                args["description"] = "- 60m 65%";
                break;
            case "edit_workout" or "delete_workout":
                var planned = store.GetEvents(athleteId, today.AddDays(1), today.AddDays(20)).First(e => e.Category == "WORKOUT");
                args["event_id"] = planned.Id;
                if (tool == "edit_workout")
                {
                    args["new_name"] = "Renamed";
                }

                break;
        }

        if (athlete is not null)
        {
            args["athlete"] = athlete;
        }

        return args;
    }
}
