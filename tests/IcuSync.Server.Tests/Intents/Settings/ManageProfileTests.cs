using System.Globalization;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;

namespace IcuSync.Server.Tests.Intents.Settings;

/// <summary>manage_profile over a real MCP client on the intents profile, against the sandbox's stored settings.</summary>
public sealed class ManageProfileTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Get_returns_every_section_with_the_stored_thresholds_zones_and_todays_fitness()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var json = (await client.CallToolAsync("manage_profile", Args(("action", "get")))).Structured();

        var today = Store.Today(SandboxPrincipals.CyclistId);
        var ride = Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride")!;
        Assert.Equal(SandboxPrincipals.CyclistId, json.At("context", "athlete_id").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), json.At("context", "today").GetString());
        Assert.Equal("Ada Cyclist", json.At("overview", "name").GetString());
        Assert.Equal("Ride", json.At("overview", "primary_sport").GetString());
        var thresholds = json.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("sport_settings_id").GetInt64() == ride.Id);
        Assert.Equal(SandboxDemo.CyclistFtp, thresholds.GetProperty("ftp_w").GetInt32());
        Assert.Equal(ride.Lthr, thresholds.GetProperty("lthr_bpm").GetInt32());
        Assert.Equal(ride.HrZones![1], thresholds.GetProperty("aet_hr_bpm").GetInt32());
        Assert.Equal(Math.Round((ride.Lthr!.Value - ride.HrZones[1]) * 100.0 / ride.HrZones[1], 1), thresholds.GetProperty("aet_lt_gap_pct").GetDouble(), 3);
        var zones = json.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("sport_settings_id").GetInt64() == ride.Id);
        Assert.Equal(ride.HrZones.Count, zones.GetProperty("hr_zones").GetArrayLength());
        Assert.Equal(ride.HrZones[0], zones.GetProperty("hr_zones")[0].GetProperty("top").GetDouble());
        var wellness = Store.FindWellness(SandboxPrincipals.CyclistId, today)!;
        Assert.Equal(Math.Round(wellness.Ctl!.Value, 1), json.At("metrics", "ctl").GetDouble(), 3);
        Assert.Equal(Math.Round(wellness.Ctl.Value - wellness.Atl!.Value, 1), json.At("metrics", "tsb").GetDouble(), 1);
    }

    [Fact]
    public async Task Get_with_sections_returns_only_those_and_refuses_an_unknown_section_by_name()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");

        var json = (await client.CallToolAsync("manage_profile", Args(("sections", new[] { "zones", "thresholds" })))).Structured();
        var bad = await client.CallToolAsync("manage_profile", Args(("sections", new[] { "zones", "power" })));

        Assert.True(json.Has("zones"));
        Assert.True(json.Has("thresholds"));
        Assert.False(json.Has("overview"));
        Assert.False(json.Has("metrics"));
        var run = json.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("types")[0].GetString() == "Run");
        Assert.Equal("4:15/km", run.GetProperty("threshold_pace").GetString());
        Assert.True(bad.IsError);
        Assert.Contains("'sections'", bad.Text(), StringComparison.Ordinal);
        Assert.Contains("overview, zones, thresholds, metrics", bad.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_thresholds_dry_run_writes_nothing_and_confirm_applies_the_previewed_zones_to_settings_and_activities()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");
        var before = Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride")!;
        var args = Args(("action", "update_thresholds"), ("new_lt_hr", 171), ("new_aet_hr", 150), ("thresholds_source", "lab_test"));

        var dryRun = await client.CallToolAsync("manage_profile", args);
        var preview = dryRun.Structured();

        // Nothing written: settings and activities as they were.
        Assert.Equal(before, Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride"));
        Assert.Equal(before.Lthr, preview.At("change", "lthr_old_bpm").GetInt32());
        Assert.Equal(171, preview.At("change", "lthr_new_bpm").GetInt32());
        Assert.Equal(before.HrZones![1], preview.At("change", "aet_old_bpm").GetInt32());
        Assert.Equal(150, preview.At("change", "aet_new_bpm").GetInt32());
        Assert.Equal(Math.Round((171 - 150) * 100.0 / 150, 1), preview.At("change", "aet_lt_gap_new_pct").GetDouble(), 3);
        // Zones other than Z2 scale with LTHR; max HR stays.
        var expected = before.HrZones.Select((top, i) => i == before.HrZones.Count - 1 ? top : (int)Math.Round(top * 171.0 / before.Lthr!.Value, MidpointRounding.AwayFromZero)).ToList();
        expected[1] = 150;
        var zones = preview.At("change", "hr_zones").EnumerateArray().ToList();
        Assert.Equal(expected, zones.Select(z => z.GetProperty("new_top_bpm").GetInt32()));
        Assert.Equal(before.HrZones, zones.Select(z => z.GetProperty("old_top_bpm").GetInt32()));
        Assert.Contains("DRY RUN", dryRun.Text(), StringComparison.Ordinal);
        Assert.Contains("LTHR 165 → 171 bpm", dryRun.Text(), StringComparison.Ordinal);

        var applied = (await client.CallToolAsync("manage_profile", args.With("confirm", preview.GetProperty("confirm").GetString()))).Structured();

        var after = Store.FindSportSettings(SandboxPrincipals.CyclistId, "Ride")!;
        Assert.Equal("applied", applied.GetProperty("status").GetString());
        Assert.Equal(171, after.Lthr);
        Assert.Equal(expected, after.HrZones);
        Assert.Equal(171, applied.At("stored", "lthr_bpm").GetInt32());
        Assert.Equal(150, applied.At("stored", "aet_hr_bpm").GetInt32());
        var rides = Store.GetActivities(SandboxPrincipals.CyclistId).Where(a => !a.IsStravaStub && a.Type is "Ride" or "VirtualRide").ToList();
        Assert.NotEmpty(rides);
        Assert.All(rides, a => Assert.Equal(171, a.Lthr));
        Assert.All(rides, a => Assert.Equal(expected, a.IcuHrZones));

        // The change is visible to the next read (the cache was dropped), and a replay changes nothing.
        var reread = (await client.CallToolAsync("manage_profile", Args(("sections", new[] { "thresholds" })))).Structured();
        Assert.Equal(171, reread.GetProperty("thresholds").EnumerateArray().Single(t => t.GetProperty("sport_settings_id").GetInt64() == before.Id).GetProperty("lthr_bpm").GetInt32());
        var replay = (await client.CallToolAsync("manage_profile", args.With("confirm", preview.GetProperty("confirm").GetString()))).Structured();
        Assert.Equal("unchanged", replay.GetProperty("status").GetString());

        var audit = await AuditAsync();
        Assert.Contains(audit, a => a.Event == AuditEvents.WritePreviewed && a.Detail!.Contains("action=update_thresholds", StringComparison.Ordinal) && a.Detail.Contains("source=lab_test", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Event == AuditEvents.WriteApplied && a.Detail!.Contains("lthr=165->171", StringComparison.Ordinal) && a.Detail.Contains("verified=ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_or_boolean_confirm_or_dry_run_false_writes_nothing()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");
        var before = Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run")!;
        var args = Args(("action", "update_thresholds"), ("new_lt_hr", before.Lthr + 4));

        var forged = await client.CallToolAsync("manage_profile", args.With("confirm", "CfDJ8forgedcodeAAAAAAAAAAAAAAAA"));
        var boolean = await client.CallToolAsync("manage_profile", args.With("confirm", true));
        var dryRunFalse = await client.CallToolAsync("manage_profile", args.With("dry_run", false));
        var code = dryRunFalse.ConfirmCode();
        var otherValue = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", before.Lthr + 9), ("confirm", code)));
        var previewWins = await client.CallToolAsync("manage_profile", args.With("confirm", code).With("dry_run", true));

        Assert.True(forged.IsError);
        Assert.Contains("not a code IcuSync issued", forged.Text(), StringComparison.Ordinal);
        Assert.True(boolean.IsError);
        Assert.Contains("not true/yes", boolean.Text(), StringComparison.Ordinal);
        Assert.True(otherValue.IsError);
        Assert.Contains("different change", otherValue.Text(), StringComparison.Ordinal);
        Assert.Equal("dry_run", previewWins.Structured().GetProperty("status").GetString());
        Assert.Equal(before, Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run"));
    }

    [Fact]
    public async Task Inconsistent_threshold_values_are_refused_naming_the_argument_and_the_valid_range()
    {
        await using var client = await Host.ConnectIntentsAsync("Runner");
        var run = Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run")!;

        var none = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds")));
        var aetAboveLt = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", 170), ("new_aet_hr", 172)));
        var ltAboveMax = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", run.MaxHr)));
        var aetInZ1 = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_aet_hr", run.HrZones![0] - 2)));
        var badSport = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", 175), ("sport", "Rowing")));
        var badSource = await client.CallToolAsync("manage_profile", Args(("action", "update_thresholds"), ("new_lt_hr", 175), ("thresholds_source", "guess")));

        Assert.Contains("'new_lt_hr'", none.Text(), StringComparison.Ordinal);
        Assert.Contains("'new_aet_hr'", aetAboveLt.Text(), StringComparison.Ordinal);
        Assert.Contains("below LTHR (170 bpm)", aetAboveLt.Text(), StringComparison.Ordinal);
        Assert.Contains($"max HR of {run.MaxHr} bpm", ltAboveMax.Text(), StringComparison.Ordinal);
        Assert.Contains($"top of Z1 ({run.HrZones[0]} bpm)", aetInZ1.Text(), StringComparison.Ordinal);
        Assert.Contains("'sport'", badSport.Text(), StringComparison.Ordinal);
        Assert.Contains("Run", badSport.Text(), StringComparison.Ordinal);
        Assert.Contains("manual, lab_test", badSource.Text(), StringComparison.Ordinal);
        Assert.All(new[] { none, aetAboveLt, ltAboveMax, aetInZ1, badSport, badSource }, r => Assert.True(r.IsError));
        Assert.Equal(run, Store.FindSportSettings(SandboxPrincipals.RunnerId, "Run"));
    }

    [Fact]
    public async Task A_direct_coach_with_write_access_updates_one_named_sport_without_touching_past_activities()
    {
        await using var client = await Host.ConnectIntentsAsync("direct coach");
        var run = Store.FindSportSettings(SandboxPrincipals.TriathleteId, "Run")!;
        var ride = Store.FindSportSettings(SandboxPrincipals.TriathleteId, "Ride")!;
        var args = Args(("action", "update_thresholds"), ("sport", "Run"), ("new_aet_hr", run.HrZones![1] + 3), ("apply_to_activities", false), ("athlete", "Cleo"));

        var code = (await client.CallToolAsync("manage_profile", args)).ConfirmCode();
        var applied = (await client.CallToolAsync("manage_profile", args.With("confirm", code))).Structured();

        var after = Store.FindSportSettings(SandboxPrincipals.TriathleteId, "Run")!;
        Assert.Equal(SandboxPrincipals.TriathleteId, applied.At("context", "athlete_id").GetString());
        Assert.False(applied.At("change", "apply_to_activities").GetBoolean());
        Assert.Equal(run.Lthr, after.Lthr);
        Assert.Equal(run.HrZones[1] + 3, after.HrZones![1]);
        Assert.Equal(run.HrZones.Where((_, i) => i != 1), after.HrZones.Where((_, i) => i != 1));
        Assert.Equal(ride, Store.FindSportSettings(SandboxPrincipals.TriathleteId, "Ride"));
        var runs = Store.GetActivities(SandboxPrincipals.TriathleteId).Where(a => !a.IsStravaStub && a.Type == "Run").ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, a => Assert.Equal(run.HrZones, a.IcuHrZones));
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync() => WriteKit.AuditAsync(Host);
}
