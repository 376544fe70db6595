using System.Text.Json;
using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using static IcuSync.Server.Tests.Infrastructure.SandboxKit;

namespace IcuSync.Server.Tests.Tools.Activity;

/// <summary>get_best_efforts against the sandbox's streams and athlete curves.</summary>
public sealed class BestEffortsToolTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private IcuSyncTestHost Host => fixture.Host;

    [Fact]
    public async Task Power_bests_over_the_default_90_days_match_the_best_windows_of_the_sandbox_rides()
    {
        var store = Host.Store();
        var today = store.Today(SandboxPrincipals.CyclistId);
        var start = today.AddDays(-89);
        int[] durations = [5, 60, 300, 1200];
        var expected = durations.ToDictionary(d => d, _ => (Watts: double.MinValue, ActivityId: "", Date: default(DateOnly)));
        foreach (var ride in store.GetActivities(SandboxPrincipals.CyclistId, start, today).Where(a => !a.IsStravaStub && RideTypes.Contains(a.Type)))
        {
            if (Samples(store.GetStreams(ride.Id), "watts") is not { } watts)
            {
                continue;
            }

            foreach (var d in durations)
            {
                if (BestWindow(watts, d) is { } best && best > expected[d].Watts)
                {
                    expected[d] = (best, ride.Id, ride.LocalDate);
                }
            }
        }

        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var result = await client.CallToolAsync("get_best_efforts", new Dictionary<string, object?> { ["durations"] = durations });
        var json = result.Structured();

        Assert.Equal($"{Iso(start)}..{Iso(today)}", json.GetProperty("range").GetString());
        Assert.Equal("Ride", json.GetProperty("sport").GetString());
        var rows = json.GetProperty("efforts").EnumerateArray().ToList();
        Assert.Equal(durations.Length, rows.Count);
        foreach (var row in rows)
        {
            var d = row.GetProperty("duration_s").GetInt32();
            Assert.Equal((int)Math.Round(expected[d].Watts), row.GetProperty("power_w").GetInt32());
            Assert.Equal(expected[d].ActivityId, row.GetProperty("activity_id").GetString());
            Assert.Equal(Iso(expected[d].Date), row.GetProperty("date").GetString());
        }
    }

    [Fact]
    public async Task Pace_bests_for_distances_match_the_sandbox_pace_curve()
    {
        var today = Host.Store().Today(SandboxPrincipals.RunnerId);
        var start = today.AddDays(-179);
        var curve = (await Host.SandboxGetAsync(SandboxPrincipals.RunnerApiKey,
            $"api/v1/athlete/{SandboxPrincipals.RunnerId}/pace-curves.json?type=Run&curves=r.{Iso(start)}.{Iso(today)}"))
            .GetProperty("list")[0];
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Runner"));

        var result = await client.CallToolAsync("get_best_efforts", new Dictionary<string, object?>
        {
            ["metric"] = "pace",
            ["start_date"] = Iso(start),
            ["distances"] = new[] { 1000.0, 5000.0 },
        });
        var rows = result.Structured().GetProperty("efforts").EnumerateArray().ToList();

        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var meters = row.GetProperty("distance_m").GetDouble();
            var index = curve.GetProperty("distance").EnumerateArray().Select(d => d.GetDouble()).ToList().IndexOf(meters);
            Assert.True(index >= 0, $"the sandbox curve has no {meters} m point");
            var seconds = curve.GetProperty("values")[index].GetInt32();
            Assert.Equal(seconds, row.GetProperty("time_s").GetInt32());
            Assert.Equal(curve.GetProperty("activity_id")[index].GetString(), row.GetProperty("activity_id").GetString());
            Assert.EndsWith("/km", row.GetProperty("pace").GetString(), StringComparison.Ordinal);
        }

        var fiveK = rows.Single(r => r.GetProperty("distance_m").GetDouble() == 5000);
        var paceSeconds = 1000.0 * fiveK.GetProperty("time_s").GetInt32() / 5000;
        Assert.Equal($"{(int)Math.Round(paceSeconds) / 60}:{(int)Math.Round(paceSeconds) % 60:00}/km", fiveK.GetProperty("pace").GetString());
    }

    [Fact]
    public async Task Heart_rate_bests_match_the_sandbox_hr_curve()
    {
        var today = Host.Store().Today(SandboxPrincipals.CyclistId);
        var start = today.AddDays(-59);
        var curve = (await Host.SandboxGetAsync(SandboxPrincipals.CyclistApiKey,
            $"api/v1/athlete/{SandboxPrincipals.CyclistId}/hr-curves.json?curves=r.{Iso(start)}.{Iso(today)}"))
            .GetProperty("list")[0];
        var secs = curve.GetProperty("secs").EnumerateArray().Select(s => s.GetInt32()).ToList();
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));

        var result = await client.CallToolAsync("get_best_efforts", new Dictionary<string, object?>
        {
            ["metric"] = "hr",
            ["start_date"] = Iso(start),
            ["durations"] = new[] { 60, 1200 },
        });
        var rows = result.Structured().GetProperty("efforts").EnumerateArray().ToList();

        foreach (var row in rows)
        {
            var index = secs.IndexOf(row.GetProperty("duration_s").GetInt32());
            Assert.Equal(curve.GetProperty("values")[index].GetInt32(), row.GetProperty("hr_bpm").GetInt32());
            Assert.Equal(curve.GetProperty("activity_id")[index].GetString(), row.GetProperty("activity_id").GetString());
        }

        Assert.Equal(2, rows.Count);
        Assert.Contains("bpm", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start_date", "2024-01-01", null, null, "366 days")]
    [InlineData("metric", null, "watts", null, "power, hr, pace")]
    [InlineData("distances", null, "power", "[1000]", "durations in seconds")]
    [InlineData("durations", null, "pace", "[60]", "distances in meters")]
    [InlineData("durations", null, "power", "[0]", "from 1 to 86400")]
    public async Task Bad_arguments_are_refused_naming_the_argument_and_the_accepted_form(
        string argument, string? startDate, string? metric, string? list, string acceptedForm)
    {
        await using var client = await IcuSyncTestHost.ConnectAsync(Host.DemoUrl("Cyclist"));
        var args = new Dictionary<string, object?>();
        if (startDate is not null)
        {
            args["start_date"] = startDate;
            args["end_date"] = "2025-06-30";
        }

        if (metric is not null)
        {
            args["metric"] = metric;
        }

        if (list is not null)
        {
            args[argument] = JsonSerializer.Deserialize<JsonElement>(list);
        }

        var result = await client.CallToolAsync("get_best_efforts", args);

        Assert.True(result.IsError);
        Assert.Contains($"'{argument}'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(acceptedForm, result.Text(), StringComparison.Ordinal);
    }

    private static double? BestWindow(double[] samples, int duration)
    {
        if (samples.Length < duration)
        {
            return null;
        }

        var sum = 0.0;
        for (var i = 0; i < duration; i++)
        {
            sum += double.IsNaN(samples[i]) ? 0 : samples[i];
        }

        var best = sum;
        for (var i = duration; i < samples.Length; i++)
        {
            sum += (double.IsNaN(samples[i]) ? 0 : samples[i]) - (double.IsNaN(samples[i - duration]) ? 0 : samples[i - duration]);
            best = Math.Max(best, sum);
        }

        return best / duration;
    }
}
