using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Mcp;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Infrastructure.WriteKit;
using static IcuSync.Server.Tests.Tools.Writes.WriteTestKit;

namespace IcuSync.Server.Tests.Tools.Writes;

/// <summary>push_workout end to end: a real MCP client, the real host, the in-process sandbox as Intervals.icu.</summary>
public sealed class PushWorkoutToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Dry_run_writes_nothing_and_confirm_creates_exactly_one_parsed_event()
    {
        var day = FreeDay(Host, 24);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var args = Push(day, "Threshold 3x8", ThresholdRide);

        var dryRun = await client.CallToolAsync("push_workout", args);
        var preview = dryRun.Structured();
        Assert.Equal("dry_run", preview.GetProperty("status").GetString());
        Assert.Empty(EventsOn(Host, day));
        var workout = preview.GetProperty("workout");
        Assert.Equal(ThresholdRideSeconds, workout.GetProperty("duration_s").GetInt32());
        Assert.Equal("POWER", workout.GetProperty("target").GetString());
        Assert.Equal(8, workout.GetProperty("step_count").GetInt32());
        var blocks = workout.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(3, blocks.Count);
        Assert.Equal("Main Set 3x", blocks[1].GetProperty("header").GetString());
        Assert.Equal(3, blocks[1].GetProperty("reps").GetInt32());
        Assert.Equal(2160, blocks[1].GetProperty("duration_s").GetInt32());
        Assert.Contains("FTP 250 W", workout.GetProperty("thresholds").GetString(), StringComparison.Ordinal);

        // IF and load from the same step targets as Intervals.icu's model: NP over the steps / FTP.
        var np = workout.GetProperty("normalized_power_w").GetInt32();
        var intensity = workout.GetProperty("intensity_factor").GetDouble();
        Assert.InRange(np, 190, 215);
        Assert.Equal(Math.Round(np / (double)SandboxDemo.CyclistFtp, 2), intensity, 2);
        var expectedLoad = ThresholdRideSeconds / 3600.0 * Math.Pow(np / (double)SandboxDemo.CyclistFtp, 2) * 100;
        Assert.InRange(workout.GetProperty("load").GetInt32(), expectedLoad - 1.5, expectedLoad + 1.5);
        var code = preview.GetProperty("confirm").GetString()!;
        Assert.Contains(code, dryRun.Text(), StringComparison.Ordinal);

        var created = (await client.CallToolAsync("push_workout", args.With("confirm", code))).Structured();

        Assert.Equal("created", created.GetProperty("status").GetString());
        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal(stored.Id, created.At("event", "id").GetInt64());
        Assert.Equal("WORKOUT", stored.Category);
        Assert.Equal("Ride", stored.Type);
        Assert.Equal("Threshold 3x8", stored.Name);
        Assert.StartsWith("icusync-", stored.ExternalId, StringComparison.Ordinal);
        Assert.Equal(created.GetProperty("external_id").GetString(), stored.ExternalId);
        Assert.Equal(ThresholdRideSeconds, stored.MovingTime);
        Assert.Equal(3, stored.WorkoutDoc!["steps"]!.AsArray().Count);
        var check = created.GetProperty("verification");
        Assert.True(check.GetProperty("ok").GetBoolean());
        Assert.Equal(3, check.GetProperty("steps_parsed").GetInt32());
        Assert.Equal(ThresholdRideSeconds, check.GetProperty("icu_duration_s").GetInt32());
    }

    [Fact]
    public async Task A_retried_confirm_and_a_second_dry_run_of_the_same_workout_leave_one_event()
    {
        var day = FreeDay(Host, 25);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var args = Push(day, "Endurance", "- 2h 65-70%");
        var code = (await client.CallToolAsync("push_workout", args)).ConfirmCode();

        var first = (await client.CallToolAsync("push_workout", args.With("confirm", code))).Structured();
        var replay = (await client.CallToolAsync("push_workout", args.With("confirm", code))).Structured();
        var again = (await DryRunThenConfirmAsync(client, "push_workout", args)).Structured();

        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal("created", first.GetProperty("status").GetString());
        Assert.Equal("unchanged", replay.GetProperty("status").GetString());
        Assert.Equal("unchanged", again.GetProperty("status").GetString());
        Assert.All(new[] { first, replay, again }, r => Assert.Equal(stored.Id, r.At("event", "id").GetInt64()));
        Assert.Equal(7200, stored.MovingTime);
    }

    [Fact]
    public async Task Workout_text_with_rule_errors_is_refused_with_codes_lines_and_fixes_and_nothing_is_written()
    {
        var day = FreeDay(Host, 26);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var audited = (await AuditAsync(Host)).Count;

        var result = await client.CallToolAsync("push_workout", Push(day, "Broken intervals", "Warmup\n- 10min Z2\n\nMain Set\n- 400m Z4"));

        Assert.True(result.IsError);
        var json = JsonSerializer.SerializeToElement(result.StructuredContent);
        Assert.Equal("refused", json.GetProperty("status").GetString());
        Assert.False(json.TryGetProperty("confirm", out _));
        var errors = json.GetProperty("errors").EnumerateArray().ToList();
        var unitWord = errors.Single(e => e.GetProperty("code").GetString() == "W001");
        Assert.Equal(2, unitWord.GetProperty("line").GetInt32());
        Assert.Contains("10m", unitWord.GetProperty("fix").GetString(), StringComparison.Ordinal);
        var meters = errors.Single(e => e.GetProperty("code").GetString() == "W003");
        Assert.Equal(5, meters.GetProperty("line").GetInt32());
        Assert.Contains("mtr", meters.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal("description", e.GetProperty("field").GetString()));
        Assert.Contains("W001", result.Text(), StringComparison.Ordinal);
        Assert.Contains("W003", result.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day));

        var audit = await AuditAsync(Host);
        var refusal = audit.Take(audit.Count - audited).Single(a => a.Event == AuditEvents.WriteRefused && a.Detail!.Contains("Broken intervals", StringComparison.Ordinal));
        Assert.Contains("rule_errors:", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("W001", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_duration_that_the_steps_do_not_add_up_to_is_warned_as_the_duration_trap()
    {
        var day = FreeDay(Host, 27);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));

        var preview = (await client.CallToolAsync("push_workout", Push(day, "Long ride", "- 1h15m Z2").With("duration", "1:45"))).Structured();

        Assert.Equal("dry_run", preview.GetProperty("status").GetString());
        Assert.Equal(4500, preview.At("workout", "duration_s").GetInt32());
        Assert.Equal(6300, preview.At("workout", "declared_duration_s").GetInt32());
        var trap = preview.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "W102");
        Assert.Equal("duration", trap.GetProperty("field").GetString());
        Assert.Contains("W102", (await client.CallToolAsync("push_workout", Push(day, "Long ride", "- 1h15m Z2").With("duration", "1:45"))).Text(), StringComparison.Ordinal);

        var bad = await client.CallToolAsync("push_workout", Push(day, "Long ride", "- 1h15m Z2").With("duration", "105 minutes"));
        Assert.True(bad.IsError);
        Assert.Contains("'duration'", bad.Text(), StringComparison.Ordinal);
        Assert.Contains("H:MM", bad.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_true_a_forged_code_and_a_code_for_another_payload_are_refused_and_write_nothing()
    {
        var day = FreeDay(Host, 28);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var args = Push(day, "Sweet spot", "Main Set 2x\n- 20m 88-92%\n- 5m 55%");
        var code = (await client.CallToolAsync("push_workout", args)).ConfirmCode();

        var flag = await client.CallToolAsync("push_workout", args.With("confirm", true));
        var word = await client.CallToolAsync("push_workout", args.With("confirm", "true"));
        var forged = await client.CallToolAsync("push_workout", args.With("confirm", "CfDJ8" + new string('A', 120)));
        var cut = await client.CallToolAsync("push_workout", args.With("confirm", code[..^4]));
        var otherPayload = await client.CallToolAsync("push_workout", args.With("name", "Sweet spot v2").With("confirm", code));

        foreach (var refused in new[] { flag, word, forged, cut, otherPayload })
        {
            Assert.True(refused.IsError);
            Assert.Contains("Nothing was written", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("without 'confirm'", refused.Text(), StringComparison.Ordinal);
        }

        Assert.Contains("not true", flag.Text(), StringComparison.Ordinal);
        Assert.Contains("different change", otherPayload.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day));
        var refusals = (await AuditAsync(Host)).Where(a => a.Event == AuditEvents.WriteRefused && a.Detail!.Contains("Sweet spot", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, r => r.Detail!.Contains("reason=confirm_notacode", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Detail!.Contains("reason=confirm_invalid", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Detail!.Contains("reason=confirm_mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_is_bound_to_the_connection_that_previewed_it()
    {
        var day = FreeDay(Host, 29);
        await using var athlete = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        await using var coach = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("direct coach"));
        var args = Push(day, "Recovery spin", "- 45m 50%");
        var code = (await athlete.CallToolAsync("push_workout", args)).ConfirmCode();

        var stolen = await coach.CallToolAsync("push_workout", args.With("athlete", "Ada Cyclist").With("confirm", code));

        Assert.True(stolen.IsError);
        Assert.Contains("different change", stolen.Text(), StringComparison.Ordinal);
        Assert.Empty(EventsOn(Host, day));
    }

    [Fact]
    public async Task The_preview_and_the_confirmed_write_are_audited_as_a_pair_without_the_code_or_any_email()
    {
        var day = FreeDay(Host, 30);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("invited coach"));
        var args = Push(day, "Coach VO2", "Main Set 5x\n- 3m 115%\n- 3m 50%").With("athlete", "Ada Cyclist");
        var code = (await client.CallToolAsync("push_workout", args)).ConfirmCode();
        var created = (await client.CallToolAsync("push_workout", args.With("confirm", code))).Structured();

        var externalId = created.GetProperty("external_id").GetString()!;
        var rows = (await AuditAsync(Host)).Where(a => a.Detail!.Contains(externalId, StringComparison.Ordinal) || a.Detail.Contains($"event={created.At("event", "id").GetInt64()}", StringComparison.Ordinal)).ToList();
        var previewed = Assert.Single(rows, r => r.Event == AuditEvents.WritePreviewed);
        var applied = Assert.Single(rows, r => r.Event == AuditEvents.WriteApplied);
        var fingerprint = "confirm_sha256=" + WriteConfirmations.Fingerprint(code);
        Assert.Contains(fingerprint, previewed.Detail, StringComparison.Ordinal);
        Assert.Contains(fingerprint, applied.Detail, StringComparison.Ordinal);
        foreach (var row in new[] { previewed, applied })
        {
            Assert.Contains("tool=push_workout", row.Detail, StringComparison.Ordinal);
            Assert.Contains("athlete=" + SandboxPrincipals.CyclistId, row.Detail, StringComparison.Ordinal);
            Assert.Contains("principal=InvitedCoach", row.Detail, StringComparison.Ordinal);
            Assert.StartsWith("coach:", row.Actor, StringComparison.Ordinal);
            Assert.NotNull(row.InvitedCoachId);
            Assert.NotNull(row.AthleteAccountId);
            Assert.NotNull(row.TokenId);
            Assert.DoesNotContain(code, row.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("@", row.Detail + row.Actor, StringComparison.Ordinal);
        }

        Assert.Contains("event=" + Assert.Single(EventsOn(Host, day)).Id, applied.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_name_the_argument_and_the_accepted_form()
    {
        var day = FreeDay(Host, 31);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));

        var noSport = await client.CallToolAsync("push_workout", Push(day, "Ride", "- 1h Z2").With("sport", null));
        var badSport = await client.CallToolAsync("push_workout", Push(day, "Ride", "- 1h Z2", sport: "Bike"));
        var badDate = await client.CallToolAsync("push_workout", Push(day, "Ride", "- 1h Z2").With("date", "next monday"));
        var syntaxName = await client.CallToolAsync("push_workout", Push(day, "- 1h Z2", "- 1h Z2"));

        Assert.Contains("'sport'", noSport.Text(), StringComparison.Ordinal);
        Assert.Contains("'sport'", badSport.Text(), StringComparison.Ordinal);
        Assert.Contains("'date'", badDate.Text(), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", badDate.Text(), StringComparison.Ordinal);
        Assert.True(syntaxName.IsError);
        Assert.Contains(JsonSerializer.SerializeToElement(syntaxName.StructuredContent).GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("code").GetString() == "W018" && e.GetProperty("field").GetString() == "name");
        Assert.All(new[] { noSport, badSport, badDate }, r => Assert.True(r.IsError));
        Assert.Empty(EventsOn(Host, day));
    }

    [Fact]
    public async Task A_note_is_pushed_without_workout_rules_or_steps()
    {
        var day = FreeDay(Host, 32);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ada Cyclist, athlete"));
        var args = new Dictionary<string, object?> { ["date"] = Iso(day), ["name"] = "Bike fit", ["category"] = "NOTE", ["description"] = "Saddle up 3 mm." };

        var created = (await DryRunThenConfirmAsync(client, "push_workout", args)).Structured();

        var stored = Assert.Single(EventsOn(Host, day));
        Assert.Equal("NOTE", stored.Category);
        Assert.Equal("Saddle up 3 mm.", stored.Description);
        Assert.Null(stored.WorkoutDoc);
        Assert.Equal("created", created.GetProperty("status").GetString());
        Assert.False(created.TryGetProperty("verification", out _));
    }
}
