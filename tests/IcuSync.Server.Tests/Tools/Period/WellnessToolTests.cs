using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;
using static IcuSync.Server.Tests.Tools.Period.PeriodTestKit;

namespace IcuSync.Server.Tests.Tools.Period;

/// <summary>get_wellness end to end: rows equal the sandbox records, every subjective scale is named, 7-day means and HRV trend.</summary>
public sealed class WellnessToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "get_wellness";

    // The Intervals.icu level names (intervals-api.md §5.7), restated here so the test does not trust the server's tables.
    private static readonly string[] Burden = ["None", "Low", "Avg", "High", "Extreme"];
    private static readonly string[] Quality = ["?", "Excellent", "Good", "Avg", "Poor"];

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxStore Store => Host.Server.Sandbox!.Store;

    [Fact]
    public async Task Default_wellness_is_the_last_14_days_of_sandbox_records_with_every_scale_named()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallAsync(Tool);
        var json = result.Structured();

        var today = Store.Today(SandboxPrincipals.CyclistId);
        var expected = Store.GetWellness(SandboxPrincipals.CyclistId, today.AddDays(-13), today);
        var rows = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(14, expected.Count);
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var w = expected[i];
            Assert.Equal(Iso(w.Id), row.GetProperty("date").GetString());
            Assert.Equal(w.Hrv is { } hrv ? Math.Round(hrv, 1) : null, OptionalDouble(row, "hrv_ms"));
            Assert.Equal(w.RestingHr, OptionalInt(row, "resting_hr_bpm"));
            Assert.Equal(Math.Round(w.SleepSecs!.Value / 3600.0, 2), row.GetProperty("sleep_h").GetDouble());
            Assert.Equal(w.SleepScore, row.GetProperty("sleep_score").GetDouble());
            Assert.Equal(w.Weight, row.GetProperty("weight_kg").GetDouble());
            Assert.Equal(w.Steps, row.GetProperty("steps").GetInt32());
            AssertScale(row, "soreness", w.Soreness, Burden);
            AssertScale(row, "fatigue", w.Fatigue, Burden);
            AssertScale(row, "stress", w.Stress, Burden);
            AssertScale(row, "mood", w.Mood, Quality);
            AssertScale(row, "motivation", w.Motivation, Quality);
            AssertScale(row, "sleep_quality", w.SleepQuality, Quality);
            Assert.Equal("Excellent", row.GetProperty("injury").GetProperty("label").GetString());
            Assert.Equal(w.Comments, row.TryGetProperty("comments", out var comments) ? comments.GetString() : null);
        }

        var scales = json.GetProperty("scales").EnumerateArray().ToList();
        var burdens = scales.Single(s => s.GetProperty("field").GetString()!.Contains("soreness", StringComparison.Ordinal));
        Assert.Equal("lower is better", burdens.GetProperty("better").GetString());
        Assert.Contains("4 Extreme", burdens.GetProperty("levels").GetString(), StringComparison.Ordinal);
        var moods = scales.Single(s => s.GetProperty("field").GetString()!.Contains("mood", StringComparison.Ordinal));
        Assert.Contains("1 Excellent", moods.GetProperty("levels").GetString(), StringComparison.Ordinal);
        Assert.Equal("lower is better", moods.GetProperty("better").GetString());

        var last = expected[^1];
        Assert.Contains($"soreness {last.Soreness} ({Burden[last.Soreness!.Value]})", result.Text(), StringComparison.Ordinal);
        Assert.Contains("1 is the good end", result.Text(), StringComparison.Ordinal);
        Assert.Contains("Legs heavy after the weekend", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_gives_7_day_means_and_the_hrv_trend_of_the_last_week()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Ben Runner"));
        var today = Store.Today(SandboxPrincipals.RunnerId);
        var end = today.AddDays(-1);
        var json = (await client.CallAsync(Tool, ("start_date", Iso(end.AddDays(-9))), ("end_date", Iso(end)))).Structured();

        var week = Store.GetWellness(SandboxPrincipals.RunnerId, end.AddDays(-6), end);
        var summary = json.GetProperty("summary");
        Assert.Equal($"{Iso(end.AddDays(-6))}..{Iso(end)}", summary.GetProperty("window").GetString());
        Assert.Equal(week.Count, summary.GetProperty("days_with_record").GetInt32());
        var hrvs = week.Where(w => w.Hrv is > 0).Select(w => w.Hrv!.Value).ToList();
        Assert.Equal(Math.Round(hrvs.Average(), 1), summary.GetProperty("hrv_ms").GetDouble());
        Assert.Equal(Math.Round(week.Average(w => w.RestingHr!.Value), 1), summary.GetProperty("resting_hr_bpm").GetDouble());
        Assert.Equal(Math.Round(week.Average(w => w.SleepSecs!.Value / 3600.0), 2), summary.GetProperty("sleep_h").GetDouble());
        Assert.Equal(Math.Round(week.Average(w => w.Soreness!.Value), 1), summary.GetProperty("soreness").GetDouble());

        var hrv = summary.GetProperty("hrv");
        Assert.Equal(hrvs.Count, hrv.GetProperty("week_values").GetInt32());
        var geometricMean = Math.Exp(hrvs.Average(Math.Log));
        Assert.Equal(Math.Round(geometricMean, 1), hrv.GetProperty("week_mean_ms").GetDouble());
        var baseline = Store.GetWellness(SandboxPrincipals.RunnerId, end.AddDays(-34), end.AddDays(-7)).Where(w => w.Hrv is > 0).Select(w => Math.Log(w.Hrv!.Value)).ToList();
        var mean = baseline.Average();
        var sd = Math.Sqrt(baseline.Sum(v => (v - mean) * (v - mean)) / baseline.Count);
        var lnWeek = hrvs.Average(Math.Log);
        var state = lnWeek < mean - (0.5 * sd) ? "suppressed" : lnWeek > mean + (0.5 * sd) ? "elevated" : "normal";
        Assert.Equal(state, hrv.GetProperty("state").GetString());
        Assert.Equal(Math.Round(Math.Exp(mean - (0.5 * sd)), 1), hrv.GetProperty("baseline_low_ms").GetDouble());
        Assert.Equal(baseline.Count, hrv.GetProperty("baseline_values").GetInt32());
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_argument()
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var today = Store.Today(SandboxPrincipals.CyclistId);

        AssertBadArgument(await client.CallAsync(Tool, ("start_date", Iso(today.AddDays(-400))), ("end_date", Iso(today))), "start_date", "at most 366 days");
        AssertBadArgument(await client.CallAsync(Tool, ("end_date", "2026-1-5")), "end_date", "YYYY-MM-DD");
    }

    private static void AssertScale(JsonElement row, string field, int? value, string[] names)
    {
        if (value is null)
        {
            Assert.False(row.TryGetProperty(field, out _));
            return;
        }

        var scale = row.GetProperty(field);
        Assert.Equal(value, scale.GetProperty("value").GetInt32());
        Assert.Equal(names[value.Value], scale.GetProperty("label").GetString());
    }
}
