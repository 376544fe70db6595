using IcuSync.Analytics;
using IcuSync.Analytics.Load;
using IcuSync.Analytics.Trends;
using IcuSync.Analytics.Wellness;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Intents.Read.ReadIntentKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>track_progress against the sandbox's CTL, loads, HRV and zone times, computed independently with IcuSync.Analytics.</summary>
public sealed class TrackProgressTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "track_progress";
    private const string Ada = SandboxPrincipals.CyclistId;

    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Twelve_weeks_report_plateau_acwr_monotony_hrv_tid_drift_and_ranked_hypotheses()
    {
        var store = Host.Store();
        var today = store.Today(Ada);
        var start = today.AddDays(-83);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.CallAsync(Tool);
        var progress = result.Structured().GetProperty("progress");

        Assert.Equal($"{Iso(start)}..{Iso(today)}", progress.GetProperty("window").GetString());
        Assert.Equal(12, progress.GetProperty("period_weeks").GetInt32());

        var ctl = store.GetWellness(Ada, start, today).Select(w => w.Ctl!.Value).ToArray();
        Assert.Equal(84, ctl.Length);
        var expected = PlateauDetection.Detect(start, ctl)!;
        var plateau = progress.GetProperty("plateau");
        Assert.Equal(expected.Trend.ToString(), plateau.GetProperty("trend").GetString());
        Assert.Equal(Math.Round(expected.SlopePerWeek, 2), plateau.GetProperty("slope_per_week").GetDouble(), 3);
        Assert.Equal(expected.Detected, plateau.GetProperty("detected").GetBoolean());
        Assert.Equal(expected.Start is { } s ? Iso(s) : null, plateau.Optional("start")?.GetString());
        Assert.Equal(Math.Round(ctl[0], 1), plateau.GetProperty("ctl_start").GetDouble(), 3);
        Assert.Equal(Math.Round(ctl[^1], 1), plateau.GetProperty("ctl_end").GetDouble(), 3);

        var loads = store.DailyLoads(Ada, today.AddDays(-55), today);
        var acwr = Acwr.Compute(loads)!;
        Assert.Equal(Math.Round(acwr.Ratio!.Value, 2), progress.GetProperty("acwr").GetProperty("ratio").GetDouble(), 3);
        var monotony = TrainingMonotony.Compute(loads)!;
        Assert.Equal(Math.Round(monotony.Monotony!.Value, 2), progress.GetProperty("monotony").GetProperty("monotony").GetDouble(), 3);

        var wellness = store.GetWellness(Ada, today.AddDays(-34), today);
        var hrvStatus = HrvTrend.Assess([.. wellness.Where(w => w.Hrv > 0).Select(w => new DatedValue(w.Id, w.Hrv!.Value))], today,
            new HrvOptions { MinimumWeekValues = 3, BaselineDays = 28 });
        var hrv = progress.GetProperty("hrv");
        Assert.Equal(Math.Round(Math.Exp(hrvStatus.LnRmssdMean7d!.Value - hrvStatus.BaselineMean!.Value), 3), hrv.GetProperty("hrv_ratio").GetDouble(), 4);
        Assert.Equal(hrvStatus.State.ToString().ToLowerInvariant(), hrv.GetProperty("state").GetString());

        var tid = progress.GetProperty("tid");
        var weeks = tid.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(12, weeks.Count);
        var entropies = new List<double?>();
        for (var w = 11; w >= 0; w--)
        {
            var end = today.AddDays(-7 * w);
            var split = Distribution(store.GetActivities(Ada, end.AddDays(-6), end));
            var row = weeks[11 - w];
            Assert.Equal(Iso(end), row.GetProperty("end").GetString());
            Assert.Equal(split is null ? null : Math.Round(split.LowFraction * 100, 1), row.Optional("low_pct")?.GetDouble());
            entropies.Add(split?.EntropyBits);
        }

        var recent = entropies.TakeLast(4).Where(e => e is not null).Select(e => e!.Value).ToList();
        var prior = entropies.SkipLast(4).TakeLast(4).Where(e => e is not null).Select(e => e!.Value).ToList();
        var delta = Math.Round(Math.Round(recent.Average(), 3) - Math.Round(prior.Average(), 3), 3);
        Assert.Equal(Math.Round(recent.Average(), 3), tid.GetProperty("recent_entropy_bits").GetDouble(), 4);
        Assert.Equal(Math.Round(prior.Average(), 3), tid.GetProperty("prior_entropy_bits").GetDouble(), 4);
        Assert.Equal(Math.Abs(delta) < 0.05 ? "stable" : delta > 0 ? "converging" : "polarizing", tid.GetProperty("state").GetString());

        var hypotheses = progress.GetProperty("hypotheses").EnumerateArray().ToList();
        Assert.Equal(["intensity_distribution", "recovery", "volume"], hypotheses.Select(h => h.GetProperty("factor").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([1, 2, 3], hypotheses.Select(h => h.GetProperty("rank").GetInt32()).ToArray());
        var order = hypotheses.Select(h => (Supported: h.GetProperty("supported").GetBoolean(), Confidence: h.GetProperty("confidence").GetDouble())).ToList();
        Assert.Equal(order.OrderByDescending(o => o.Supported).ThenByDescending(o => o.Confidence), order);
        Assert.All(hypotheses, h =>
        {
            Assert.InRange(h.GetProperty("confidence").GetDouble(), 0.2, 0.95);
            Assert.NotEmpty(h.GetProperty("evidence").EnumerateArray());
        });
        Assert.Contains("ACWR", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hypothesis_mode_false_leaves_out_hypotheses_and_bad_weeks_are_refused()
    {
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var progress = (await client.CallAsync(Tool, ("period_weeks", 4), ("hypothesis_mode", false))).Structured().GetProperty("progress");
        Assert.Null(progress.Optional("hypotheses"));
        Assert.Equal(4, progress.GetProperty("tid").GetProperty("weeks").GetArrayLength());
        Assert.True(progress.GetProperty("tid").TryGetProperty("prior_entropy_bits", out _), "drift compares 8 weeks even for a 4-week window");

        AssertBadArgument(await client.CallAsync(Tool, ("period_weeks", 3)), "period_weeks", "from 4 to 24");
        AssertBadArgument(await client.CallAsync(Tool, ("period_weeks", 25)), "period_weeks", "from 4 to 24");
    }
}
