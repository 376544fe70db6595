using IcuSync.Analytics;
using IcuSync.Analytics.Wellness;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>assess_recovery against the sandbox wellness records and the IcuSync.Analytics HRV rollup.</summary>
public sealed class AssessRecoveryTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "assess_recovery";

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Default_fourteen_days_report_sleep_resting_hr_hrv_form_quality_state_and_readiness_from_the_sandbox()
    {
        var store = Host.Store();
        const string ada = SandboxPrincipals.CyclistId;
        var today = store.Today(ada);
        var rows = store.GetWellness(ada, today.AddDays(-34), today);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.CallAsync(Tool);
        var recovery = result.Structured().GetProperty("recovery");

        Assert.Equal($"{Iso(today.AddDays(-13))}..{Iso(today)}", recovery.GetProperty("window").GetString());
        Assert.Equal(14, recovery.GetProperty("days").GetArrayLength());

        var status = HrvTrend.Assess([.. rows.Where(w => w.Hrv > 0).Select(w => new DatedValue(w.Id, w.Hrv!.Value))], today,
            new HrvOptions { MinimumWeekValues = 3, BaselineDays = 28 });
        var hrv = recovery.GetProperty("hrv");
        Assert.Equal(Math.Round(status.LnRmssdMean7d!.Value, 3), hrv.GetProperty("ln_rmssd_week_mean").GetDouble(), 4);
        Assert.Equal(Math.Round(status.CvPercent7d!.Value, 2), hrv.GetProperty("week_cv_pct").GetDouble(), 3);
        Assert.Equal(status.State == HrvState.Suppressed, hrv.GetProperty("suppressed").GetBoolean());
        var ratio = Math.Round(Math.Exp(status.LnRmssdMean7d.Value - status.BaselineMean!.Value), 3);
        Assert.Equal(ratio, hrv.GetProperty("ratio").GetDouble(), 4);
        Assert.Equal(rows.Count(w => w.Id >= today.AddDays(-13) && w.Hrv > 0), hrv.GetProperty("sample_count").GetInt32());

        var week = rows.Where(w => w.Id >= today.AddDays(-6)).ToList();
        var baseline = rows.Where(w => w.Id < today.AddDays(-6)).ToList();
        var rhr7 = Math.Round(week.Where(w => w.RestingHr > 0).Average(w => w.RestingHr!.Value), 1);
        var rhrBase = Math.Round(baseline.Where(w => w.RestingHr > 0).Average(w => w.RestingHr!.Value), 1);
        var restingHr = recovery.GetProperty("resting_hr");
        Assert.Equal(rhr7, restingHr.GetProperty("last7_avg_bpm").GetDouble(), 3);
        Assert.Equal(rhrBase, restingHr.GetProperty("baseline_bpm").GetDouble(), 3);

        var sleep7 = Math.Round(week.Where(w => w.SleepSecs > 0).Average(w => w.SleepSecs!.Value / 3600.0), 2);
        Assert.Equal(sleep7, recovery.GetProperty("sleep").GetProperty("last7_avg_h").GetDouble(), 3);

        var latest = rows.Last(w => w.Ctl is not null && w.Atl is not null);
        var form = recovery.GetProperty("form");
        Assert.Equal(Iso(latest.Id), form.GetProperty("date").GetString());
        var tsb = Math.Round(latest.Ctl!.Value - latest.Atl!.Value, 1);
        Assert.Equal(tsb, form.GetProperty("tsb").GetDouble(), 3);

        var hrvScore = Math.Clamp((ratio - 0.8) / 0.2, 0, 1);
        var rhrScore = Math.Clamp(1 - (Math.Round(rhr7 - rhrBase, 1) / 8), 0, 1);
        var sleepScore = Math.Clamp((sleep7 - 5) / 2.5, 0, 1);
        var index = Math.Round(((Math.Round(hrvScore, 3) * 0.4) + (Math.Round(rhrScore, 3) * 0.3) + (Math.Round(sleepScore, 3) * 0.3)) / 1.0, 2);
        var quality = recovery.GetProperty("quality");
        Assert.Equal(index, quality.GetProperty("index").GetDouble(), 3);
        Assert.Equal(index >= 0.8 ? "Good" : index >= 0.5 ? "Fair" : "Low", quality.GetProperty("label").GetString());

        var flags = recovery.GetProperty("red_flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToList();
        Assert.Equal(status.State == HrvState.Suppressed, flags.Contains("hrv_suppressed"));
        Assert.Equal(rhr7 - rhrBase >= 5, flags.Contains("resting_hr_elevated"));
        Assert.Equal(tsb < -30, flags.Contains("deep_fatigue"));
        var priority = index < 0.5 || flags.Contains("hrv_suppressed") || flags.Contains("deep_fatigue") || flags.Count >= 2;
        Assert.Equal(priority ? "RecoveryPriority" : "LoadAccepting", recovery.GetProperty("state").GetString());
        var readiness = recovery.GetProperty("readiness").EnumerateArray().ToDictionary(r => r.GetProperty("session").GetString()!, r => r.GetProperty("verdict").GetString()!);
        Assert.Equal(["easy", "intensity", "long", "race"], readiness.Keys.ToArray());
        Assert.All(readiness.Values, v => Assert.Contains(v, new[] { "ready", "caution", "not_ready" }));
        Assert.Contains(recovery.GetProperty("state").GetString()!, result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressed_hrv_high_resting_hr_and_short_sleep_give_recovery_priority_with_red_flags()
    {
        var store = Host.Store();
        const string cleo = SandboxPrincipals.TriathleteId;
        var today = store.Today(cleo);
        using (var http = Host.SandboxHttp(SandboxPrincipals.TriathleteApiKey))
        {
            for (var d = today.AddDays(-6); d <= today; d = d.AddDays(1))
            {
                using var response = await http.PutAsync(new Uri($"api/v1/athlete/{cleo}/wellness/{Iso(d)}", UriKind.Relative),
                    Json("""{"hrv": 30, "restingHR": 70, "sleepSecs": 18000}"""));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        await using var client = await Host.ConnectIntentsAsync("Triathlete");
        var result = await client.CallAsync(Tool, ("period_days", 7));
        var recovery = result.Structured().GetProperty("recovery");

        Assert.Equal(7, recovery.GetProperty("days").GetArrayLength());
        Assert.True(recovery.GetProperty("hrv").GetProperty("suppressed").GetBoolean());
        Assert.Equal(30, recovery.GetProperty("hrv").GetProperty("week_mean_ms").GetDouble(), 3);
        Assert.Equal(70, recovery.GetProperty("resting_hr").GetProperty("last7_avg_bpm").GetDouble(), 3);
        Assert.Equal(5, recovery.GetProperty("sleep").GetProperty("last7_avg_h").GetDouble(), 3);
        var quality = recovery.GetProperty("quality");
        Assert.Equal(0, quality.GetProperty("index").GetDouble());
        Assert.Equal("Low", quality.GetProperty("label").GetString());
        Assert.Equal("RecoveryPriority", recovery.GetProperty("state").GetString());
        var flags = recovery.GetProperty("red_flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToList();
        Assert.Contains("hrv_suppressed", flags);
        Assert.Contains("resting_hr_elevated", flags);
        Assert.Contains("short_sleep", flags);
        var readiness = recovery.GetProperty("readiness").EnumerateArray().ToDictionary(r => r.GetProperty("session").GetString()!, r => r.GetProperty("verdict").GetString()!);
        Assert.Equal("not_ready", readiness["intensity"]);
        Assert.Equal("not_ready", readiness["race"]);
        Assert.Equal("ready", readiness["easy"]);
        Assert.Contains("RecoveryPriority", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Period_days_outside_seven_to_thirty_is_refused_naming_the_argument()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        AssertBadArgument(await client.CallAsync(Tool, ("period_days", 6)), "period_days", "from 7 to 30");
        AssertBadArgument(await client.CallAsync(Tool, ("period_days", 31)), "period_days", "from 7 to 30");
        var thirty = (await client.CallAsync(Tool, ("period_days", 30))).Structured().GetProperty("recovery");
        Assert.Equal(30, thirty.GetProperty("period_days").GetInt32());
    }
}
