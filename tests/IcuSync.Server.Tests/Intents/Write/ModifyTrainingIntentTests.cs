using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Infrastructure.WriteKit;
using static IcuSync.Server.Tests.Intents.Write.IntentWriteKit;

namespace IcuSync.Server.Tests.Intents.Write;

/// <summary>modify_training end to end: a real MCP client on the intents profile, the real host, the sandbox as Intervals.icu.</summary>
public sealed class ModifyTrainingIntentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Ada = "Ada Cyclist, athlete";

    private IcuSyncTestHost Host => fixture.Host;

    private static Dictionary<string, object?> Create(DateOnly day, string name, string description, string type = "Ride") =>
        Args(("action", "create"), ("target_date", Iso(day)), ("new_name", name), ("new_description", description), ("new_type", type));

    [Fact]
    public async Task Create_dry_runs_with_a_passing_preflight_and_the_code_writes_exactly_one_parsed_event()
    {
        var day = FreeDay(Host, 24);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var args = Create(day, "Threshold 3x8", ThresholdRide).With("new_duration", "0:56");

        var dryRun = await client.CallToolAsync("modify_training", args);

        var preview = dryRun.Structured();
        Assert.Equal("dry_run", preview.GetProperty("status").GetString());
        Assert.Empty(EventsOn(Host, day));
        var checks = preview.PreFlight();
        Assert.Equal(new[] { "duration_syntax", "target_syntax", "structure", "special_steps", "event_level", "event_duration", "dry_run_result" }, checks.Keys);
        Assert.All(checks.Values, c => Assert.Equal("pass", c.GetProperty("status").GetString()));
        Assert.Contains("0:56", checks["event_duration"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ThresholdRideSeconds, preview.GetProperty("after").GetProperty("duration_s").GetInt32());
        Assert.StartsWith("PRE-FLIGHT CHECK:\n✓ duration_syntax", dryRun.Text(), StringComparison.Ordinal);

        var code = preview.GetProperty("confirm").GetString()!;
        var created = (await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", code))).Structured();

        Assert.Equal("created", created.GetProperty("status").GetString());
        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal(stored.Id, created.GetProperty("event").GetProperty("id").GetInt64());
        Assert.Equal("Threshold 3x8", stored.Name);
        Assert.Equal("Ride", stored.Type);
        Assert.Equal(created.GetProperty("external_id").GetString(), stored.ExternalId);
        Assert.Equal(ThresholdRideSeconds, stored.MovingTime);
        Assert.Equal(3, stored.WorkoutDoc!["steps"]!.AsArray().Count);
        Assert.True(created.GetProperty("verification").GetProperty("ok").GetBoolean());
        Assert.Contains("parsed 3 step(s)", created.PreFlight()["dry_run_result"].GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Replaying the same code repeats the same write: still one event.
        var replay = (await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", code))).Structured();
        Assert.Equal("unchanged", replay.GetProperty("status").GetString());
        Assert.Single(EventsOn(Host, day));
    }

    [Fact]
    public async Task Dry_run_false_without_a_code_a_forged_code_or_confirm_true_is_refused_and_nothing_is_written()
    {
        var day = FreeDay(Host, 25);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var args = Create(day, "Endurance", "- 2h 65-70%");
        var audited = (await AuditAsync(Host)).Count;

        var noCode = await client.CallToolAsync("modify_training", args.With("dry_run", false));
        var forged = await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", "CfDJ8forgedcode1234567890abcdef"));
        var boolean = await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", true));
        var otherPayload = (await client.CallToolAsync("modify_training", Create(day, "Endurance", "- 3h 65-70%"))).ConfirmCode();
        var swapped = await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", otherPayload));

        Assert.True(noCode.IsError);
        Assert.Contains("dry_run:false needs the 'confirm' code", noCode.Text(), StringComparison.Ordinal);
        Assert.True(forged.IsError);
        Assert.Contains("not a code IcuSync issued", forged.Text(), StringComparison.Ordinal);
        Assert.True(boolean.IsError);
        Assert.Contains("not true/yes", boolean.Text(), StringComparison.Ordinal);
        Assert.True(swapped.IsError);
        Assert.Contains("different change", swapped.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day));

        var audit = await AuditAsync(Host);
        var refusals = audit.Take(audit.Count - audited).Where(a => a.Event == AuditEvents.WriteRefused).ToList();
        Assert.Contains(refusals, a => a.Detail!.Contains("reason=confirm_missing", StringComparison.Ordinal));
        Assert.Contains(refusals, a => a.Detail!.Contains("reason=confirm_invalid", StringComparison.Ordinal));
        Assert.Contains(refusals, a => a.Detail!.Contains("reason=confirm_notacode", StringComparison.Ordinal));
        Assert.Contains(refusals, a => a.Detail!.Contains("reason=confirm_mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_workout_text_is_refused_with_rule_codes_on_the_preflight_lines()
    {
        var day = FreeDay(Host, 26);
        await using var client = await Host.ConnectIntentsAsync(Ada);

        var result = await client.CallToolAsync("modify_training", Create(day, "Broken intervals", "Warmup\n- 10min Z2\n\nMain Set\n- 400m Z4\n- 5m 95-105"));

        Assert.True(result.IsError);
        var json = result.Json();
        Assert.Equal("refused", json.GetProperty("status").GetString());
        Assert.False(json.TryGetProperty("confirm", out _));
        var codes = json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "W001", "W003", "W004" }, codes);
        var checks = json.PreFlight();
        Assert.Equal("fail", checks["duration_syntax"].GetProperty("status").GetString());
        Assert.Contains("W001 line 2", checks["duration_syntax"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("W003 line 5", checks["duration_syntax"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("fail", checks["target_syntax"].GetProperty("status").GetString());
        Assert.Equal("pass", checks["structure"].GetProperty("status").GetString());
        Assert.Equal("fail", checks["dry_run_result"].GetProperty("status").GetString());
        Assert.Contains("✗ duration_syntax", result.Text(), StringComparison.Ordinal);
        Assert.Contains("=> STOP", result.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day));
    }

    [Fact]
    public async Task A_new_duration_the_steps_do_not_add_up_to_is_warned_as_the_duration_trap()
    {
        await using var client = await Host.ConnectIntentsAsync("Ben Runner, athlete");
        var runnerDay = FreeDay(Host, 27, SandboxPrincipals.RunnerId);
        var args = Create(runnerDay, "Endurance Run", "Warmup\n- 15m Z1 HR\n\nMain Set\n- 45m Z2 HR\n\nCooldown\n- 15m Z1 HR", "Run").With("new_duration", "1:45");

        var preview = (await client.CallToolAsync("modify_training", args)).Structured();

        var trap = preview.PreFlight()["event_duration"];
        Assert.Equal("warn", trap.GetProperty("status").GetString());
        Assert.Contains("DURATION TRAP: new_duration 1:45 but the steps add up to 1:15", trap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "W102");
        Assert.Equal("duration", warning.GetProperty("field").GetString());
        Assert.Equal(4500, preview.GetProperty("after").GetProperty("duration_s").GetInt32());
        Assert.Equal(6300, preview.GetProperty("after").GetProperty("declared_duration_s").GetInt32());
        Assert.True(preview.TryGetProperty("confirm", out _));
        Assert.Empty(EventsOn(Host, runnerDay, SandboxPrincipals.RunnerId));
    }

    [Fact]
    public async Task Modify_changes_a_seeded_planned_workout_in_place_with_the_same_id()
    {
        var store = Host.Store();
        var today = store.Today(SandboxPrincipals.CyclistId);
        // A seeded planned workout ahead (not completed) whose name has a word no other event that day has.
        var (target, word) = Enumerable.Range(3, 17)
            .SelectMany(i => EventsOn(Host, today.AddDays(i)).Where(e => e.Category == "WORKOUT").Select(e => (Event: e, Day: EventsOn(Host, today.AddDays(i)))))
            .Select(x => (x.Event, Word: x.Event.Name!.Split(' ').FirstOrDefault(w => w.Length >= 4 && w.All(char.IsLetter)
                && x.Day.Count(o => $"{o.Name} {o.Description}".Contains(w, StringComparison.OrdinalIgnoreCase)) == 1)))
            .First(x => x.Word is not null);
        var day = DateOnly.FromDateTime(target.StartDateLocal);
        var others = EventsOn(Host, day).Count;
        var before = store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(30)).Count;
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var args = Args(("action", "modify"), ("target_date", Iso(day)), ("target_description_contains", word!),
            ("new_name", "Endurance Ride"), ("new_description", "- 1h45m 65-75%"), ("new_duration", "1:45"));

        var preview = (await client.CallToolAsync("modify_training", args)).Structured();

        Assert.Equal(target.Id, preview.GetProperty("before").GetProperty("id").GetInt64());
        var changes = preview.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal(target.Name, changes["name"].GetProperty("before").GetString());
        Assert.Equal("6300", changes["duration_s"].GetProperty("after").GetString());
        Assert.Equal("pass", preview.PreFlight()["event_duration"].GetProperty("status").GetString());
        Assert.Equal(target.Name, store.FindEvent(SandboxPrincipals.CyclistId, target.Id)!.Name);

        var code = preview.GetProperty("confirm").GetString()!;
        var updated = (await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", code))).Structured();

        Assert.Equal("updated", updated.GetProperty("status").GetString());
        Assert.Equal(target.Id, updated.GetProperty("event").GetProperty("id").GetInt64());
        Assert.Equal(others, EventsOn(Host, day).Count);
        var stored = store.FindEvent(SandboxPrincipals.CyclistId, target.Id)!;
        Assert.Equal(day, DateOnly.FromDateTime(stored.StartDateLocal));
        Assert.Equal("Endurance Ride", stored.Name);
        Assert.Equal("- 1h45m 65-75%", stored.Description);
        Assert.Equal(6300, stored.MovingTime);
        Assert.Equal(before, store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(30)).Count);
    }

    [Fact]
    public async Task An_ambiguous_target_lists_the_candidates_with_ids_and_event_id_picks_one()
    {
        var day = FreeDay(Host, 28);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var first = (await ApplyAsync(client, "modify_training", Create(day, "Morning Ride", "- 1h 65%"))).GetProperty("event").GetProperty("id").GetInt64();
        var second = (await ApplyAsync(client, "modify_training", Create(day, "Evening Ride", "- 45m 70%"))).GetProperty("event").GetProperty("id").GetInt64();

        var ambiguous = await client.CallToolAsync("modify_training",
            Args(("action", "modify"), ("target_date", Iso(day)), ("target_description_contains", "Ride"), ("new_name", "Renamed")));

        Assert.True(ambiguous.IsError);
        var json = ambiguous.Json();
        Assert.Equal("ambiguous", json.GetProperty("status").GetString());
        Assert.Equal(new[] { first, second }.Order(), json.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Order());
        Assert.Contains("event_id", json.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains($"[{second}]", ambiguous.Text(), StringComparison.Ordinal);

        var picked = await ApplyAsync(client, "modify_training", Args(("action", "modify"), ("event_id", second), ("new_name", "Evening Spin")));

        Assert.Equal(second, picked.GetProperty("event").GetProperty("id").GetInt64());
        Assert.Equal(new[] { "Evening Spin", "Morning Ride" }, EventsOn(Host, day).Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Delete_previews_exactly_the_event_and_then_deletes_only_it()
    {
        var day = FreeDay(Host, 29);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var keep = (await ApplyAsync(client, "modify_training", Create(day, "Long Ride", "- 3h 65%"))).GetProperty("event").GetProperty("id").GetInt64();
        var doomed = (await ApplyAsync(client, "modify_training", Create(day, "Recovery Spin", "- 30m 50%"))).GetProperty("event").GetProperty("id").GetInt64();
        var args = Args(("action", "delete"), ("target_date", Iso(day)), ("target_description_contains", "recovery"));

        var dryRun = await client.CallToolAsync("modify_training", args);

        var preview = dryRun.Structured();
        var listed = Assert.Single(preview.GetProperty("would_delete").EnumerateArray());
        Assert.Equal(doomed, listed.GetProperty("id").GetInt64());
        Assert.Equal("Recovery Spin", listed.GetProperty("name").GetString());
        Assert.Contains($"Would delete [{doomed}]", dryRun.Text(), StringComparison.Ordinal);
        Assert.Equal(2, EventsOn(Host, day).Count);

        var deleted = (await client.CallToolAsync("modify_training", args.With("dry_run", false).With("confirm", preview.GetProperty("confirm").GetString()))).Structured();

        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.Equal(keep, Assert.Single(EventsOn(Host, day)).Id);
        Assert.Null(Host.Store().FindEvent(SandboxPrincipals.CyclistId, (int)doomed));
    }

    [Fact]
    public async Task Delete_refuses_a_race_and_leaves_it_on_the_calendar()
    {
        var store = Host.Store();
        var today = store.Today(SandboxPrincipals.CyclistId);
        var race = store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(90)).Single(e => e.Category == "RACE_A");
        await using var client = await Host.ConnectIntentsAsync(Ada);

        var result = await client.CallToolAsync("modify_training", Args(("action", "delete"), ("event_id", race.Id)));

        Assert.True(result.IsError);
        Assert.Contains("is a race (RACE_A)", result.Text(), StringComparison.Ordinal);
        Assert.NotNull(store.FindEvent(SandboxPrincipals.CyclistId, race.Id));
    }

    [Fact]
    public async Task An_invited_coach_without_the_edit_and_delete_grants_may_create_but_not_modify_or_delete()
    {
        var day = FreeDay(Host, 30);
        await using var client = await Host.ConnectIntentsAsync("invited coach");
        Assert.Contains("modify_training", (await client.ListToolsAsync()).Select(t => t.Name));

        var created = await ApplyAsync(client, "modify_training", Create(day, "Coach tempo", "- 40m 85%"));
        var id = created.GetProperty("event").GetProperty("id").GetInt64();
        var modify = await client.CallToolAsync("modify_training", Args(("action", "modify"), ("event_id", id), ("new_name", "Renamed")));
        var delete = await client.CallToolAsync("modify_training", Args(("action", "delete"), ("event_id", id)));

        Assert.True(modify.IsError);
        Assert.Contains("'edit_workout'", modify.Text(), StringComparison.Ordinal);
        Assert.True(delete.IsError);
        Assert.Contains("'delete_workout'", delete.Text(), StringComparison.Ordinal);
        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal("Coach tempo", stored.Name);
    }

    [Fact]
    public async Task A_generic_description_fragment_is_flagged_on_the_preflight()
    {
        var day = FreeDay(Host, 31);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var id = (await ApplyAsync(client, "modify_training", Create(day, "Sweet Spot", "- 1h 88-93%"))).GetProperty("event").GetProperty("id").GetInt64();

        var preview = (await client.CallToolAsync("modify_training",
            Args(("action", "modify"), ("target_date", Iso(day)), ("target_description_contains", "1h"), ("new_name", "Sweet Spot Ride")))).Structured();

        Assert.Equal(id, preview.GetProperty("before").GetProperty("id").GetInt64());
        var eventLevel = preview.PreFlight()["event_level"];
        Assert.Equal("warn", eventLevel.GetProperty("status").GetString());
        Assert.Contains("generic", eventLevel.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
