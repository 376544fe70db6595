using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Period.PeriodTestKit;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>get_events end to end: ids, dates and planned totals equal the sandbox calendar; category filter; workout checks.</summary>
public sealed class EventsToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "get_events";

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Default_range_is_today_to_14_days_ahead_with_every_sandbox_event_id_and_workout_totals()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallAsync(Tool);
        var json = result.Structured();

        var today = Store.Today(SandboxPrincipals.CyclistId);
        Assert.Equal($"{Iso(today)}..{Iso(today.AddDays(14))}", json.GetProperty("range").GetString());
        var expected = Store.GetEvents(SandboxPrincipals.CyclistId, today, today.AddDays(14));
        var rows = json.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => (long)e.Id).Order(), rows.Select(r => r.GetProperty("id").GetInt64()).Order());
        foreach (var row in rows)
        {
            var e = expected.Single(x => x.Id == row.GetProperty("id").GetInt64());
            Assert.Equal(Iso(DateOnly.FromDateTime(e.StartDateLocal)), row.GetProperty("date").GetString());
            Assert.Equal(e.Category, row.GetProperty("category").GetString());
            Assert.Equal(e.Name, row.GetProperty("name").GetString());
            if (e.Category == "WORKOUT")
            {
                Assert.Equal(e.Type, row.GetProperty("sport").GetString());
                Assert.Equal(e.MovingTime, row.GetProperty("duration_s").GetInt32());
                Assert.Equal(e.IcuTrainingLoad, OptionalInt(row, "load"));
                var check = row.GetProperty("workout");
                Assert.True(check.GetProperty("steps").GetInt32() > 0);
                Assert.True(check.GetProperty("duration_s").GetInt32() > 0);
            }
        }

        var workouts = expected.Where(e => e.Category == "WORKOUT").ToList();
        var totals = json.GetProperty("totals");
        Assert.Equal(workouts.Count, totals.GetProperty("workouts").GetInt32());
        Assert.Equal(workouts.Sum(e => e.MovingTime ?? 0), totals.GetProperty("duration_s").GetInt32());
        Assert.Equal(workouts.Sum(e => e.IcuTrainingLoad ?? 0), totals.GetProperty("load").GetInt32());

        var travel = rows.Single(r => r.GetProperty("name").GetString() == "Travel day");
        Assert.Equal("NOTE", travel.GetProperty("category").GetString());
        Assert.Equal(Iso(today.AddDays(2)), travel.GetProperty("date").GetString());
        Assert.Contains("Girona", travel.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains($"[{workouts[0].Id}]", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Category_filter_returns_only_those_categories_with_the_sandbox_ids()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var end = today.AddDays(70);

        var races = (await client.CallAsync(Tool, ("start_date", Iso(today)), ("end_date", Iso(end)), ("category", "race"))).Structured();
        var race = Store.GetEvents(SandboxPrincipals.CyclistId, today, end).Single(e => e.Category == "RACE_A");
        var row = Assert.Single(races.GetProperty("events").EnumerateArray());
        Assert.Equal(race.Id, row.GetProperty("id").GetInt64());
        Assert.Equal("RACE_A", row.GetProperty("category").GetString());
        Assert.Equal("Dragon Ride Gran Fondo", row.GetProperty("name").GetString());
        Assert.Equal(226, row.GetProperty("distance_km").GetDouble());
        Assert.Equal(new[] { "RACE_A", "RACE_B", "RACE_C" }, races.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));

        var mixed = (await client.CallAsync(Tool, ("start_date", Iso(today)), ("end_date", Iso(end)), ("category", "NOTE, workout"))).Structured();
        var expected = Store.GetEvents(SandboxPrincipals.CyclistId, today, end).Where(e => e.Category is "NOTE" or "WORKOUT").Select(e => (long)e.Id).Order();
        Assert.Equal(expected, mixed.GetProperty("events").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Order());
    }

    [Fact]
    public async Task A_workout_with_rule_problems_shows_the_codes_and_fixes()
    {
        var athlete = SandboxPrincipals.CyclistId;
        var day = Store.Today(athlete).AddDays(80);
        using (var http = Host.SandboxHttp(SandboxPrincipals.CyclistApiKey))
        {
            var body = $$"""{"category":"WORKOUT","type":"Ride","name":"Sloppy intervals","start_date_local":"{{Iso(day)}}T00:00:00","description":"Warmup\n- 10min 60%\n\nMain Set 3x\n- 5m 105%\n- 3m 55%\n\n- 10m 50%"}""";
            var response = await http.PostAsync($"api/v1/athlete/{athlete}/events", Json(body));
            response.EnsureSuccessStatusCode();
        }

        var created = Store.GetEvents(athlete, day, day).Single(e => e.Name == "Sloppy intervals");
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var json = (await client.CallAsync(Tool, ("start_date", Iso(day)), ("end_date", Iso(day)), ("category", "WORKOUT"))).Structured();

        var row = json.GetProperty("events").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == created.Id);
        var findings = row.GetProperty("workout").GetProperty("findings").EnumerateArray().ToList();
        var unitWord = findings.Single(f => f.GetProperty("code").GetString() == "W001");
        Assert.Equal("error", unitWord.GetProperty("severity").GetString());
        Assert.Equal(2, unitWord.GetProperty("line").GetInt32());
        Assert.Contains("10m", unitWord.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("next_actions").EnumerateArray(), a => a.GetString()!.Contains("findings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_argument()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);

        AssertBadArgument(await client.CallAsync(Tool, ("category", "TRAINING")), "category", "WORKOUT, RACE_A");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today)), ("end_date", Iso(today.AddDays(400)))), "start_date", "at most 366 days");
        AssertBadArgument(await client.CallAsync(Tool, ("end_date", "tomorrow")), "end_date", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(5))), ("end_date", Iso(today))), "start_date", "on or before end_date");
    }
}
