using System.Globalization;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Security;

/// <summary>
/// Coaches naming athletes they do not reach (by id, by name, through the <c>athlete</c> override, with select_athlete)
/// or items of another athlete (an activity or event id): each call is refused, the refusal names none of the foreign
/// athlete's data, and nothing changes.
/// </summary>
public sealed class ForeignAthleteTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] InvitedCoachReads =
        ["get_training_history", "get_training_summary", "get_fitness", "get_wellness", "get_events", "get_power_curves"];

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    private static readonly string[] WaysToNameBen = ["i1002", "1002", "I1002", " i1002 ", "Ben Runner", "ben runner", "Ben", "Runner", "ben@sandbox.icusync.local"];

    [Fact]
    public async Task The_invited_coach_of_Ada_cannot_reach_Ben_through_the_athlete_argument()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        foreach (var ben in WaysToNameBen)
        {
            foreach (var tool in InvitedCoachReads)
            {
                var text = await Attack.RefusalAsync(client, tool, new() { ["athlete"] = ben });
                AssertNamesNothingOfBen(text, ben, tool);
            }

            var push = await Attack.RefusalAsync(client, "push_workout", new()
            {
                ["athlete"] = ben, ["date"] = Day(Store.Today(SandboxPrincipals.RunnerId).AddDays(30)), ["name"] = "Sneaky", ["sport"] = "Run", ["description"] = "- 30m Z2 HR",
            });
            AssertNamesNothingOfBen(push, ben, "push_workout");
        }

        await before.AssertUnchangedAsync(Host, "the invited coach naming Ben");
    }

    [Fact]
    public async Task The_invited_coach_cannot_select_Ben_and_later_calls_stay_on_Ada()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        foreach (var ben in WaysToNameBen)
        {
            var text = await Attack.RefusalAsync(client, "select_athlete", new() { ["athlete"] = ben });
            AssertNamesNothingOfBen(text, ben, "select_athlete");
        }

        await before.AssertUnchangedAsync(Host, "select_athlete on a foreign athlete");
        var fitness = (await client.CallToolAsync("get_fitness", new Dictionary<string, object?>())).Structured();
        Assert.Equal(SandboxPrincipals.CyclistId, fitness.GetProperty("context").GetProperty("athlete_id").GetString());
    }

    [Fact]
    public async Task The_invited_coach_lists_only_Ada_and_none_of_the_tools_Ada_did_not_grant()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        var roster = await client.CallToolAsync("list_athletes", new Dictionary<string, object?>());
        Assert.True(roster.IsError != true, roster.Text());
        AssertNamesNothingOfBen(roster.Text() + System.Text.Json.JsonSerializer.Serialize(roster.StructuredContent), "", "list_athletes");

        var before = await DataSnapshot.TakeAsync(Host);
        var eventId = Store.GetEvents(SandboxPrincipals.CyclistId, Store.Today(SandboxPrincipals.CyclistId), Store.Today(SandboxPrincipals.CyclistId).AddDays(20))[0].Id;
        foreach (var (tool, args) in new (string, Dictionary<string, object?>)[]
        {
            ("get_athlete_profile", new()),
            ("get_best_efforts", new()),
            ("get_extended_metrics", new() { ["activity_id"] = Store.GetActivities(SandboxPrincipals.CyclistId)[^1].Id }),
            ("edit_workout", new() { ["event_id"] = eventId, ["new_name"] = "Hijacked" }),
            ("delete_workout", new() { ["event_id"] = eventId }),
            ("delete_workout", new() { ["event_id"] = eventId, ["confirm"] = "forged-code" }),
        })
        {
            var text = await Attack.RefusalAsync(client, tool, args);
            Assert.Contains(tool, text, StringComparison.Ordinal);
        }

        await before.AssertUnchangedAsync(Host, "tools the invited coach was not granted");
    }

    [Fact]
    public async Task The_direct_coach_cannot_reach_an_athlete_off_the_roster()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        foreach (var stranger in new[] { "i9999", "9999", "Zed Nobody", "i1001'; --", "*", "%", "i100" })
        {
            foreach (var tool in new[] { "get_fitness", "get_athlete_profile", "get_events" })
            {
                var text = await Attack.RefusalAsync(client, tool, new() { ["athlete"] = stranger });
                Assert.DoesNotContain("\"ctl\"", text, StringComparison.Ordinal);
            }

            await Attack.RefusalAsync(client, "select_athlete", new() { ["athlete"] = stranger });
        }

        await before.AssertUnchangedAsync(Host, "the direct coach naming strangers");
    }

    [Fact]
    public async Task The_direct_coach_with_read_access_to_Ben_cannot_write_to_Bens_calendar()
    {
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var benEvent = Store.GetEvents(SandboxPrincipals.RunnerId, Store.Today(SandboxPrincipals.RunnerId), Store.Today(SandboxPrincipals.RunnerId).AddDays(20))[0];
        var day = Day(Store.Today(SandboxPrincipals.RunnerId).AddDays(33));
        await Attack.RefusalAsync(client, "push_workout", new() { ["athlete"] = "Ben Runner", ["date"] = day, ["name"] = "Extra", ["sport"] = "Run", ["description"] = "- 30m Z2 HR" });
        await Attack.RefusalAsync(client, "edit_workout", new() { ["athlete"] = "i1002", ["event_id"] = benEvent.Id, ["new_name"] = "Hijacked" });
        await Attack.RefusalAsync(client, "delete_workout", new() { ["athlete"] = "i1002", ["event_id"] = benEvent.Id });

        // Naming Ben's event while acting on Ada (where the coach may write) must not touch Ben's calendar either.
        await Attack.RefusalAsync(client, "edit_workout", new() { ["athlete"] = "Ada Cyclist", ["event_id"] = benEvent.Id, ["new_name"] = "Hijacked" });
        await Attack.RefusalAsync(client, "delete_workout", new() { ["athlete"] = "Ada Cyclist", ["event_id"] = benEvent.Id });
        await before.AssertUnchangedAsync(Host, "direct coach writing to a read-only athlete");
    }

    [Fact]
    public async Task A_coach_invited_by_the_coach_account_cannot_read_or_write_the_coachs_athletes_through_its_credential()
    {
        // Dana's own API key reaches Ada, Ben and Cleo on Intervals.icu; a coach Dana invites must reach only Dana.
        var url = await InviteCoachOfDanaAsync("dana-assistant@example.com",
            ["get_activity_detail", "get_extended_metrics", "get_events", "edit_workout", "delete_workout", "push_workout"]);
        var before = await DataSnapshot.TakeAsync(Host);
        await using var client = await IcuSyncTestHost.ConnectAsync(url);
        var adaActivity = Store.GetActivities(SandboxPrincipals.CyclistId).Last(a => a.Source != "STRAVA");
        var adaEvent = Store.GetEvents(SandboxPrincipals.CyclistId, Store.Today(SandboxPrincipals.CyclistId), Store.Today(SandboxPrincipals.CyclistId).AddDays(20))[0];

        foreach (var tool in new[] { "get_activity_detail", "get_extended_metrics" })
        {
            var text = await Attack.RefusalAsync(client, tool, new() { ["activity_id"] = adaActivity.Id });
            Assert.DoesNotContain(adaActivity.Name ?? "\u0000", text, StringComparison.Ordinal);
        }

        foreach (var ada in new[] { "i1001", "Ada Cyclist" })
        {
            await Attack.RefusalAsync(client, "get_events", new() { ["athlete"] = ada });
        }

        await Attack.RefusalAsync(client, "edit_workout", new() { ["event_id"] = adaEvent.Id, ["new_name"] = "Hijacked" });
        var delete = await Attack.RefusalAsync(client, "delete_workout", new() { ["event_id"] = adaEvent.Id });
        Assert.DoesNotContain(adaEvent.Name ?? "\u0000", delete, StringComparison.Ordinal);
        await before.AssertUnchangedAsync(Host, "a coach of Dana naming Ada's items");
    }

    private void AssertNamesNothingOfBen(string text, string query, string tool)
    {
        // The refusal may echo what the caller typed, but must add nothing about Ben.
        var ben = Store.FindAthlete(SandboxPrincipals.RunnerId)!;
        var facts = new List<string> { SandboxDemo.RunnerTimezone, "ben@sandbox.icusync.local", "Denver" };
        if (!query.Contains("1002", StringComparison.Ordinal))
        {
            facts.Add(SandboxPrincipals.RunnerId);
        }

        if (!query.Contains("Ben", StringComparison.OrdinalIgnoreCase) && !query.Contains("Runner", StringComparison.OrdinalIgnoreCase))
        {
            facts.Add("Ben Runner");
        }

        if (ben.City is { Length: > 0 } city)
        {
            facts.Add(city);
        }

        var added = query.Trim().Length == 0 ? text : text.Replace(query.Trim(), "", StringComparison.OrdinalIgnoreCase);
        Attack.AssertNames(added, $"{tool} refusal for '{query}'", [.. facts]);
    }

    private async Task<string> InviteCoachOfDanaAsync(string coachEmail, string[] tools)
    {
        var services = Host.Server.App.Services;
        var dana = await services.GetRequiredService<AthleteAccountService>().FindAsync(SandboxPrincipals.CoachId, CancellationToken.None)
            ?? throw new InvalidOperationException("No demo coach account.");
        var invited = await services.GetRequiredService<CoachInviteService>()
            .InviteCoreAsync(dana.Id, new CoachInviteRequest(coachEmail, tools), Actors.Athlete(dana.Id), sendEmail: false, CancellationToken.None);
        Assert.True(invited.Succeeded, invited.ToString());
        var token = await services.GetRequiredService<McpTokenService>()
            .GetOrIssueAsync(TokenOwner.InvitedCoach(invited.Value.CoachId), Actors.System, CancellationToken.None);
        Assert.True(token.Succeeded, token.ToString());
        return token.Value.McpUrl;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
