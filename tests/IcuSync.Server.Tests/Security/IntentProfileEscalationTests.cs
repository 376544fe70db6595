using System.Net;
using IcuSync.Sandbox;
using IcuSync.Server.Mcp;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// The intent profile (<c>?profile=intents</c>) is another view on the same grants: the invited coach of Ada, who may
/// read most things and push workouts but not edit, delete or change settings, reaches nothing more through it.
/// </summary>
public sealed class IntentProfileEscalationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>What the demo seeder lets Ada's invited coach do.</summary>
    private static readonly HashSet<string> InvitedCoachGrants =
    [
        "get_training_history", "get_activity_detail", "get_training_summary", "get_fitness",
        "get_wellness", "get_events", "get_power_curves", "push_workout",
    ];

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    private string IntentsUrl => Host.DemoUrl("invited coach") + "?profile=intents";

    [Fact]
    public async Task The_intent_tools_listed_to_the_invited_coach_are_only_those_its_classic_grants_cover()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(IntentsUrl);
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        foreach (var tool in tools)
        {
            Assert.DoesNotContain(tool, ToolProfiles.ClassicTools);
            var grant = ToolGrants.BaseGrant(tool);
            Assert.True(grant is null || InvitedCoachGrants.Contains(grant), $"{tool} is listed but needs '{grant}', which Ada did not grant.");
        }

        Assert.DoesNotContain("manage_profile", tools);
        Assert.DoesNotContain("manage_gear", tools);
    }

    [Fact]
    public async Task Classic_tools_cannot_be_called_on_an_intents_connection_even_when_granted()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(IntentsUrl);
        foreach (var tool in new[] { "get_fitness", "push_workout", "edit_workout", "delete_workout", "get_athlete_profile" })
        {
            var text = await Attack.RefusalAsync(client, tool, new() { ["event_id"] = 1, ["date"] = "2030-01-01", ["name"] = "x", ["sport"] = "Ride", ["description"] = "- 10m 50%" });
            Assert.Contains(tool, text, StringComparison.Ordinal);
        }

        await before.AssertUnchangedAsync(Host, "classic tools on an intents connection");
    }

    [Fact]
    public async Task Settings_and_profile_changes_through_intents_are_refused_without_the_settings_grant()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(IntentsUrl);
        var attempts = new (string Tool, Dictionary<string, object?> Args)[]
        {
            ("manage_profile", new() { ["action"] = "update", ["ftp"] = 400, ["sport"] = "Ride" }),
            ("manage_profile", new() { ["action"] = "update", ["weight_kg"] = 50, ["confirm"] = "forged" }),
            ("manage_profile", new() { ["action"] = "update", ["athlete"] = "Ada Cyclist", ["ftp"] = 400, ["sport"] = "Ride" }),
            ("manage_gear", new() { ["action"] = "create", ["name"] = "Stolen bike", ["type"] = "Bike" }),
            ("manage_gear", new() { ["action"] = "delete", ["gear_id"] = "b1" }),
        };
        foreach (var (tool, args) in attempts)
        {
            await Attack.RefusalAsync(client, tool, args);
        }

        await before.AssertUnchangedAsync(Host, "settings changes through the intent profile");
    }

    [Fact]
    public async Task Editing_or_deleting_through_modify_training_needs_the_classic_edit_and_delete_grants()
    {
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var planned = Store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(20))[0];
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(IntentsUrl);
        var attempts = new Dictionary<string, object?>[]
        {
            new() { ["action"] = "edit", ["event_id"] = planned.Id, ["new_name"] = "Hijacked" },
            new() { ["action"] = "delete", ["event_id"] = planned.Id },
            new() { ["action"] = "delete", ["event_id"] = planned.Id, ["confirm"] = "forged" },
            new() { ["action"] = "move", ["event_id"] = planned.Id, ["new_date"] = today.AddDays(25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            new() { ["action"] = "clear", ["start_date"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["end_date"] = today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        };
        foreach (var args in attempts)
        {
            var result = await CallOrProtocolErrorAsync(client, "modify_training", args);

            // A dry run may preview, but no edit or delete may be applied, and no confirm code may be handed out for one.
            Assert.DoesNotContain("\"confirm\"", result, StringComparison.Ordinal);
        }

        await before.AssertUnchangedAsync(Host, "edits and deletes through modify_training");
    }

    [Fact]
    public async Task An_unknown_profile_is_a_400_naming_the_accepted_values()
    {
        foreach (var profile in new[] { "admin", "all", "intents,classic", "../classic", "CLASSIC%00", "%3Cscript%3E" })
        {
            using var response = await Attack.Http.SendAsync(Attack.JsonRpc(Host.DemoUrl("cyclist") + "?profile=" + profile, Attack.Ping));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"?profile={profile} answered {(int)response.StatusCode}.");
            Assert.Contains("profile=classic", body, StringComparison.Ordinal);
            Assert.Contains("profile=intents", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_repeated_profile_parameter_cannot_smuggle_a_second_profile()
    {
        using var response = await Attack.Http.SendAsync(Attack.JsonRpc(Host.DemoUrl("invited coach") + "?profile=classic&profile=intents", Attack.Ping));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The text of a tool result (error or not) or of a JSON-RPC error, as JSON and text together.</summary>
    private static async Task<string> CallOrProtocolErrorAsync(ModelContextProtocol.Client.McpClient client, string tool, Dictionary<string, object?> args)
    {
        try
        {
            var result = await client.CallToolAsync(tool, args);
            return result.Text() + System.Text.Json.JsonSerializer.Serialize(result.StructuredContent);
        }
        catch (ModelContextProtocol.McpProtocolException error)
        {
            return error.Message;
        }
    }
}
