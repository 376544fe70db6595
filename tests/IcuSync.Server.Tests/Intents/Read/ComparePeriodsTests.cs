using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Intents.Read.ReadIntentKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>compare_periods: totals, zones, load and fitness change side by side, with deltas, against the sandbox store.</summary>
public sealed class ComparePeriodsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "compare_periods";
    private const string Ada = SandboxPrincipals.CyclistId;

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Two_four_week_blocks_compare_totals_zones_load_and_fitness_with_deltas()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var (aStart, aEnd, bStart, bEnd) = (today.AddDays(-27), today, today.AddDays(-55), today.AddDays(-28));
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.CallAsync(Tool, ("period_a_start", Iso(aStart)), ("period_a_end", Iso(aEnd)), ("period_b_start", Iso(bStart)), ("period_b_end", Iso(bEnd)));
        var json = result.Structured();

        int Load(DateOnly from, DateOnly to) => store.GetActivities(Ada, from, to).Where(a => !a.IsStravaStub).Sum(a => a.IcuTrainingLoad ?? 0);
        int Seconds(DateOnly from, DateOnly to) => store.GetActivities(Ada, from, to).Where(a => !a.IsStravaStub).Sum(a => a.MovingTime ?? a.ElapsedTime ?? 0);
        var (loadA, loadB) = (Load(aStart, aEnd), Load(bStart, bEnd));
        var a = json.GetProperty("period_a");
        var b = json.GetProperty("period_b");
        Assert.Equal($"{Iso(aStart)}..{Iso(aEnd)}", a.GetProperty("range").GetString());
        Assert.Equal(loadA, a.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Equal(loadB, b.GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Equal(Seconds(aStart, aEnd), a.GetProperty("totals").GetProperty("duration_s").GetInt32());
        Assert.Equal(Math.Round(loadA / 28.0, 1), a.GetProperty("load").GetProperty("avg_daily_load").GetDouble(), 3);

        var deltas = json.GetProperty("deltas");
        Assert.Equal(loadA - loadB, deltas.GetProperty("load").GetInt32());
        Assert.Equal(Seconds(aStart, aEnd) - Seconds(bStart, bEnd), deltas.GetProperty("duration_s").GetInt32());
        Assert.Equal(Math.Round((loadA - loadB) * 100.0 / loadB, 1), deltas.GetProperty("load_pct").GetDouble(), 3);

        var splitA = Distribution(store.GetActivities(Ada, aStart, aEnd))!;
        var splitB = Distribution(store.GetActivities(Ada, bStart, bEnd))!;
        Assert.Equal(Math.Round(splitA.LowFraction * 100, 1), a.GetProperty("zones").GetProperty("three_zone").GetProperty("low_pct").GetDouble(), 3);
        Assert.Equal(Math.Round(Math.Round(splitA.HighFraction * 100, 1) - Math.Round(splitB.HighFraction * 100, 1), 1),
            deltas.GetProperty("zones").GetProperty("high_pts").GetDouble(), 3);

        double Ctl(DateOnly day) => Math.Round(store.FindWellness(Ada, day)!.Ctl!.Value, 1);
        var fitness = a.GetProperty("fitness");
        Assert.Equal(Ctl(aStart), fitness.GetProperty("ctl_start").GetDouble(), 3);
        Assert.Equal(Ctl(aEnd), fitness.GetProperty("ctl_end").GetDouble(), 3);
        Assert.Equal(Math.Round(Ctl(aEnd) - Ctl(aStart), 1), fitness.GetProperty("ctl_change").GetDouble(), 3);
        Assert.Equal("intervals_wellness", fitness.GetProperty("source").GetString());
        var changeB = Math.Round(Ctl(bEnd) - Ctl(bStart), 1);
        Assert.Equal(Math.Round(Math.Round(Ctl(aEnd) - Ctl(aStart), 1) - changeB, 1), deltas.GetProperty("ctl_change").GetDouble(), 3);
        Assert.Contains("A − B", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_year_window_against_an_empty_one_gives_all_history_against_zeros()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var tenYears = today.AddDays(-3652);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var json = (await client.CallAsync(Tool, ("period_a_start", Iso(tenYears)), ("period_a_end", Iso(today)),
            ("period_b_start", Iso(tenYears)), ("period_b_end", Iso(tenYears.AddDays(90))))).Structured();

        var all = store.GetActivities(Ada).Where(a => !a.IsStravaStub).ToList();
        Assert.Equal(all.Count, json.GetProperty("period_a").GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal(all.Sum(a => a.IcuTrainingLoad ?? 0), json.GetProperty("period_a").GetProperty("totals").GetProperty("load").GetInt32());
        Assert.Equal(3653, json.GetProperty("period_a").GetProperty("days").GetInt32());
        var empty = json.GetProperty("period_b");
        Assert.Equal(0, empty.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal("unavailable", empty.GetProperty("zones").GetProperty("status").GetString());
        Assert.Null(json.GetProperty("deltas").Optional("zones"));
        Assert.Equal(all.Count, json.GetProperty("deltas").GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task Missing_inverted_or_over_long_windows_are_refused_naming_the_argument()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        AssertBadArgument(await client.CallAsync(Tool, ("period_a_start", "2026-01-01"), ("period_a_end", "2026-01-31"), ("period_b_start", "2025-01-01")),
            "period_b_end", "YYYY-MM-DD");
        AssertBadArgument(await client.CallAsync(Tool, ("period_a_start", "2026-01-31"), ("period_a_end", "2026-01-01"), ("period_b_start", "2025-01-01"), ("period_b_end", "2025-01-31")),
            "period_a_start", "on or before period_a_end");
        AssertBadArgument(await client.CallAsync(Tool, ("period_a_start", "2026-01-01"), ("period_a_end", "2026-01-31"), ("period_b_start", "2014-01-01"), ("period_b_end", "2025-01-31")),
            "period_b_start", "at most 3653 days");
    }
}

/// <summary>compare_periods when Intervals.icu answers 429: the error says how to narrow the windows (own host: it injects faults).</summary>
public sealed class ComparePeriodsRateLimitTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_429_from_intervals_gives_a_narrowing_hint_with_shorter_windows()
    {
        var host = fixture.Host;
        var today = host.Store().Today(SandboxPrincipals.CyclistId);
        await using var client = await host.ConnectIntentsAsync("Cyclist");

        // A first call caches the athlete record, so the throttled requests are the comparison's own reads.
        var warm = await client.CallAsync("compare_periods", ("period_a_start", Iso(today.AddDays(-6))), ("period_a_end", Iso(today)),
            ("period_b_start", Iso(today.AddDays(-13))), ("period_b_end", Iso(today.AddDays(-7))));
        Assert.True(warm.IsError != true, warm.Text());

        var faults = host.Server.Sandbox!.Faults;
        faults.RetryAfter = TimeSpan.FromSeconds(45);
        faults.ThrottleNext(10_000);
        try
        {
            var result = await client.CallAsync("compare_periods",
                ("period_a_start", Iso(today.AddDays(-179))), ("period_a_end", Iso(today)),
                ("period_b_start", Iso(today.AddDays(-359))), ("period_b_end", Iso(today.AddDays(-180))));

            Assert.True(result.IsError, "expected the rate-limit advice, got: " + result.Text());
            var text = result.Text();
            Assert.Contains("429", text, StringComparison.Ordinal);
            Assert.Contains("Wait 45 seconds", text, StringComparison.Ordinal);
            Assert.Contains($"period_a_start {Iso(today.AddDays(-89))} and period_a_end {Iso(today)} (90 days instead of 180)", text, StringComparison.Ordinal);
            Assert.Contains($"period_b_start {Iso(today.AddDays(-269))}", text, StringComparison.Ordinal);
            Assert.True(faults.InjectedCount > 0);
        }
        finally
        {
            faults.Reset();
        }
    }
}
