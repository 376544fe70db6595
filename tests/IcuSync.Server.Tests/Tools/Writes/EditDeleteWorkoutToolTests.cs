using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Writes.WriteTestKit;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>edit_workout and delete_workout end to end against the sandbox calendar.</summary>
public sealed class EditDeleteWorkoutToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Edit_changes_the_same_event_in_place_and_shows_a_before_after_diff()
    {
        var day = FreeDay(Host, 33);
        var moved = FreeDay(Host, 34);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var id = (await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Tempo", "- 1h 80%"))).Structured().At("event", "id").GetInt64();
        var edit = new Dictionary<string, object?>
        {
            ["date"] = Iso(day),
            ["name_contains"] = "tempo",
            ["new_name"] = "Tempo + sprints",
            ["new_description"] = "Main Set\n- 1h 80%\n\nSprints 4x\n- 15s 150%\n- 2m45s 50%",
            ["new_date"] = Iso(moved),
        };

        var preview = (await client.CallToolAsync("edit_workout", edit)).Structured();

        Assert.Equal("dry_run", preview.GetProperty("status").GetString());
        Assert.Equal(id, preview.At("before", "id").GetInt64());
        var changes = preview.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal("Tempo", changes["name"].GetProperty("before").GetString());
        Assert.Equal("Tempo + sprints", changes["name"].GetProperty("after").GetString());
        Assert.Equal(Iso(day), changes["date"].GetProperty("before").GetString());
        Assert.Equal(Iso(moved), changes["date"].GetProperty("after").GetString());
        Assert.Equal("3600", changes["duration_s"].GetProperty("before").GetString());
        Assert.Equal("4320", changes["duration_s"].GetProperty("after").GetString());
        Assert.Contains("- 1h 80%", changes["description"].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tempo", Store.FindEvent(SandboxPrincipals.CyclistId, (int)id)!.Name);

        var code = preview.GetProperty("confirm").GetString()!;
        var updated = (await client.CallToolAsync("edit_workout", edit.With("confirm", code))).Structured();

        Assert.Equal("updated", updated.GetProperty("status").GetString());
        Assert.Equal(id, updated.At("event", "id").GetInt64());
        Assert.Empty(EventsOn(Host, day));
        var stored = Assert.Single(EventsOn(Host, moved));
        Assert.Equal(id, stored.Id);
        Assert.Equal("Tempo + sprints", stored.Name);
        Assert.Equal(4320, stored.MovingTime);
        Assert.Equal(2, stored.WorkoutDoc!["steps"]!.AsArray().Count);
        Assert.True(updated.At("verification", "ok").GetBoolean());
    }

    [Fact]
    public async Task Edit_by_event_id_refuses_new_text_with_rule_errors_and_keeps_the_event()
    {
        var day = FreeDay(Host, 35);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var id = (await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Steady", "- 90m 70%"))).Structured().At("event", "id").GetInt64();

        var refused = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = id, ["new_description"] = "- 90min 75%" });
        var nothing = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = id, ["new_name"] = "Steady" });

        Assert.True(refused.IsError);
        Assert.Contains(JsonSerializer.SerializeToElement(refused.StructuredContent).GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "W001");
        Assert.True(nothing.IsError);
        Assert.Contains("Nothing to change", nothing.Text(), StringComparison.Ordinal);
        Assert.Equal("- 1h30m 70%", Store.FindEvent(SandboxPrincipals.CyclistId, (int)id)!.Description);
    }

    [Fact]
    public async Task An_ambiguous_lookup_lists_the_candidates_with_ids_instead_of_guessing()
    {
        var day = FreeDay(Host, 36);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Easy AM", "- 45m 55%"));
        await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Easy PM", "- 45m 60%"));

        var result = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["date"] = Iso(day), ["name_contains"] = "easy" });

        Assert.True(result.IsError);
        var json = JsonSerializer.SerializeToElement(result.StructuredContent);
        Assert.Equal("ambiguous", json.GetProperty("status").GetString());
        Assert.Equal(EventsOn(Host, day).Select(e => (long)e.Id).Order(), json.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Order());
        Assert.Equal(2, EventsOn(Host, day).Count);
    }

    [Fact]
    public async Task Delete_refuses_a_race_and_a_completed_workout_and_an_activity_name()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var race = Store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(90)).Single(e => e.Category == "RACE_A");
        var completed = Store.GetEvents(SandboxPrincipals.CyclistId, today.AddDays(-30), today).First(e => e.Category == "WORKOUT" && e.PairedActivityId is not null);
        var activity = Store.GetActivities(SandboxPrincipals.CyclistId, today.AddDays(-30), today.AddDays(-1))
            .First(a => a.Id.StartsWith('i') && a.Name is { Length: > 3 } && !Store.GetEvents(SandboxPrincipals.CyclistId, DateOnly.FromDateTime(a.StartDateLocal), DateOnly.FromDateTime(a.StartDateLocal)).Any());

        var raceResult = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = race.Id });
        var doneResult = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = completed.Id });
        var activityResult = await client.CallToolAsync("delete_workout", new Dictionary<string, object?>
        {
            ["date"] = Iso(DateOnly.FromDateTime(activity.StartDateLocal)),
            ["name_contains"] = activity.Name,
        });

        Assert.True(raceResult.IsError);
        Assert.Contains("race", raceResult.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was deleted", raceResult.Text(), StringComparison.Ordinal);
        Assert.True(doneResult.IsError);
        Assert.Contains("completed", doneResult.Text(), StringComparison.Ordinal);
        Assert.Contains(completed.PairedActivityId!, doneResult.Text(), StringComparison.Ordinal);
        Assert.True(activityResult.IsError);
        Assert.Contains("completed activity", activityResult.Text(), StringComparison.Ordinal);
        Assert.Contains(activity.Id, activityResult.Text(), StringComparison.Ordinal);
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, race.Id));
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, completed.Id));
        Assert.NotNull(Store.FindActivity(activity.Id));

        var editRace = await client.CallToolAsync("edit_workout", new Dictionary<string, object?> { ["event_id"] = race.Id, ["new_name"] = "Renamed" });
        Assert.True(editRace.IsError);
        Assert.Equal(race.Name, Store.FindEvent(SandboxPrincipals.CyclistId, race.Id)!.Name);
    }

    [Fact]
    public async Task Delete_removes_exactly_the_previewed_note_and_nothing_else()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var note = Store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(7)).Single(e => e.Name == "Travel day");
        var day = DateOnly.FromDateTime(note.StartDateLocal);
        var others = EventsOn(Host, day).Where(e => e.Id != note.Id).Select(e => e.Id).ToList();
        var args = new Dictionary<string, object?> { ["date"] = Iso(day), ["name_contains"] = "Girona" };

        var preview = (await client.CallToolAsync("delete_workout", args)).Structured();

        var doomed = Assert.Single(preview.GetProperty("would_delete").EnumerateArray());
        Assert.Equal(note.Id, doomed.GetProperty("id").GetInt64());
        Assert.Equal("NOTE", doomed.GetProperty("category").GetString());
        Assert.Equal("Travel day", doomed.GetProperty("name").GetString());
        Assert.Equal(Iso(day), doomed.GetProperty("date").GetString());
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, note.Id));

        var deleted = (await client.CallToolAsync("delete_workout", args.With("confirm", preview.GetProperty("confirm").GetString()))).Structured();

        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.Equal(note.Id, Assert.Single(deleted.GetProperty("deleted").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Null(Store.FindEvent(SandboxPrincipals.CyclistId, note.Id));
        Assert.Equal(others, EventsOn(Host, day).Select(e => e.Id).ToList());
    }

    [Fact]
    public async Task A_delete_code_only_deletes_the_event_it_previewed()
    {
        var day = FreeDay(Host, 37);
        var other = FreeDay(Host, 38);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var first = (await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Openers", "- 30m 60%"))).Structured().At("event", "id").GetInt64();
        var second = (await DryRunThenConfirmAsync(client, "push_workout", Push(other, "Openers", "- 30m 60%"))).Structured().At("event", "id").GetInt64();
        var code = (await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = first })).ConfirmCode();

        var wrongTarget = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = second, ["confirm"] = code });
        var noCode = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = second, ["confirm"] = true });

        Assert.True(wrongTarget.IsError);
        Assert.True(noCode.IsError);
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, (int)second));
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, (int)first));

        var deleted = (await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = first, ["confirm"] = code })).Structured();
        var replay = await client.CallToolAsync("delete_workout", new Dictionary<string, object?> { ["event_id"] = first, ["confirm"] = code });

        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.Null(Store.FindEvent(SandboxPrincipals.CyclistId, (int)first));
        Assert.NotNull(Store.FindEvent(SandboxPrincipals.CyclistId, (int)second));
        Assert.True(replay.IsError);
        Assert.Contains("no calendar event with id", replay.Text(), StringComparison.Ordinal);
    }
}
