using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.GrantKit;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>The four period tools for invited coaches: allowed with the grant, refused per athlete without it.</summary>
public sealed class PeriodGrantTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] PeriodTools = ["get_training_summary", "get_fitness", "get_wellness", "get_events"];

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task The_demo_invited_coach_holds_the_four_grants_and_reads_the_cyclist()
    {
        // DemoSeeder.InvitedCoachTools grants all four period tools (and not get_athlete_profile or edit/delete).
        Assert.All(PeriodTools, tool => Assert.Contains(tool, DemoSeeder.InvitedCoachTools));
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        var listed = await client.ListToolsAsync();
        Assert.All(PeriodTools, tool => Assert.Contains(listed, t => t.Name == tool));

        foreach (var tool in PeriodTools)
        {
            var json = (await client.CallAsync(tool)).Structured();
            Assert.Equal(SandboxPrincipals.CyclistId, json.GetProperty("context").GetProperty("athlete_id").GetString());

            // The advertised output schema describes the structured result (same snake_case names).
            var schema = listed.Single(t => t.Name == tool).ProtocolTool.OutputSchema;
            Assert.NotNull(schema);
            var properties = schema.Value.GetProperty("properties");
            Assert.All(json.EnumerateObject(), p => Assert.True(properties.TryGetProperty(p.Name, out _), $"{tool}: '{p.Name}' is not in the output schema"));
        }
    }

    [Fact]
    public async Task A_coach_without_the_grant_for_an_athlete_is_refused_for_that_athlete_only()
    {
        // Ben grants the four period tools; Ada grants only the training history. Same coach email, one token.
        var url = await InviteAsync(Host, "period-coach@example.com",
            ("ben@sandbox.icusync.local", PeriodTools),
            ("ada@sandbox.icusync.local", ["get_training_history"]));
        await using var client = await IcuSyncTestHost.ConnectAsync(url);

        foreach (var tool in PeriodTools)
        {
            var refused = await client.CallAsync(tool, ("athlete", "Ada Cyclist"));
            Assert.True(refused.IsError, $"{tool} should be refused for Ada: {refused.Text()}");
            Assert.Contains($"'{tool}'", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("Ada Cyclist", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("can grant", refused.Text(), StringComparison.Ordinal);

            var allowed = (await client.CallAsync(tool, ("athlete", "Ben Runner"))).Structured();
            Assert.Equal(SandboxPrincipals.RunnerId, allowed.GetProperty("context").GetProperty("athlete_id").GetString());
        }
    }

    [Fact]
    public async Task A_coach_with_none_of_the_grants_does_not_see_the_tools_and_cannot_call_them()
    {
        var url = await InviteAsync(Host, "history-only@example.com", ("cleo@sandbox.icusync.local", ["get_training_history"]));
        await using var client = await IcuSyncTestHost.ConnectAsync(url);

        var listed = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Contains("get_training_history", listed);
        Assert.DoesNotContain(listed, name => PeriodTools.Contains(name));
        foreach (var tool in PeriodTools)
        {
            var refused = await client.CallAsync(tool);
            Assert.True(refused.IsError);
            Assert.Contains("not available on this connection", refused.Text(), StringComparison.Ordinal);
        }
    }
}
