using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Period.PeriodTestKit;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>get_training_summary end to end: a real MCP client, the real host, numbers checked against the sandbox store.</summary>
public sealed class TrainingSummaryToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "get_training_summary";

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Default_summary_is_twelve_monday_weeks_whose_totals_equal_the_sandbox_activities_of_each_local_week()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallAsync(Tool);
        var json = result.Structured();

        var today = Store.Today(SandboxPrincipals.CyclistId);
        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(12, periods.Count);
        Assert.Equal(Iso(Monday(today).AddDays(-77)), periods[0].GetProperty("start").GetString());
        Assert.Equal(Iso(today), periods[^1].GetProperty("end").GetString());
        Assert.Equal(Iso(today), json.GetProperty("context").GetProperty("today").GetString());
        Assert.Equal("week", json.GetProperty("period").GetString());
        var loadedWeeks = 0;
        foreach (var period in periods)
        {
            var start = period.Date("start");
            var end = period.Date("end");
            Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
            var activities = Store.GetActivities(SandboxPrincipals.CyclistId, start, end);
            var usable = activities.Where(a => !a.IsStravaStub).ToList();
            Assert.Equal(usable.Sum(a => a.IcuTrainingLoad ?? 0), period.GetProperty("load").GetInt32());
            Assert.Equal(usable.Count, period.GetProperty("sessions").GetInt32());
            Assert.Equal(usable.Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0), period.GetProperty("duration_s").GetInt32());
            Assert.Equal(Math.Round(usable.Sum(a => a.IcuDistance ?? a.Distance ?? 0) / 1000, 1), period.GetProperty("distance_km").GetDouble(), 3);
            var stubs = activities.Count - usable.Count;
            Assert.Equal(stubs > 0 ? stubs : null, OptionalInt(period, "strava_stubs"));
            loadedWeeks += usable.Count > 0 ? 1 : 0;
        }

        Assert.True(loadedWeeks >= 10, $"only {loadedWeeks} weeks had training in the sandbox");
        var all = Store.GetActivities(SandboxPrincipals.CyclistId, periods[0].Date("start"), today).Where(a => !a.IsStravaStub).ToList();
        Assert.Equal(all.Sum(a => a.IcuTrainingLoad ?? 0), json.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Contains("sessions", result.Text(), StringComparison.Ordinal);
        Assert.NotEmpty(json.GetProperty("next_actions").EnumerateArray());
    }

    [Fact]
    public async Task Intensity_distribution_folds_each_activitys_zone_times_into_low_moderate_and_high()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);
        var start = Monday(today).AddDays(-27);
        var json = (await client.CallAsync(Tool, ("start_date", Iso(start)), ("end_date", Iso(today)))).Structured();

        double low = 0, moderate = 0, high = 0;
        foreach (var activity in Store.GetActivities(SandboxPrincipals.CyclistId, start, today).Where(a => !a.IsStravaStub))
        {
            var power = activity.IcuZoneTimes?.Where(z => z.Id.StartsWith('Z')).OrderBy(z => z.Id, StringComparer.Ordinal).Select(z => (double)z.Secs).ToArray();
            var zones = power is { Length: > 0 } && power.Sum() > 0 ? power
                : activity.IcuHrZoneTimes is { Count: > 0 } hr && hr.Sum() > 0 ? hr.Select(s => (double)s).ToArray()
                : activity.PaceZoneTimes?.Select(s => (double)s).ToArray();
            if (zones is not { Length: >= 3 } || !(zones.Sum() > 0))
            {
                continue;
            }

            var (firstModerate, firstHigh) = zones.Length >= 7 ? (3, 5) : zones.Length >= 5 ? (3, 4) : (2, 3);
            for (var i = 0; i < zones.Length; i++)
            {
                var zone = i + 1;
                if (zone >= firstHigh)
                {
                    high += zones[i];
                }
                else if (zone >= firstModerate)
                {
                    moderate += zones[i];
                }
                else
                {
                    low += zones[i];
                }
            }
        }

        var intensity = json.GetProperty("totals").GetProperty("intensity");
        Assert.True(low + moderate + high > 0, "the sandbox rides carry zone times");
        Assert.Equal(Math.Round(low), intensity.GetProperty("low_s").GetInt32(), 0);
        Assert.Equal(Math.Round(moderate), intensity.GetProperty("moderate_s").GetInt32(), 0);
        Assert.Equal(Math.Round(high), intensity.GetProperty("high_s").GetInt32(), 0);
        Assert.Equal(100, intensity.GetProperty("low_pct").GetDouble() + intensity.GetProperty("moderate_pct").GetDouble() + intensity.GetProperty("high_pct").GetDouble(), 0);
        Assert.Contains(intensity.GetProperty("model").GetString(), new[] { "polarized", "pyramidal", "threshold" });
        Assert.Contains("Z1–Z2 low", json.GetProperty("intensity_mapping").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_summary_splits_each_calendar_month_by_sport_as_the_sandbox_does()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Triathlete"));
        var today = Store.Today(SandboxPrincipals.TriathleteId);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var json = (await client.CallAsync(Tool, ("start_date", Iso(start)), ("period", "MONTH"))).Structured();

        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(6, periods.Count);
        Assert.Equal("month", json.GetProperty("period").GetString());
        foreach (var period in periods)
        {
            var from = period.Date("start");
            Assert.Equal(1, from.Day);
            Assert.Equal(from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), period.GetProperty("label").GetString());
            var bySport = Store.GetActivities(SandboxPrincipals.TriathleteId, from, period.Date("end"))
                .Where(a => !a.IsStravaStub)
                .GroupBy(a => a.Type ?? "Other")
                .ToDictionary(g => g.Key, g => (Sessions: g.Count(), Load: g.Sum(a => a.IcuTrainingLoad ?? 0)));
            var sports = period.GetProperty("by_sport").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            Assert.Equal(bySport.Keys.Order(StringComparer.Ordinal), sports.Keys.Order(StringComparer.Ordinal));
            foreach (var (sport, expected) in bySport)
            {
                Assert.Equal(expected.Sessions, sports[sport].GetProperty("sessions").GetInt32());
                Assert.Equal(expected.Load, sports[sport].GetProperty("load").GetInt32());
            }
        }

        var lastIsPartial = periods[^1].TryGetProperty("partial", out var partial) && partial.GetBoolean();
        Assert.Equal(today.AddDays(1).Day != 1, lastIsPartial);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_argument_and_the_accepted_form()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);

        AssertBadArgument(await client.CallAsync(Tool, ("period", "fortnight")), "period", "one of week, month");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", "2026-02-30")), "start_date", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("end_date", "last week")), "end_date", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-4000))), ("end_date", Iso(today))), "start_date", "at most 3653 days");
        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today)), ("end_date", Iso(today.AddDays(-3)))), "start_date", "on or before end_date");
    }
}
