using System.Text.Json.Nodes;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

/// <summary>Writes: each test starts its own sandbox (generated data is cached, so this is cheap).</summary>
public sealed class SandboxCalendarApiTests
{
    private const string ThresholdText = "Warmup\n- 10m ramp 50-75%\n\nMain Set 3x\n- 8m 95-100%\n- 4m 55%\n\nCooldown\n- 10m 50%";

    [Fact]
    public async Task Events_default_to_the_week_from_today_and_filter_by_category()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);

        var week = (await client.GetJsonAsync("api/v1/athlete/0/events")).AsArray();
        var races = (await client.GetJsonAsync("api/v1/athlete/0/events.json?oldest=2026-05-01&newest=2026-08-31&category=RACE_A")).AsArray();

        var days = week.Select(e => DateOnly.FromDateTime(DateTime.Parse((string)e!["start_date_local"]!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(week);
        Assert.All(days, d => Assert.InRange(d, SandboxTestKit.Today, SandboxTestKit.Today.AddDays(6)));
        var race = Assert.Single(races);
        Assert.Equal("RACE_A", (string?)race!["category"]);
        Assert.All(week.Where(e => (string?)e!["category"] == "WORKOUT"), e =>
        {
            Assert.True((int)e!["moving_time"]! > 0);
            Assert.True((int)e["icu_training_load"]! > 0);
            Assert.NotEmpty(e["workout_doc"]!["steps"]!.AsArray());
            Assert.NotNull(e["icu_ctl"]);
        });
        var resolved = (await client.GetJsonAsync("api/v1/athlete/0/events?category=WORKOUT&resolve=true")).AsArray();
        Assert.Contains(resolved, e => e!["workout_doc"]!.ToJsonString().Contains("\"_power\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_a_workout_event_parses_the_description_into_workout_doc()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        var body = new JsonObject
        {
            ["category"] = "WORKOUT",
            ["start_date_local"] = "2026-05-20T00:00:00",
            ["type"] = "Ride",
            ["name"] = "3x8 threshold",
            ["description"] = ThresholdText,
        };

        var (status, created) = await client.SendAsync(HttpMethod.Post, "api/v1/athlete/0/events", body);

        Assert.Equal(200, status);
        Assert.Equal(3360, (int)created!["moving_time"]!);
        Assert.InRange((int)created["icu_training_load"]!, 55, 70);
        Assert.InRange((double)created["icu_intensity"]!, 75, 90);
        Assert.InRange((int)created["joules"]!, 500_000, 750_000);
        Assert.Equal("2026-05-21T00:00:00", (string?)created["end_date_local"]);
        Assert.Equal(3, created["workout_doc"]!["steps"]!.AsArray().Count);
        Assert.Equal(1, (int)created["calendar_id"]!);
        Assert.False(string.IsNullOrEmpty((string?)created["uid"]));
        var stored = server.Store.FindEvent(SandboxPrincipals.CyclistId, (int)created["id"]!);
        Assert.Equal(3360, stored!.MovingTime);
    }

    [Fact]
    public async Task Unparseable_workout_text_gives_an_empty_doc_and_no_error()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.RunnerApiKey);

        var (status, created) = await client.SendAsync(HttpMethod.Post, "api/v1/athlete/0/events", new JsonObject
        {
            ["category"] = "WORKOUT",
            ["start_date_local"] = "2026-05-21",
            ["type"] = "Run",
            ["description"] = "run fast at CSS then relax",
        });

        Assert.Equal(200, status);
        Assert.Empty(created!["workout_doc"]!["steps"]!.AsArray());
        Assert.Null(created["icu_training_load"]);
    }

    [Fact]
    public async Task Creating_an_event_without_start_date_is_422()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);

        var (status, body) = await client.SendAsync(HttpMethod.Post, "api/v1/athlete/0/events", new JsonObject { ["category"] = "NOTE" });

        Assert.Equal(422, status);
        Assert.Contains("start_date_local", (string?)body!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_upsert_by_external_id_updates_instead_of_duplicating()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        JsonArray Batch(string name) =>
        [
            new JsonObject { ["category"] = "WORKOUT", ["start_date_local"] = "2026-06-02", ["type"] = "Ride", ["name"] = name, ["external_id"] = "plan-1", ["description"] = "- 1h 65%" },
            new JsonObject { ["category"] = "WORKOUT", ["start_date_local"] = "2026-06-03", ["type"] = "Ride", ["name"] = name, ["external_id"] = "plan-2", ["description"] = ThresholdText },
        ];

        var (_, first) = await client.SendAsync(HttpMethod.Post, "api/v1/athlete/0/events/bulk?upsert=true", Batch("v1"));
        var (_, second) = await client.SendAsync(HttpMethod.Post, "api/v1/athlete/0/events/bulk?upsert=true", Batch("v2"));
        var (_, deleted) = await client.SendAsync(HttpMethod.Put, "api/v1/athlete/0/events/bulk-delete",
            new JsonArray(new JsonObject { ["external_id"] = "plan-1" }, new JsonObject { ["id"] = 1 }));

        Assert.Equal(first!.AsArray().Select(e => (int)e!["id"]!), second!.AsArray().Select(e => (int)e!["id"]!));
        Assert.All(second.AsArray(), e => Assert.Equal("v2", (string?)e!["name"]));
        Assert.Equal(3600, (int)second[0]!["moving_time"]!);
        Assert.Equal(1, (int)deleted!["eventsDeleted"]!);
        var june = server.Store.GetEvents(SandboxPrincipals.CyclistId, new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 3)).Where(e => e.ExternalId is not null).ToList();
        Assert.Equal("plan-2", Assert.Single(june).ExternalId);
    }

    [Fact]
    public async Task Updating_and_deleting_an_event_works_and_unknown_events_are_404()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        var planned = server.Store.GetEvents(SandboxPrincipals.CyclistId, SandboxTestKit.Today, SandboxTestKit.Today.AddDays(6)).First(e => e.Category == "WORKOUT");

        var (updateStatus, updated) = await client.SendAsync(HttpMethod.Put, $"api/v1/athlete/0/events/{planned.Id}", new JsonObject { ["name"] = "Moved session" });
        var (deleteStatus, _) = await client.SendAsync(HttpMethod.Delete, $"api/v1/athlete/0/events/{planned.Id}");
        var (getStatus, _) = await client.SendAsync(HttpMethod.Get, $"api/v1/athlete/0/events/{planned.Id}");

        Assert.Equal(200, updateStatus);
        Assert.Equal("Moved session", (string?)updated!["name"]);
        Assert.Equal(planned.Description, (string?)updated["description"]);
        Assert.Equal(planned.MovingTime, (int?)updated["moving_time"]);
        Assert.Equal(200, deleteStatus);
        Assert.Equal(404, getStatus);
    }

    [Fact]
    public async Task Wellness_put_changes_only_the_given_fields_and_ctl_follows_the_loads()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.RunnerApiKey);
        var day = SandboxTestKit.Today.AddDays(-3);
        var before = server.Store.FindWellness(SandboxPrincipals.RunnerId, day)!;

        var (status, after) = await client.SendAsync(HttpMethod.Put, $"api/v1/athlete/0/wellness/{day:yyyy-MM-dd}", new JsonObject { ["weight"] = 70.2, ["comments"] = "new scale" });

        Assert.Equal(200, status);
        Assert.Equal(70.2, (double)after!["weight"]!);
        Assert.Equal("new scale", (string?)after["comments"]);
        Assert.Equal(before.Hrv, (double?)after["hrv"]);
        Assert.Equal(before.RestingHr, (int?)after["restingHR"]);
        Assert.Equal(before.Ctl, (double?)after["ctl"]);

        // CTL/ATL are the 42/7-day exponentially weighted daily loads from zero on the first day of history.
        var first = SandboxTestKit.Today.AddDays(-365);
        double ctl = 0, atl = 0;
        for (var d = first; d <= day; d = d.AddDays(1))
        {
            var load = server.Store.DailyLoad(SandboxPrincipals.RunnerId, d);
            ctl += (load - ctl) * (1 - Math.Exp(-1 / 42.0));
            atl += (load - atl) * (1 - Math.Exp(-1 / 7.0));
        }

        Assert.Equal(Math.Round(ctl, 4), before.Ctl);
        Assert.Equal(Math.Round(atl, 4), before.Atl);
    }

    [Fact]
    public async Task Changing_ftp_with_apply_rescales_the_load_of_past_rides()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        var ride = server.Store.GetActivities(SandboxPrincipals.CyclistId).Last(a => a.IcuWeightedAvgWatts is not null);

        var (putStatus, settings) = await client.SendAsync(HttpMethod.Put, "api/v1/athlete/0/sport-settings/Ride?recalcHrZones=true", new JsonObject { ["ftp"] = 275, ["lthr"] = 170 });
        var (applyStatus, _) = await client.SendAsync(HttpMethod.Put, $"api/v1/athlete/0/sport-settings/{(int)settings!["id"]!}/apply");
        var after = await client.GetJsonAsync($"api/v1/activity/{ride.Id}");

        Assert.Equal(200, putStatus);
        Assert.Equal(275, (int)settings["ftp"]!);
        Assert.Equal(DemoZones(170, 186), settings["hr_zones"]!.AsArray().Select(z => (int)z!));
        Assert.Equal(200, applyStatus);
        Assert.Equal(275, (int)after["icu_ftp"]!);
        Assert.True((int)after["icu_training_load"]! < ride.IcuTrainingLoad);
    }

    [Fact]
    public async Task A_threshold_pace_given_in_seconds_is_rejected_with_422()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.RunnerApiKey);

        var (status, body) = await client.SendAsync(HttpMethod.Put, "api/v1/athlete/0/sport-settings/Run?recalcHrZones=false", new JsonObject { ["threshold_pace"] = 255 });

        Assert.Equal(422, status);
        Assert.StartsWith("Invalid threshold pace", (string?)body!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_and_gear_are_served_and_gear_reminders_track_usage()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);

        var folders = (await client.GetJsonAsync("api/v1/athlete/0/folders")).AsArray();
        var workouts = (await client.GetJsonAsync("api/v1/athlete/0/workouts")).AsArray();
        var gear = (await client.GetJsonAsync("api/v1/athlete/0/gear")).AsArray();
        var chain = gear.Single(g => (string?)g!["type"] == "Chain")!;
        var reminder = chain["reminders"]![0]!;
        var (resetStatus, reset) = await client.SendAsync(HttpMethod.Put,
            $"api/v1/athlete/0/gear/{(string)chain["id"]!}/reminder/{(int)reminder["id"]!}?reset=true&snoozeDays=0", new JsonObject());

        Assert.Equal(workouts.Count, folders.Sum(f => f!["children"]!.AsArray().Count));
        Assert.All(workouts, w => Assert.True((int)w!["moving_time"]! > 0));
        Assert.True((double)reminder["distance_used"]! > 0);
        Assert.True((double)reminder["percent_used"]! > 0);
        Assert.Equal(200, resetStatus);
        Assert.Equal(0, (double)reset!["reminders"]![0]!["distance_used"]!);
    }

    private static int[] DemoZones(int lthr, int max) =>
        [.. new[] { 81, 89, 93, 99, 102, 106 }.Select(p => (int)Math.Round(lthr * p / 100.0)), max];
}
