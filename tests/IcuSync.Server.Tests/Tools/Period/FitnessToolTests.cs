using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Writes.WriteTestKit;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>get_fitness end to end: CTL/ATL/TSB against the sandbox's wellness values, form zones, trend, and the computed fallback.</summary>
public sealed class FitnessToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "get_fitness";

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    /// <summary>The form zones of analytics.md A.4, restated independently of the server's implementation.</summary>
    private static string Zone(double tsb) =>
        tsb > 25 ? "transition" : tsb > 5 ? "fresh" : tsb >= -10 ? "grey_zone" : tsb >= -30 ? "optimal" : "high_risk";

    [Fact]
    public async Task Default_fitness_is_the_last_42_days_of_the_sandbox_wellness_ctl_atl_and_form_with_zones_and_trend()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallAsync(Tool);
        var json = result.Structured();

        var today = Store.Today(SandboxPrincipals.CyclistId);
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(42, days.Count);
        Assert.Equal("intervals_wellness", json.GetProperty("source").GetString());
        Assert.False(json.TryGetProperty("source_note", out _));
        Assert.Equal("daily", json.GetProperty("resolution").GetString());
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var date = today.AddDays(i - 41);
            Assert.Equal(Iso(date), day.GetProperty("date").GetString());
            var wellness = Store.FindWellness(SandboxPrincipals.CyclistId, date)!;
            var tsb = wellness.Ctl!.Value - wellness.Atl!.Value;
            Assert.Equal(Math.Round(wellness.Ctl.Value, 1), day.GetProperty("ctl").GetDouble());
            Assert.Equal(Math.Round(wellness.Atl.Value, 1), day.GetProperty("atl").GetDouble());
            Assert.Equal(Math.Round(tsb, 1), day.GetProperty("tsb").GetDouble());
            Assert.Equal(Math.Round(wellness.RampRate!.Value, 1), day.GetProperty("ramp_per_week").GetDouble());
            Assert.Equal(Zone(tsb), day.GetProperty("form_zone").GetString());
            Assert.False(day.TryGetProperty("computed", out _));
        }

        var current = json.GetProperty("current");
        Assert.Equal(Iso(today), current.GetProperty("date").GetString());
        var trend = json.GetProperty("trend");
        Assert.Contains(trend.GetProperty("direction").GetString(), new[] { "Rising", "Flat", "Declining" });
        var slope = trend.GetProperty("slope_per_week").GetDouble();
        var band = trend.GetProperty("flat_band_per_week").GetDouble();
        Assert.Equal(Math.Abs(slope) < band ? "Flat" : slope > 0 ? "Rising" : "Declining", trend.GetProperty("direction").GetString());
        Assert.Contains("transition > +25", json.GetProperty("legend").GetString(), StringComparison.Ordinal);
        Assert.Contains("Intervals.icu wellness values", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_without_intervals_values_are_computed_from_activity_loads_and_flagged()
    {
        var athlete = SandboxPrincipals.RunnerId;
        var today = Store.Today(athlete);
        var blanked = new[] { today.AddDays(-20), today.AddDays(-19), today.AddDays(-18) };
        var original = blanked.ToDictionary(d => d, d => Store.FindWellness(athlete, d)!);
        using (var http = Host.SandboxHttp(SandboxPrincipals.RunnerApiKey))
        {
            foreach (var day in blanked)
            {
                var response = await http.PutAsync($"api/v1/athlete/{athlete}/wellness/{Iso(day)}", Json("{\"ctl\":null,\"atl\":null,\"rampRate\":null}"));
                response.EnsureSuccessStatusCode();
            }
        }

        Assert.Null(Store.FindWellness(athlete, blanked[0])!.Ctl);
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner"));
        var json = (await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-30))), ("end_date", Iso(today.AddDays(-10))))).Structured();

        Assert.Equal("mixed", json.GetProperty("source").GetString());
        Assert.Contains("3 of 21 days", json.GetProperty("source_note").GetString(), StringComparison.Ordinal);
        foreach (var day in json.GetProperty("days").EnumerateArray())
        {
            var date = day.Date("date");
            if (original.TryGetValue(date, out var before))
            {
                // The sandbox computes its CTL/ATL with the same exponential PMC from the same daily loads, so IcuSync's
                // fallback reproduces the values that were removed.
                Assert.True(day.GetProperty("computed").GetBoolean());
                Assert.InRange(day.GetProperty("ctl").GetDouble() - before.Ctl!.Value, -0.06, 0.06);
                Assert.InRange(day.GetProperty("atl").GetDouble() - before.Atl!.Value, -0.06, 0.06);
                Assert.Equal(Store.DailyLoad(athlete, date), day.GetProperty("load").GetInt32());
            }
            else
            {
                Assert.False(day.TryGetProperty("computed", out _));
                Assert.Equal(Math.Round(Store.FindWellness(athlete, date)!.Ctl!.Value, 1), day.GetProperty("ctl").GetDouble());
            }
        }
    }

    [Fact]
    public async Task Future_days_are_projected_from_the_planned_workout_loads()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var athlete = SandboxPrincipals.CyclistId;
        var today = Store.Today(athlete);
        var json = (await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-3))), ("end_date", Iso(today.AddDays(3))))).Structured();

        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal("mixed", json.GetProperty("source").GetString());
        Assert.Equal(Iso(today), json.GetProperty("current").GetProperty("date").GetString());
        var ctl = Store.FindWellness(athlete, today)!.Ctl!.Value;
        var atl = Store.FindWellness(athlete, today)!.Atl!.Value;
        for (var offset = 1; offset <= 3; offset++)
        {
            var date = today.AddDays(offset);
            var planned = Store.GetEvents(athlete, date, date)
                .Where(e => e.Category == "WORKOUT" && DateOnly.FromDateTime(e.StartDateLocal) == date)
                .Sum(e => e.IcuTrainingLoad ?? 0);
            ctl += (planned - ctl) * (1 - Math.Exp(-1 / 42.0));
            atl += (planned - atl) * (1 - Math.Exp(-1 / 7.0));
            var day = days[3 + offset];
            Assert.Equal(Iso(date), day.GetProperty("date").GetString());
            Assert.True(day.GetProperty("projected").GetBoolean());
            Assert.True(day.GetProperty("computed").GetBoolean());
            Assert.Equal(planned, day.GetProperty("load").GetInt32());
            Assert.InRange(day.GetProperty("ctl").GetDouble() - ctl, -0.06, 0.06);
            Assert.InRange(day.GetProperty("atl").GetDouble() - atl, -0.06, 0.06);
        }

        Assert.False(days[3].TryGetProperty("projected", out _));
    }

    [Fact]
    public async Task A_repeated_call_gives_the_same_answer_until_a_write_changes_the_days_it_covers()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var day = FreeDay(Host, 40);
        (string, object?)[] range = [("start_date", Iso(day.AddDays(-2))), ("end_date", Iso(day))];
        var before = (await client.CallAsync(Tool, range)).Structured();
        var again = (await client.CallAsync(Tool, range)).Structured();
        Assert.Equal(before.GetRawText(), again.GetRawText());

        await DryRunThenConfirmAsync(client, "push_workout", Push(day, "Memo check", "- 1h 80%"));
        var after = (await client.CallAsync(Tool, range)).Structured();

        Assert.True(Load(after) > Load(before));
        Assert.True(Last(after).GetProperty("atl").GetDouble() > Last(before).GetProperty("atl").GetDouble());

        static System.Text.Json.JsonElement Last(System.Text.Json.JsonElement json) => json.GetProperty("days").EnumerateArray().Last();
        static int Load(System.Text.Json.JsonElement json) => Last(json).TryGetProperty("load", out var load) ? load.GetInt32() : 0;
    }

    [Fact]
    public async Task A_range_before_any_intervals_value_is_computed_from_zero_and_says_so()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Triathlete"));
        var today = Store.Today(SandboxPrincipals.TriathleteId);
        var json = (await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-420))), ("end_date", Iso(today.AddDays(-400))))).Structured();

        Assert.Empty(Store.GetWellness(SandboxPrincipals.TriathleteId, today.AddDays(-620), today.AddDays(-400)));
        Assert.Equal("computed_from_activities", json.GetProperty("source").GetString());
        Assert.Contains("started from 0", json.GetProperty("source_note").GetString(), StringComparison.Ordinal);
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(21, days.Count);
        Assert.All(days, d => Assert.True(d.GetProperty("computed").GetBoolean()));
        Assert.All(days, d => Assert.Equal(0, d.GetProperty("ctl").GetDouble()));
        Assert.Equal("Flat", json.GetProperty("trend").GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_argument()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);

        AssertBadArgument(await client.CallAsync(Tool, ("start_date", "03/01/2026")), "start_date", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-3700))), ("end_date", Iso(today))), "start_date", "at most 3653 days");
    }
}
