using IcuSync.Analytics.Endurance;
using IcuSync.Analytics.Power;
using IcuSync.Analytics.Streams;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.McpCallKit;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Intents.Read;

/// <summary>analyze_training target_type single: every analysis_type, numbers against the sandbox streams and IcuSync.Analytics.</summary>
public sealed class AnalyzeTrainingSingleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Tool = "analyze_training";
    private const string Ada = SandboxPrincipals.CyclistId;
    private const int WPrime = 18_500;

    private IcuSyncTestHost Host => fixture.Host;

    private SandboxActivity HardRide() => Host.Store().GetActivities(Ada).Where(a => !a.IsStravaStub).Reverse()
        .First(a => RideTypes.Contains(a.Type) && a.IcuJoulesAboveFtp > 20_000 && a.MovingTime >= 1800);

    [Fact]
    public async Task Detailed_reports_anchors_w_prime_decoupling_z2_terrain_and_nutrition_from_the_sandbox_streams()
    {
        var store = Host.Store();
        var ride = HardRide();
        var streams = store.GetStreams(ride.Id);
        var raw = Samples(streams, "watts")!;
        var heartRate = Samples(streams, "heartrate")!;
        var watts = raw.ToArray();
        StreamPreparation.RepairPowerDropouts(watts);
        var ftp = ride.IcuFtp!.Value;
        var grid = StreamPreparation.ToOneHertz(Samples(streams, "time")!, Samples(streams, "watts")!);
        StreamPreparation.RepairPowerDropouts(grid);
        var wbal = WPrimeBalance.Compute(grid, ftp, WPrime)!.Summary;
        var decoupling = AerobicDecoupling.Compute(watts, heartRate)!;
        var summary = PowerMetrics.Summarize(watts, ftp);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var result = await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", ride.Id), ("analysis_type", "detailed"));
        var single = result.Structured().GetProperty("single");
        Assert.Equal("analyzed", single.GetProperty("status").GetString());
        Assert.Equal(ride.Id, single.GetProperty("activity").GetProperty("id").GetString());
        var detailed = single.GetProperty("detailed");

        var sportInfo = store.FindWellness(Ada, ride.LocalDate)!.SportInfo!.Single(s => s.Type == "Ride");
        var anchors = detailed.GetProperty("anchors");
        Assert.Equal(Math.Round(sportInfo.Eftp!.Value, 1), anchors.GetProperty("eftp_w").GetDouble(), 3);
        Assert.Equal("intervals_wellness", anchors.GetProperty("eftp_source").GetString());
        Assert.Equal(WPrime, anchors.GetProperty("w_prime_j").GetDouble());
        Assert.Equal(900, anchors.GetProperty("pmax_w").GetDouble());
        Assert.Equal(Iso(ride.LocalDate), anchors.GetProperty("as_of").GetString());

        var depletion = detailed.GetProperty("w_prime");
        Assert.Equal(Math.Round(wbal.MaxDepletionJoules), depletion.GetProperty("max_depletion_j").GetDouble());
        Assert.Equal(wbal.MaxDepletionJoules / WPrime * 100, depletion.GetProperty("max_depletion_pct").GetDouble(), 0.06);
        Assert.Equal(wbal.SecondsBelowQuarter, depletion.GetProperty("time_below_quarter_s").GetInt32());
        Assert.False(string.IsNullOrEmpty(depletion.GetProperty("reading").GetString()));

        var signed = detailed.GetProperty("decoupling");
        Assert.Equal(decoupling.Percent, signed.GetProperty("pct").GetDouble(), 0.006);
        var expectedDirection = decoupling.Percent < 0 ? "improving" : decoupling.Percent < 5 ? "stable" : "drifting";
        Assert.Equal(expectedDirection, signed.GetProperty("direction").GetString());
        Assert.Equal(decoupling.Percent < 5 ? "durable" : decoupling.Percent < 10 ? "moderate" : "low", signed.GetProperty("durability").GetString());

        var (low, high) = (55 * ftp / 100.0, 75 * ftp / 100.0);
        var z2Watts = new List<double>();
        var z2Hr = new List<double>();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] > low && raw[i] <= high && heartRate[i] > 0)
            {
                z2Watts.Add(raw[i]);
                z2Hr.Add(heartRate[i]);
            }
        }

        if (z2Watts.Count >= 600)
        {
            var z2 = detailed.GetProperty("z2_stability");
            Assert.Equal("power", z2.GetProperty("basis").GetString());
            Assert.Equal(z2Watts.Count, z2.GetProperty("time_s").GetInt32());
            Assert.Equal(Math.Round(AerobicDecoupling.Compute(z2Watts.ToArray(), z2Hr.ToArray())!.Percent, 2), z2.GetProperty("decoupling_pct").GetDouble(), 3);
            Assert.Equal(Math.Round(z2Hr.Average(), 1), z2.GetProperty("avg_hr_bpm").GetDouble(), 3);
        }
        else
        {
            Assert.Contains("zone 2", detailed.UnavailableByMetric()["z2_stability"], StringComparison.Ordinal);
        }

        var terrain = detailed.GetProperty("cadence_terrain");
        var cadence = Samples(streams, "cadence")!.Where(c => double.IsFinite(c) && c > 0).ToList();
        Assert.Equal(Math.Round(cadence.Average(), 1), terrain.GetProperty("avg_cadence_rpm").GetDouble(), 3);
        var km = (ride.IcuDistance ?? ride.Distance)!.Value / 1000;
        if (ride.Trainer == true)
        {
            Assert.Equal("indoor (no terrain)", terrain.GetProperty("terrain").GetString());
        }
        else
        {
            Assert.Equal(Math.Round(ride.TotalElevationGain!.Value / km, 1), terrain.GetProperty("gain_per_km_m").GetDouble(), 3);
        }

        var nutrition = detailed.GetProperty("nutrition");
        var kcal = (int)Math.Round(Math.Round(summary.WorkJoules / 1000, 1));
        Assert.Equal(kcal, nutrition.GetProperty("energy_kcal").GetInt32());
        var intensity = Math.Round(summary.IntensityFactor!.Value, 3);
        var share = intensity switch { < 0.6 => 0.45, < 0.7 => 0.55, < 0.8 => 0.65, < 0.9 => 0.75, < 1.0 => 0.85, _ => 0.95 };
        Assert.Equal((int)Math.Round(kcal * share / 4), nutrition.GetProperty("carbs_g").GetInt32());
        Assert.Contains("estimate", nutrition.GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.Equal(Math.Round(summary.NormalizedPower!.Value, 1), detailed.GetProperty("metrics").GetProperty("np_w").GetDouble(), 0.051);
        Assert.Contains("Decoupling", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intervals_give_a_rep_by_rep_table_equal_to_the_sandbox_intervals()
    {
        var store = Host.Store();
        var ride = HardRide();
        var expected = store.GetIntervals(ride.Id).Intervals;
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var json = (await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", ride.Id), ("analysis_type", "intervals"))).Structured();
        var view = json.GetProperty("single").GetProperty("intervals");
        var reps = view.GetProperty("reps").EnumerateArray().ToList();

        Assert.Equal(expected.Count, reps.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i + 1, reps[i].GetProperty("rep").GetInt32());
            Assert.Equal(expected[i].Type, reps[i].GetProperty("type").GetString());
            Assert.Equal(expected[i].MovingTime, reps[i].GetProperty("duration_s").GetInt32());
            Assert.Equal(expected[i].AverageWatts, reps[i].Optional("avg_power_w")?.GetInt32());
        }

        var work = expected.Where(x => x.Type == "WORK" && x.Label is not "Warmup" and not "Cooldown").ToList();
        var summary = view.GetProperty("work");
        Assert.Equal(work.Count, summary.GetProperty("work_reps").GetInt32());
        Assert.Equal(work.Sum(x => x.MovingTime), summary.GetProperty("work_time_s").GetInt32());
        if (work.Count >= 2)
        {
            var first = work[0].AverageWatts!.Value;
            Assert.Equal(Math.Round((work[^1].AverageWatts!.Value - first) * 100.0 / first, 1), summary.GetProperty("last_vs_first_output_pct").GetDouble(), 3);
        }
    }

    [Fact]
    public async Task Streams_give_min_avg_max_per_stream_and_summary_gives_intervals_icu_numbers()
    {
        var store = Host.Store();
        var run = store.GetActivities(SandboxPrincipals.RunnerId).Where(a => !a.IsStravaStub).Reverse().First(a => a.Type == "Run" && a.MovingTime >= 1800);
        var streams = store.GetStreams(run.Id);
        await using var client = await Host.ConnectIntentsAsync("Runner");

        var json = (await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", run.Id), ("analysis_type", "streams"))).Structured();
        var stats = json.GetProperty("single").GetProperty("streams").GetProperty("streams").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stream").GetString()!);

        var hr = Samples(streams, "heartrate")!.Where(v => double.IsFinite(v) && v > 0).ToList();
        Assert.Equal(hr.Count, stats["heart_rate"].GetProperty("samples").GetInt32());
        Assert.Equal(Math.Round(hr.Min(), 1), stats["heart_rate"].GetProperty("min").GetDouble(), 3);
        Assert.Equal(Math.Round(hr.Average(), 1), stats["heart_rate"].GetProperty("avg").GetDouble(), 3);
        var speed = Samples(streams, "velocity_smooth")!.Where(double.IsFinite).Select(v => v * 3.6).ToList();
        Assert.Equal("km/h", stats["speed"].GetProperty("unit").GetString());
        Assert.Equal(Math.Round(speed.Max(), 1), stats["speed"].GetProperty("max").GetDouble(), 3);
        var altitude = Samples(streams, "altitude")!.Where(double.IsFinite).ToList();
        Assert.Equal(Math.Round(altitude.Min(), 1), stats["altitude"].GetProperty("min").GetDouble(), 3);
        Assert.False(stats.ContainsKey("power"), "the sandbox runner records no power");

        var summary = (await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", run.Id))).Structured().GetProperty("single").GetProperty("summary");
        Assert.Equal(run.Id, summary.GetProperty("id").GetString());
        Assert.Equal(run.IcuTrainingLoad, summary.GetProperty("summary").GetProperty("load").GetInt32());
        Assert.Equal(run.MovingTime, summary.GetProperty("summary").GetProperty("moving_time_s").GetInt32());
        Assert.Null(summary.Optional("intervals"));
    }

    [Fact]
    public async Task A_date_finds_the_session_an_ambiguous_date_lists_candidates_and_an_empty_date_lists_nearby_sessions()
    {
        var store = Host.Store();
        var ride = HardRide();
        await using var ada = await Host.ConnectIntentsAsync("Cyclist");

        var byDate = (await ada.CallAsync(Tool, ("target_type", "single"), ("date", Iso(ride.LocalDate)), ("analysis_type", "streams"))).Structured().GetProperty("single");
        var onDay = store.GetActivities(Ada, ride.LocalDate, ride.LocalDate).Where(a => !a.IsStravaStub).ToList();
        Assert.Single(onDay);
        Assert.Equal(ride.Id, byDate.GetProperty("activity").GetProperty("id").GetString());

        var today = store.Today(Ada);
        var restDay = Enumerable.Range(1, 60).Select(i => today.AddDays(-i)).First(d => store.GetActivities(Ada, d, d).Count == 0);
        var empty = (await ada.CallAsync(Tool, ("target_type", "single"), ("date", Iso(restDay)))).Structured().GetProperty("single");
        Assert.Equal("no_activity", empty.GetProperty("status").GetString());
        var nearby = store.GetActivities(Ada, restDay.AddDays(-3), restDay.AddDays(3)).Select(a => a.Id).ToHashSet();
        var candidates = empty.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, id => Assert.Contains(id, nearby));

        var cleoToday = store.Today(SandboxPrincipals.TriathleteId);
        var busy = Enumerable.Range(1, 60).Select(i => cleoToday.AddDays(-i))
            .First(d => store.GetActivities(SandboxPrincipals.TriathleteId, d, d).Count(a => !a.IsStravaStub) >= 2
                && store.GetActivities(SandboxPrincipals.TriathleteId, d, d).Select(a => a.Name).Distinct().Count() == store.GetActivities(SandboxPrincipals.TriathleteId, d, d).Count);
        var sessions = store.GetActivities(SandboxPrincipals.TriathleteId, busy, busy);
        await using var cleo = await Host.ConnectIntentsAsync("Triathlete");
        var ambiguous = (await cleo.CallAsync(Tool, ("target_type", "single"), ("date", Iso(busy)))).Structured().GetProperty("single");
        Assert.Equal("ambiguous", ambiguous.GetProperty("status").GetString());
        Assert.Equal(sessions.Select(a => a.Id).Order(StringComparer.Ordinal),
            ambiguous.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

        var pick = sessions.First(a => !a.IsStravaStub);
        var filtered = (await cleo.CallAsync(Tool, ("target_type", "single"), ("date", Iso(busy)), ("description_contains", pick.Name!.ToUpperInvariant())))
            .Structured().GetProperty("single");
        Assert.Equal(pick.Id, filtered.GetProperty("summary").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_strava_stub_is_explained_and_bad_single_arguments_are_refused()
    {
        var stub = Host.Store().GetActivities(Ada).First(a => a.IsStravaStub);
        await using var client = await Host.ConnectIntentsAsync("Cyclist");

        var single = (await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", stub.Id), ("analysis_type", "detailed"))).Structured().GetProperty("single");
        Assert.Contains("Strava", single.GetProperty("strava_stub").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Null(single.Optional("detailed"));

        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "single")), "date", "activity_id");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", "i1; DROP")), "activity_id", "activity id");
        AssertBadArgument(await client.CallAsync(Tool, ("target_type", "single"), ("date", "yesterday")), "date", "YYYY-MM-DD");
        var foreign = Host.Store().GetActivities(SandboxPrincipals.RunnerId).First(a => !a.IsStravaStub);
        var refused = await client.CallAsync(Tool, ("target_type", "single"), ("activity_id", foreign.Id));
        Assert.True(refused.IsError);
        Assert.Contains("not one of Ada Cyclist's activities", refused.Text(), StringComparison.Ordinal);
    }
}
