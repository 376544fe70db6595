using System.Globalization;
using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using IcuSync.Workouts;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Infrastructure.WriteKit;
using static IcuSync.Server.Tests.Intents.Write.IntentWriteKit;

namespace IcuSync.Server.Tests.Intents.Write;

/// <summary>plan_training end to end: plans built from the sandbox athletes' data, checked, shown as text and written idempotently.</summary>
public sealed class PlanTrainingIntentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Ada = "Ada Cyclist, athlete";
    private const string PlanPrefix = "icusync-plan-";

    private IcuSyncTestHost Host => fixture.Host;

    private DateOnly Monday(string athleteId, int weeksAhead)
    {
        var today = Host.Store().Today(athleteId);
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + (7 * weeksAhead));
    }

    private static Dictionary<string, object?> Plan(DateOnly start, int weeks, string focus, double hours, string output = "calendar") =>
        Args(("period_start", Iso(start)), ("period_end", Iso(start.AddDays((7 * weeks) - 1))), ("focus", focus),
            ("max_hours_per_week", hours), ("output", output));

    private IReadOnlyList<SandboxEvent> PlanEvents(string athleteId) =>
        [.. AllEvents(Host, athleteId).Where(e => e.ExternalId?.StartsWith(PlanPrefix, StringComparison.Ordinal) == true)];

    [Fact]
    public async Task Text_output_returns_the_plan_in_the_week_format_and_touches_no_event()
    {
        var before = AllEvents(Host, SandboxPrincipals.CyclistId).Select(e => (e.Id, e.Name, e.Description)).ToList();
        var audited = (await AuditAsync(Host)).Count;
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var start = Monday(SandboxPrincipals.CyclistId, 1);

        var result = await client.CallToolAsync("plan_training", Plan(start, 4, "aerobic_base", 8, "text"));

        var json = result.Structured();
        Assert.Equal("text", json.GetProperty("status").GetString());
        Assert.False(json.TryGetProperty("confirm", out _));
        Assert.False(json.TryGetProperty("workouts", out _));
        var text = json.GetProperty("plan_text").GetString()!;
        Assert.StartsWith("#WEEK 1\nMonday, REST\nTuesday, ", text, StringComparison.Ordinal);
        Assert.Contains("\nWeekly totals:\n- Time: ", text, StringComparison.Ordinal);
        Assert.Contains("\nKey decisions:\n- ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.StartsWith("#WEEK 1", result.Text(), StringComparison.Ordinal);

        var plan = WorkoutText.AnalyzePlan(text, new WorkoutContext("Ride", SandboxDemo.CyclistFtp));
        Assert.Empty(plan.Errors);
        Assert.Equal(4, plan.Weeks.Count);
        var rows = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(plan.Weeks.Select(w => w.DurationSecs), rows.Select(r => r.GetProperty("duration_s").GetInt32()));
        Assert.Equal(plan.Workouts.Count(w => !w.IsRest), json.GetProperty("totals").GetProperty("sessions").GetInt32());

        Assert.Equal(before, AllEvents(Host, SandboxPrincipals.CyclistId).Select(e => (e.Id, e.Name, e.Description)).ToList());
        var audit = await AuditAsync(Host);
        Assert.DoesNotContain(audit.Take(audit.Count - audited), a => a.Detail?.Contains("tool=plan_training", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("Ada Cyclist, athlete", "aerobic_base", 6.0)]
    [InlineData("Ada Cyclist, athlete", "intensity", 10.0)]
    [InlineData("Ada Cyclist, athlete", "recovery", 5.0)]
    [InlineData("Ben Runner, athlete", "specific", 7.0)]
    [InlineData("Ben Runner, athlete", "taper", 4.0)]
    [InlineData("Cleo Triathlete, athlete", "aerobic_base", 9.0)]
    [InlineData("Cleo Triathlete, athlete", "intensity", 2.0)]
    public async Task Every_workout_passes_the_checker_and_every_week_stays_under_the_cap(string who, string focus, double cap)
    {
        await using var client = await Host.ConnectIntentsAsync(who);
        var athleteId = who.StartsWith("Ada", StringComparison.Ordinal) ? SandboxPrincipals.CyclistId
            : who.StartsWith("Ben", StringComparison.Ordinal) ? SandboxPrincipals.RunnerId : SandboxPrincipals.TriathleteId;

        var json = (await client.CallToolAsync("plan_training", Plan(Monday(athleteId, 1), 12, focus, cap, "text"))).Structured();

        var validation = json.GetProperty("validation");
        Assert.Equal(0, validation.GetProperty("errors").GetInt32());
        Assert.Equal(0, validation.GetProperty("plan_text_errors").GetInt32());
        Assert.True(validation.GetProperty("weekly_cap_respected").GetBoolean());
        var plan = WorkoutText.AnalyzePlan(json.GetProperty("plan_text").GetString(), new WorkoutContext("Ride"));
        Assert.Empty(plan.Errors);
        Assert.Equal(12, plan.Weeks.Count);
        Assert.All(plan.Weeks, w => Assert.InRange(w.DurationSecs, 1, cap * 3600));
        foreach (var workout in plan.Workouts.Where(w => !w.IsRest))
        {
            // Each day checked on its own, as the calendar would store it, against the duration the day line declares.
            var alone = WorkoutText.Analyze(workout.Analysis!.Canonical, new WorkoutContext(workout.Sport, DeclaredDurationSecs: workout.DeclaredDurationSecs));
            Assert.True(alone.IsValid, $"{workout.Day} {workout.Name}: {string.Join("; ", alone.Errors.Select(e => e.Code + " " + e.Message))}");
            Assert.DoesNotContain(alone.Warnings, f => f.Code == RuleCodes.DeclaredDurationMismatch);
            Assert.Contains(workout.Sport, new[] { "Ride", "Run", "Swim" });
        }

        Assert.All(json.GetProperty("weeks").EnumerateArray(), w => Assert.InRange(w.GetProperty("duration_s").GetInt32(), 1, cap * 3600));
        Assert.True(json.GetProperty("totals").GetProperty("max_week_hours").GetDouble() <= cap);
    }

    [Fact]
    public async Task The_triathlete_gets_all_three_sports_and_the_runner_gets_pace_and_heart_rate_targets()
    {
        await using var cleo = await Host.ConnectIntentsAsync("Cleo Triathlete, athlete");
        await using var ben = await Host.ConnectIntentsAsync("Ben Runner, athlete");

        var tri = (await cleo.CallToolAsync("plan_training", Plan(Monday(SandboxPrincipals.TriathleteId, 1), 4, "aerobic_base", 10, "text"))).Structured();
        var run = (await ben.CallToolAsync("plan_training", Plan(Monday(SandboxPrincipals.RunnerId, 1), 4, "intensity", 7, "text"))).Structured();

        var sports = tri.GetProperty("basis").GetProperty("sports").EnumerateArray().Select(s => s.GetProperty("sport").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Ride", "Run", "Swim" }, sports);
        var triText = tri.GetProperty("plan_text").GetString()!;
        Assert.Contains(" Swim\n", triText, StringComparison.Ordinal);
        Assert.Contains(" Run\n", triText, StringComparison.Ordinal);
        var runText = run.GetProperty("plan_text").GetString()!;
        Assert.Contains("Z2 HR", runText, StringComparison.Ordinal);
        Assert.Contains("% Pace", runText, StringComparison.Ordinal);
        Assert.DoesNotContain(" Ride\n", runText, StringComparison.Ordinal);
        Assert.Contains("threshold pace 4:15/km", run.GetProperty("basis").GetProperty("sports")[0].GetProperty("thresholds").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_progresses_with_a_recovery_week_every_fourth_week_and_the_focus_sets_the_intensity_distribution()
    {
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var start = Monday(SandboxPrincipals.CyclistId, 1);

        var basePlan = (await client.CallToolAsync("plan_training", Plan(start, 12, "aerobic_base", 25, "text"))).Structured();
        var intensity = (await client.CallToolAsync("plan_training", Plan(start, 12, "intensity", 25, "text"))).Structured();
        var recovery = (await client.CallToolAsync("plan_training", Plan(start, 2, "recovery", 25, "text"))).Structured();

        var weeks = basePlan.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(
            new[] { "build", "build", "build", "recovery", "build", "build", "build", "recovery", "build", "build", "build", "recovery" },
            weeks.Select(w => w.GetProperty("phase").GetString()));
        var secs = weeks.Select(w => w.GetProperty("duration_s").GetInt32()).ToList();
        var builds = weeks.Where(w => w.GetProperty("phase").GetString() == "build").Select(w => w.GetProperty("duration_s").GetInt32()).ToList();
        Assert.True(builds.Zip(builds.Skip(1)).All(p => p.Second >= p.First), "build weeks never shrink: " + string.Join(", ", builds));
        Assert.True(builds[^1] > builds[0] * 1.3, "nine build weeks at +6% grow the volume: " + string.Join(", ", builds));
        foreach (var i in new[] { 3, 7, 11 })
        {
            Assert.InRange(secs[i], secs[i - 1] * 0.5, secs[i - 1] * 0.66);
        }

        // The first build week holds the athlete's recent volume (Ada's last four weeks, within the cap).
        var basis = basePlan.GetProperty("basis");
        Assert.Equal(Math.Max(2, basis.GetProperty("recent_weekly_hours").GetDouble()), basis.GetProperty("start_hours_per_week").GetDouble(), 1);
        Assert.InRange(secs[0], (basis.GetProperty("start_hours_per_week").GetDouble() * 3600) - 1800, basis.GetProperty("start_hours_per_week").GetDouble() * 3600);
        Assert.True(basis.GetProperty("ctl").GetDouble() > 0);
        var loads = weeks.Select(w => w.GetProperty("load").GetInt32()).ToList();
        Assert.True(loads[10] > loads[0], "load rises over the block: " + string.Join(", ", loads));
        Assert.True(weeks[^1].GetProperty("ctl_end").GetDouble() > 0);

        var baseTotals = basePlan.GetProperty("totals");
        Assert.Equal("pyramidal", baseTotals.GetProperty("model").GetString());
        Assert.InRange(baseTotals.GetProperty("low_pct").GetDouble(), 80, 95);
        var intensityTotals = intensity.GetProperty("totals");
        Assert.Equal("polarized", intensityTotals.GetProperty("model").GetString());
        Assert.True(intensityTotals.GetProperty("high_pct").GetDouble() > intensityTotals.GetProperty("moderate_pct").GetDouble());
        Assert.Equal(
            new[] { "build", "build", "recovery", "build", "build", "recovery" },
            intensity.GetProperty("weeks").EnumerateArray().Take(6).Select(w => w.GetProperty("phase").GetString()));
        var recoveryTotals = recovery.GetProperty("totals");
        Assert.Equal(100, recoveryTotals.GetProperty("low_pct").GetDouble());
        Assert.All(recovery.GetProperty("weeks").EnumerateArray(), w => Assert.Equal("recovery", w.GetProperty("phase").GetString()));
    }

    [Fact]
    public async Task A_race_found_by_name_gets_a_taper_week_a_race_week_with_openers_and_no_workout_on_race_day()
    {
        var store = Host.Store();
        var today = store.Today(SandboxPrincipals.CyclistId);
        var race = store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(90)).Single(e => e.Category == "RACE_A");
        var raceDay = DateOnly.FromDateTime(race.StartDateLocal);
        var start = Monday(SandboxPrincipals.CyclistId, 1);
        await using var client = await Host.ConnectIntentsAsync(Ada);

        var json = (await client.CallToolAsync("plan_training", Args(("period_start", Iso(start)), ("period_end", Iso(raceDay)), ("focus", "specific"),
            ("max_hours_per_week", 10.0), ("target_race", "dragon"), ("output", "text")))).Structured();

        var target = json.GetProperty("basis").GetProperty("target_race");
        Assert.Equal(race.Id, target.GetProperty("event_id").GetInt64());
        Assert.Equal(Iso(raceDay), target.GetProperty("date").GetString());
        var weeks = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal("race", weeks[^1].GetProperty("phase").GetString());
        Assert.Equal("taper", weeks[^2].GetProperty("phase").GetString());
        var peak = weeks.Where(w => w.GetProperty("phase").GetString() == "build").Max(w => w.GetProperty("duration_s").GetInt32());
        Assert.True(weeks[^2].GetProperty("duration_s").GetInt32() < peak);
        Assert.True(weeks[^1].GetProperty("duration_s").GetInt32() < weeks[^2].GetProperty("duration_s").GetInt32());

        var plan = WorkoutText.AnalyzePlan(json.GetProperty("plan_text").GetString(), new WorkoutContext("Ride", SandboxDemo.CyclistFtp));
        var raceWeek = plan.Weeks[^1].Workouts;
        var last = raceWeek[^1];
        Assert.Equal(raceDay.DayOfWeek.ToString(), last.Day);
        Assert.True(last.IsRest);
        Assert.Contains("Dragon Ride Gran Fondo", last.Name, StringComparison.Ordinal);
        var eve = raceWeek[^2];
        Assert.Equal(raceDay.AddDays(-1).DayOfWeek.ToString(), eve.Day);
        Assert.StartsWith("Openers", eve.Name, StringComparison.Ordinal);

        var unknown = await client.CallToolAsync("plan_training", Args(("period_start", Iso(start)), ("target_race", "Ironman"), ("output", "text")));
        Assert.True(unknown.IsError);
        Assert.Contains("Dragon Ride Gran Fondo", unknown.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_output_needs_a_dry_run_and_then_writes_every_workout_with_its_id()
    {
        var start = Monday(SandboxPrincipals.RunnerId, 5);
        await using var client = await Host.ConnectIntentsAsync("Ben Runner, athlete");
        var args = Plan(start, 4, "aerobic_base", 6);

        var dryRun = (await client.CallToolAsync("plan_training", args)).Structured();
        var noCode = await client.CallToolAsync("plan_training", args.With("dry_run", false));
        var forged = await client.CallToolAsync("plan_training", args.With("dry_run", false).With("confirm", "CfDJ8bm90LWEtcmVhbC1jb2Rl"));

        Assert.Equal("dry_run", dryRun.GetProperty("status").GetString());
        var rows = dryRun.GetProperty("workouts").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("new", r.GetProperty("status").GetString()));
        Assert.Equal(rows.Count, dryRun.GetProperty("calendar").GetProperty("new").GetInt32());
        Assert.True(noCode.IsError);
        Assert.True(forged.IsError);
        Assert.Empty(PlanEvents(SandboxPrincipals.RunnerId));

        var code = dryRun.GetProperty("confirm").GetString();
        var written = (await client.CallToolAsync("plan_training", args.With("dry_run", false).With("confirm", code))).Structured();

        Assert.Equal("written", written.GetProperty("status").GetString());
        var stored = PlanEvents(SandboxPrincipals.RunnerId);
        Assert.Equal(rows.Count, stored.Count);
        var ids = written.GetProperty("calendar").GetProperty("ids").EnumerateArray().Select(i => (int)i.GetInt64()).Order();
        Assert.Equal(stored.Select(e => e.Id).Order(), ids);
        var context = new WorkoutContext("Run", null, 1000 / SandboxDemo.RunnerThresholdPace, SandboxDemo.RunnerLthr);
        foreach (var row in written.GetProperty("workouts").EnumerateArray())
        {
            var e = stored.Single(s => s.Id == row.GetProperty("id").GetInt64());
            Assert.Equal(row.GetProperty("external_id").GetString(), e.ExternalId);
            Assert.Equal("WORKOUT", e.Category);
            Assert.Equal("Run", e.Type);
            Assert.Equal(row.GetProperty("date").GetString(), Iso(DateOnly.FromDateTime(e.StartDateLocal)));
            Assert.Equal(row.GetProperty("duration_s").GetInt32(), e.MovingTime);
            Assert.True(WorkoutText.Analyze(e.Description, context).IsValid, e.Description);
            Assert.NotEmpty(e.WorkoutDoc!["steps"]!.AsArray());
        }

        foreach (var week in stored.GroupBy(e => DateOnly.FromDateTime(e.StartDateLocal).DayNumber / 7))
        {
            Assert.InRange(week.Sum(e => e.MovingTime ?? 0), 1, 6 * 3600);
        }

        var audit = await AuditAsync(Host);
        var applied = Assert.Single(audit, a => a.Event == AuditEvents.WriteApplied && a.Detail!.Contains("tool=plan_training", StringComparison.Ordinal)
            && a.Detail.Contains("athlete=" + SandboxPrincipals.RunnerId, StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"created={rows.Count}"), applied.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sixteen_week_plan_written_twice_creates_no_duplicates_and_a_new_focus_updates_in_place()
    {
        var start = Monday(SandboxPrincipals.CyclistId, 10);
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var args = Plan(start, 16, "aerobic_base", 8);

        var first = await ApplyAsync(client, "plan_training", args);
        var afterFirst = PlanEvents(SandboxPrincipals.CyclistId);
        var second = await ApplyAsync(client, "plan_training", args);
        var afterSecond = PlanEvents(SandboxPrincipals.CyclistId);

        Assert.Equal(16, first.GetProperty("weeks").GetArrayLength());
        var count = first.GetProperty("totals").GetProperty("sessions").GetInt32();
        Assert.Equal(count, first.GetProperty("calendar").GetProperty("new").GetInt32());
        Assert.Equal(count, afterFirst.Count);
        Assert.Equal("unchanged", second.GetProperty("status").GetString());
        Assert.Equal(count, second.GetProperty("calendar").GetProperty("unchanged").GetInt32());
        Assert.Equal(afterFirst.Select(e => e.Id).Order(), afterSecond.Select(e => e.Id).Order());
        Assert.Equal(Ids(first), Ids(second));

        var changed = await ApplyAsync(client, "plan_training", args.With("focus", "intensity"));
        var afterChange = PlanEvents(SandboxPrincipals.CyclistId);

        // The new version replaces the old one: same external ids updated in place, sessions it no longer holds removed.
        Assert.Equal("written", changed.GetProperty("status").GetString());
        var calendar = changed.GetProperty("calendar");
        Assert.True(calendar.GetProperty("changed").GetInt32() > 0);
        Assert.Equal(changed.GetProperty("totals").GetProperty("sessions").GetInt32(), afterChange.Count);
        Assert.Equal(Ids(changed), afterChange.Select(e => (long)e.Id).Order());
        Assert.All(afterChange.GroupBy(e => DateOnly.FromDateTime(e.StartDateLocal)), day => Assert.Single(day));
        var kept = afterFirst.Select(e => e.Id).Intersect(afterChange.Select(e => e.Id)).Count();
        Assert.Equal(calendar.GetProperty("changed").GetInt32() + calendar.GetProperty("unchanged").GetInt32(), kept);
        var removed = calendar.TryGetProperty("removed", out var list) ? list.GetArrayLength() : 0;
        Assert.Equal(count - kept, removed);

        static IEnumerable<long> Ids(JsonElement result) =>
            result.GetProperty("calendar").GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).Order();
    }

    [Fact]
    public async Task An_invited_coach_without_the_delete_grant_re_plans_in_place_and_leaves_the_dropped_sessions_listed()
    {
        var start = Monday(SandboxPrincipals.CyclistId, 30);
        await using var client = await Host.ConnectIntentsAsync("invited coach");
        var args = Plan(start, 4, "aerobic_base", 10);
        var first = await ApplyAsync(client, "plan_training", args);
        var written = PlanEvents(SandboxPrincipals.CyclistId).Where(e => DateOnly.FromDateTime(e.StartDateLocal) >= start).ToList();

        var lighter = await ApplyAsync(client, "plan_training", args.With("focus", "recovery"));

        var after = PlanEvents(SandboxPrincipals.CyclistId).Where(e => DateOnly.FromDateTime(e.StartDateLocal) >= start).ToList();
        var sessions = lighter.GetProperty("totals").GetProperty("sessions").GetInt32();
        Assert.True(sessions < first.GetProperty("totals").GetProperty("sessions").GetInt32());
        var stale = lighter.GetProperty("calendar").GetProperty("stale").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.False(lighter.GetProperty("calendar").TryGetProperty("removed", out _));
        Assert.Equal(written.Count - sessions, stale.Count);
        Assert.Equal(written.Select(e => e.Id).Order(), after.Select(e => e.Id).Order());
        Assert.All(stale, id => Assert.Contains(after, e => e.Id == id));
    }

    [Fact]
    public async Task A_coach_with_read_access_can_see_a_plan_as_text_but_not_write_it()
    {
        var start = Monday(SandboxPrincipals.RunnerId, 10);
        await using var client = await Host.ConnectIntentsAsync("direct coach");
        var args = Plan(start, 4, "aerobic_base", 6).With("athlete", "Ben Runner");

        var text = await client.CallToolAsync("plan_training", args.With("output", "text"));
        var calendar = await client.CallToolAsync("plan_training", args);

        Assert.Equal("Ben Runner", text.Structured().GetProperty("context").GetProperty("athlete_name").GetString());
        Assert.True(calendar.IsError);
        Assert.Contains("'push_workout'", calendar.Text(), StringComparison.Ordinal);
        Assert.Contains("Ben Runner", calendar.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlanEvents(SandboxPrincipals.RunnerId), e => DateOnly.FromDateTime(e.StartDateLocal) >= start);
    }

    [Fact]
    public async Task Bad_periods_and_caps_are_refused_with_the_argument_and_the_accepted_form()
    {
        await using var client = await Host.ConnectIntentsAsync(Ada);
        var today = Host.Store().Today(SandboxPrincipals.CyclistId);

        var past = await client.CallToolAsync("plan_training", Args(("period_start", Iso(today.AddDays(-3))), ("output", "text")));
        var tooLong = await client.CallToolAsync("plan_training", Args(("period_start", Iso(today)), ("period_end", Iso(today.AddDays(200))), ("output", "text")));
        var cap = await client.CallToolAsync("plan_training", Args(("max_hours_per_week", 0.5), ("output", "text")));
        var focus = await client.CallToolAsync("plan_training", Args(("focus", "speed"), ("output", "text")));

        Assert.Contains("'period_start'", past.Text(), StringComparison.Ordinal);
        Assert.Contains("'period_end'", tooLong.Text(), StringComparison.Ordinal);
        Assert.Contains("26 weeks", tooLong.Text(), StringComparison.Ordinal);
        Assert.Contains("'max_hours_per_week'", cap.Text(), StringComparison.Ordinal);
        Assert.Contains("aerobic_base, intensity, specific, taper, recovery", focus.Text(), StringComparison.Ordinal);
        Assert.All(new[] { past, tooLong, cap, focus }, r => Assert.True(r.IsError));
    }

    [Fact]
    public async Task The_write_intents_describe_themselves_briefly()
    {
        await using var client = await Host.ConnectIntentsAsync(Ada);

        var tools = (await client.ListToolsAsync()).ToDictionary(t => t.Name);

        foreach (var name in new[] { "modify_training", "plan_training" })
        {
            var tool = tools[name].ProtocolTool;
            Assert.InRange(tool.Description!.Length, 400, 650);
            Assert.Contains("dry_run:false", tool.Description, StringComparison.Ordinal);
            Assert.Contains("analyze_training period", tool.Description, StringComparison.Ordinal);
            // Nine intents share a 12 KB tools/list; these two have the most arguments and stay within 2 KB each.
            var json = JsonSerializer.Serialize(tool, ModelContextProtocol.McpJsonUtilities.DefaultOptions);
            Assert.InRange(json.Length, 100, 2000);
        }
    }
}
