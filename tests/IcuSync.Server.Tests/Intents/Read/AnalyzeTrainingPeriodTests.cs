using IcuSync.Analytics.Load;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Intents.Read.ReadIntentKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>analyze_training target_type period on the intents profile, checked against the sandbox store and IcuSync.Analytics.</summary>
public sealed class AnalyzeTrainingPeriodTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "analyze_training";
    private const string Ada = SandboxPrincipals.CyclistId;

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Period_summary_reports_totals_weekly_average_zones_load_context_and_calendar_of_the_sandbox()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var start = today.AddDays(-27);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.CallAsync(Tool, ("target_type", "period"), ("period_start", Iso(start)), ("period_end", Iso(today)));
        var json = result.Structured();
        var period = json.GetProperty("period");

        Assert.Equal(Iso(today), json.GetProperty("context").GetProperty("today").GetString());
        Assert.Equal(Ada, json.GetProperty("context").GetProperty("athlete_id").GetString());
        var activities = store.GetActivities(Ada, start, today);
        var usable = activities.Where(a => !a.IsStravaStub).ToList();
        var totals = period.GetProperty("totals");
        var load = usable.Sum(a => a.IcuTrainingLoad ?? 0);
        var duration = usable.Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0);
        Assert.Equal(usable.Count, totals.GetProperty("sessions").GetInt32());
        Assert.Equal(duration, totals.GetProperty("duration_s").GetInt32());
        Assert.Equal(Math.Round(usable.Sum(a => a.IcuDistance ?? a.Distance ?? 0) / 1000, 1), totals.GetProperty("distance_km").GetDouble(), 3);
        Assert.Equal((int)Math.Round(usable.Sum(a => a.TotalElevationGain ?? 0)), totals.GetProperty("elevation_m").GetInt32());
        Assert.Equal(load, totals.GetProperty("load").GetInt32());
        Assert.True(load > 0, "the sandbox cyclist trains every week");

        var weekly = period.GetProperty("weekly_average");
        Assert.Equal(4.0, weekly.GetProperty("weeks").GetDouble());
        Assert.Equal((int)Math.Round(load / 4.0), weekly.GetProperty("load").GetInt32());
        Assert.Equal((int)Math.Round(duration / 4.0), weekly.GetProperty("duration_s").GetInt32());

        var expectedSplit = Distribution(activities)!;
        var zones = period.GetProperty("zones");
        Assert.Equal("available", zones.GetProperty("status").GetString());
        var split = zones.GetProperty("three_zone");
        Assert.Equal(Math.Round(expectedSplit.LowFraction * 100, 1), split.GetProperty("low_pct").GetDouble(), 3);
        Assert.Equal(Math.Round(expectedSplit.HighFraction * 100, 1), split.GetProperty("high_pct").GetDouble(), 3);
        var powerZones = zones.GetProperty("power").EnumerateArray().ToList();
        Assert.Equal(7, powerZones.Count);
        var z2 = usable.Sum(a => a.IcuZoneTimes?.Where(z => z.Id == "Z2").Sum(z => z.Secs) ?? 0);
        Assert.Equal(z2, powerZones[1].GetProperty("time_s").GetInt32());

        var loads = store.DailyLoads(Ada, today.AddDays(-55), today);
        var acwr = Acwr.Compute(loads)!;
        var monotony = TrainingMonotony.Compute(loads)!;
        var context = period.GetProperty("load_context");
        Assert.Equal(Iso(today), context.GetProperty("as_of").GetString());
        Assert.Equal(Math.Round(acwr.Ratio!.Value, 2), context.GetProperty("acwr").GetProperty("ratio").GetDouble(), 3);
        Assert.Equal(Math.Round(acwr.Chronic, 1), context.GetProperty("acwr").GetProperty("chronic_load_per_day").GetDouble(), 3);
        var state = acwr.Ratio.Value switch { < 0.8 => "underloaded", <= 1.3 => "productive", <= 1.5 => "watch", _ => "overreaching" };
        Assert.Equal(state, context.GetProperty("acwr").GetProperty("state").GetString());
        Assert.Equal(Math.Round(monotony.Monotony!.Value, 2), context.GetProperty("monotony").GetProperty("monotony").GetDouble(), 3);
        Assert.Equal(Math.Round(monotony.Strain!.Value), context.GetProperty("monotony").GetProperty("strain").GetDouble(), 3);
        Assert.Equal((int)Math.Round(monotony.WeeklyLoad), context.GetProperty("monotony").GetProperty("weekly_load").GetInt32());
        var priorStrains = Enumerable.Range(1, 3)
            .Select(w => TrainingMonotony.Compute(loads.AsSpan(loads.Length - (7 * w) - 7, 7))?.Strain)
            .Where(s => s is not null).Select(s => s!.Value).ToList();
        var tolerance = context.GetProperty("stress_tolerance");
        Assert.Equal(Math.Round(monotony.Strain.Value / priorStrains.Average(), 2), tolerance.GetProperty("ratio").GetDouble(), 3);
        Assert.Contains("Foster strain", tolerance.GetProperty("definition").GetString(), StringComparison.Ordinal);

        var rows = period.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(activities.Select(a => a.Id).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var stub in activities.Where(a => a.IsStravaStub))
        {
            var row = rows.Single(r => r.GetProperty("id").GetString() == stub.Id);
            Assert.Contains("Strava", row.GetProperty("note").GetString(), StringComparison.Ordinal);
            Assert.Null(row.Optional("load"));
        }

        var calendar = period.GetProperty("calendar");
        var events = store.GetEvents(Ada, start, today);
        Assert.Equal(events.Count, calendar.GetProperty("events").GetInt32());
        Assert.Equal(events.Select(e => (long)e.Id).Order(), calendar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order());

        var trends = period.GetProperty("trends");
        Assert.Equal("week", trends.GetProperty("resolution").GetString());
        Assert.Equal(load, trends.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("load").GetInt32()));
        Assert.Contains("sessions", result.Text(), StringComparison.Ordinal);
        Assert.NotEmpty(json.GetProperty("next_actions").EnumerateArray());
    }

    [Fact]
    public async Task Future_period_lists_the_planned_calendar_with_ids_and_reports_load_context_unavailable()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var start = today.AddDays(1);
        var end = today.AddDays(14);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var json = (await client.CallAsync(Tool, ("target_type", "period"), ("period_start", Iso(start)), ("period_end", Iso(end)))).Structured();
        var period = json.GetProperty("period");

        Assert.Equal(0, period.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal(0, period.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Equal("unavailable", period.GetProperty("zones").GetProperty("status").GetString());
        Assert.Null(period.Optional("load_context"));
        Assert.Contains("future", period.UnavailableByMetric()["load_context"], StringComparison.Ordinal);
        var planned = store.GetEvents(Ada, start, end);
        var items = period.GetProperty("calendar").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(planned.Count, items.Count);
        Assert.All(items, i => Assert.Contains(planned, e => e.Id == i.GetProperty("id").GetInt64()));
        var workouts = planned.Where(e => e.Category == "WORKOUT").ToList();
        Assert.Equal(workouts.Count, period.GetProperty("calendar").GetProperty("planned").GetProperty("workouts").GetInt32());
    }

    [Fact]
    public async Task Period_intervals_add_each_sessions_interval_summary_and_streams_summarise_the_biggest_sessions()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var start = today.AddDays(-13);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var intervals = (await client.CallAsync(Tool, ("target_type", "period"), ("period_start", Iso(start)), ("period_end", Iso(today)), ("analysis_type", "intervals")))
            .Structured().GetProperty("period");
        var withSummary = 0;
        foreach (var row in intervals.GetProperty("activities").EnumerateArray())
        {
            var activity = store.FindActivity(row.GetProperty("id").GetString()!)!;
            if (activity.IntervalSummary is { Count: > 0 } summary)
            {
                Assert.Equal(summary, row.GetProperty("intervals").EnumerateArray().Select(s => s.GetString()!).ToList());
                withSummary++;
            }
        }

        Assert.True(withSummary > 0, "structured sandbox sessions carry an interval summary");

        var streams = (await client.CallAsync(Tool, ("target_type", "period"), ("period_start", Iso(start)), ("period_end", Iso(today)), ("analysis_type", "streams")))
            .Structured().GetProperty("period").GetProperty("key_session_streams").EnumerateArray().ToList();
        var biggest = store.GetActivities(Ada, start, today).Where(a => !a.IsStravaStub).OrderByDescending(a => a.IcuTrainingLoad ?? 0).ThenByDescending(a => a.StartDateLocal).ToList();
        Assert.Equal(Math.Min(3, biggest.Count), streams.Count);
        Assert.Equal(biggest[0].Id, streams[0].GetProperty("activity_id").GetString());
        var samples = Samples(store.GetStreams(biggest[0].Id), "watts")!.Where(double.IsFinite).ToList();
        var power = streams[0].GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "power");
        Assert.Equal(samples.Count, power.GetProperty("samples").GetInt32());
        Assert.Equal(Math.Round(samples.Average(), 1), power.GetProperty("avg").GetDouble(), 3);
        Assert.Equal(Math.Round(samples.Max(), 1), power.GetProperty("max").GetDouble(), 3);
    }

    [Fact]
    public async Task Bad_period_arguments_are_refused_naming_the_argument()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        AssertBadArgument(await client.CallAsync(Tool), "target_type", "'period'");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "week")), "target_type", "one of period, single");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "period"), ("analysis_type", "detailed")), "analysis_type", "target_type single");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "period"), ("analysis_type", "deep")), "analysis_type", "one of summary, detailed, intervals, streams");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "period"), ("period_start", "2026-03-10"), ("period_end", "2026-03-01")), "period_start", "on or before period_end");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "period"), ("period_start", "01/03/2026")), "period_start", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "period"), ("period_start", "2010-01-01"), ("period_end", "2026-01-01")), "period_start", "at most 3653 days");
    }
}
