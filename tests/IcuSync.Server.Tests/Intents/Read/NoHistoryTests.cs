using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>
/// The read intents for an athlete with no history at all: the demo direct coach's own Intervals.icu account (no activities,
/// no wellness). Nothing is guessed: fields are unavailable with reasons, totals are zeros, warnings say why.
/// </summary>
public sealed class NoHistoryTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Track_progress_without_history_reports_unavailable_fields_and_warnings()
    {
        Assert.Empty(Host.Store().GetActivities(SandboxPrincipals.CoachId));
        await using var client = await Host.ConnectIntentsAsync("direct coach");

        var result = await client.CallAsync("track_progress");
        var json = result.Structured();
        var progress = json.GetProperty("progress");

        Assert.Equal(SandboxPrincipals.CoachId, json.GetProperty("context").GetProperty("athlete_id").GetString());
        Assert.Null(progress.Optional("plateau"));
        Assert.Null(progress.Optional("acwr"));
        Assert.Null(progress.Optional("hrv"));
        var unavailable = progress.UnavailableByMetric();
        Assert.Contains("28 days", unavailable["plateau"], StringComparison.Ordinal);
        Assert.Contains("acwr", unavailable.Keys);
        Assert.Contains("HRV", unavailable["hrv"], StringComparison.Ordinal);
        Assert.Contains("tid.state", unavailable.Keys);
        Assert.Contains(progress.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("No training recorded", StringComparison.Ordinal));
        Assert.All(progress.GetProperty("hypotheses").EnumerateArray(), h => Assert.False(h.GetProperty("supported").GetBoolean()));
        Assert.Contains("Warning", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_recovery_without_wellness_says_the_state_is_unavailable()
    {
        await using var client = await Host.ConnectIntentsAsync("direct coach");

        var recovery = (await client.CallAsync("assess_recovery")).Structured().GetProperty("recovery");

        Assert.Equal("unavailable", recovery.GetProperty("state").GetString());
        var unavailable = recovery.UnavailableByMetric();
        Assert.Contains("sleep", unavailable.Keys);
        Assert.Contains("hrv", unavailable.Keys);
        Assert.Contains("form", unavailable.Keys);
        Assert.Contains("quality", unavailable.Keys);
        Assert.All(recovery.GetProperty("readiness").EnumerateArray(), r => Assert.Equal("unavailable", r.GetProperty("verdict").GetString()));
        Assert.Empty(recovery.GetProperty("days").EnumerateArray());
    }

    [Fact]
    public async Task Empty_windows_compare_as_zeros_with_zones_unavailable_and_a_period_has_zero_totals()
    {
        var today = Host.Store().Today(SandboxPrincipals.CoachId);
        await using var client = await Host.ConnectIntentsAsync("direct coach");

        var json = (await client.CallAsync("compare_periods",
            ("period_a_start", Iso(today.AddDays(-27))), ("period_a_end", Iso(today)),
            ("period_b_start", Iso(today.AddDays(-55))), ("period_b_end", Iso(today.AddDays(-28))))).Structured();

        foreach (var side in new[] { "period_a", "period_b" })
        {
            var period = json.GetProperty(side);
            Assert.Equal(0, period.GetProperty("totals").GetProperty("sessions").GetInt32());
            Assert.Equal(0, period.GetProperty("totals").GetProperty("duration_s").GetInt32());
            Assert.Equal(0, period.GetProperty("totals").GetProperty("load").GetInt32());
            Assert.Equal("unavailable", period.GetProperty("zones").GetProperty("status").GetString());
            Assert.Equal(0, period.GetProperty("load").GetProperty("avg_daily_load").GetDouble());
        }

        Assert.Equal(0, json.GetProperty("deltas").GetProperty("load").GetInt32());
        Assert.Null(json.GetProperty("deltas").Optional("load_pct"));
        Assert.Contains("period_a.zones", json.UnavailableByMetric().Keys);

        var period28 = (await client.CallAsync("analyze_training", ("target_type", "period"))).Structured().GetProperty("period");
        Assert.Equal(0, period28.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal("unavailable", period28.GetProperty("zones").GetProperty("status").GetString());
        Assert.Empty(period28.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task Analyze_race_without_races_is_a_clear_no_match()
    {
        await using var client = await Host.ConnectIntentsAsync("direct coach");

        var result = await client.CallAsync("analyze_race");
        var race = result.Structured().GetProperty("race");

        Assert.Equal("no_match", race.GetProperty("status").GetString());
        Assert.Contains("No race found", race.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(race.Optional("pacing"));
        Assert.Contains("No race found", result.Text(), StringComparison.Ordinal);
    }
}
