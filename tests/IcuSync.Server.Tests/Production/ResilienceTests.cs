using IcuSync.Sandbox;
using IcuSync.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Production;

/// <summary>
/// Intervals.icu misbehaving under the real host: latency spikes, 429 storms, 500s and dropped connections become
/// advice within the configured budget, writes are never half-done, and other principals keep being served.
/// Each test gets its own host because faults are switched on the shared sandbox.
/// </summary>
public sealed class ResilienceTests
{
    private static readonly Dictionary<string, string?> ShortBudgets = new()
    {
        ["Intervals:RequestTimeout"] = "00:00:01",
        ["Intervals:TotalTimeout"] = "00:00:04",
        ["Intervals:RetryBaseDelay"] = "00:00:00.050",
        ["Intervals:RetryMaxDelay"] = "00:00:00.200",
        ["Intervals:MaxRetryAfter"] = "00:00:01",
        ["Cache:Activities"] = "00:00:00",
        ["Cache:Events"] = "00:00:00",
    };

    [Fact]
    public async Task A_latency_spike_longer_than_the_request_timeout_becomes_try_again_advice()
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: ShortBudgets);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        await client.CallToolAsync("get_athlete_profile", Args());
        host.Server.Sandbox!.Faults.Latency = TimeSpan.FromSeconds(3);

        var result = await client.CallToolAsync("get_training_history", Args());

        Assert.True(result.IsError);
        Assert.Contains("did not answer in time", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_storm_becomes_wait_advice_with_the_retry_after()
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: ShortBudgets);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        await client.CallToolAsync("get_athlete_profile", Args());
        host.Server.Sandbox!.Faults.ThrottleRate = 1;

        var result = await client.CallToolAsync("get_training_history", Args());

        Assert.True(result.IsError);
        Assert.Contains("rate limiting", result.Text(), StringComparison.Ordinal);
        Assert.Contains("try again", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("drop")]
    public async Task Server_errors_and_dropped_connections_become_outage_advice_and_nothing_is_written(string fault)
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: ShortBudgets);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        var store = host.Server.Sandbox!.Store;
        await client.CallToolAsync("get_athlete_profile", Args());
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var push = Args(("date", day), ("name", "Outage test"), ("sport", "Ride"), ("description", "- 10m 60%\n- 20m 85%\n- 10m 55%"));
        var preview = await client.CallToolAsync("push_workout", push);
        Assert.True(preview.IsError is not true, preview.Text());
        var code = preview.Structured().GetProperty("confirm").GetString();
        var before = Count(store);

        if (fault == "500")
        {
            host.Server.Sandbox.Faults.ServerErrorRate = 1;
        }
        else
        {
            host.Server.Sandbox.Faults.DropRate = 1;
        }

        push["confirm"] = code;
        var write = await client.CallToolAsync("push_workout", push);
        Assert.True(write.IsError);
        Assert.Contains("not reachable", write.Text(), StringComparison.Ordinal);
        Assert.Equal(before, Count(store));

        host.Server.Sandbox.Faults.Reset();
        var retry = await client.CallToolAsync("push_workout", push);
        Assert.True(retry.IsError is not true, retry.Text());
        Assert.Equal(before + 1, Count(store));
        var again = await client.CallToolAsync("push_workout", push);
        Assert.True(again.IsError is not true, again.Text());
        Assert.Equal(before + 1, Count(store));
    }

    [Fact]
    public async Task While_one_athletes_upstream_calls_hang_other_principals_are_served()
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: ShortBudgets);
        await using var cyclist = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        await using var runner = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("runner"));
        await cyclist.CallToolAsync("get_athlete_profile", Args());
        var warm = await runner.CallToolAsync("get_athlete_profile", Args());
        Assert.True(warm.IsError is not true, warm.Text());

        host.Server.Sandbox!.Faults.Latency = TimeSpan.FromSeconds(3);
        var hanging = Enumerable.Range(0, 4).Select(_ => cyclist.CallToolAsync("get_training_history", Args()).AsTask()).ToList();
        var served = await runner.CallToolAsync("get_athlete_profile", Args());

        Assert.True(served.IsError is not true, served.Text());
        Assert.Contains(hanging, call => !call.IsCompleted);
        var results = await Task.WhenAll(hanging);
        Assert.All(results, r => Assert.True(r.IsError));
    }

    private static int Count(SandboxStore store) =>
        store.GetEvents(SandboxPrincipals.CyclistId, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)).Count;

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}

/// <summary>IcuSync's per-credential budget keeps one athlete's concurrent tool calls under Intervals.icu's ~10 requests per second.</summary>
public sealed class UpstreamBudgetTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Concurrent_calls_of_one_athlete_stay_under_the_upstream_rate_limit_only_with_the_budget(bool budget)
    {
        var settings = new Dictionary<string, string?> { ["Cache:Activities"] = "00:00:00" };
        if (!budget)
        {
            settings["Intervals:RequestsPerSecond"] = "1000";
            settings["Intervals:Burst"] = "1000";

            // A tighter upstream limit than Intervals.icu's, so the unbudgeted burst trips it even when a busy machine
            // spreads the 40 calls over several seconds (at 10 per second with a burst of 10 it sometimes did not).
            settings["Sandbox:RateLimitPerSecond"] = "2";
            settings["Sandbox:RateLimitBurst"] = "2";
        }

        await using var host = await IcuSyncTestHost.StartAsync(settings: settings);
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        await client.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>());
        var log = host.Server.Sandbox!.Requests;
        var before = log.Total;

        var calls = Enumerable.Range(1, 40).Select(i => client.CallToolAsync("get_training_history", new Dictionary<string, object?>
        {
            ["start_date"] = new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }).AsTask());
        var results = await Task.WhenAll(calls);

        Assert.True(log.Total - before >= 15);
        if (budget)
        {
            Assert.All(results, r => Assert.True(r.IsError is not true, r.Text()));
            Assert.Equal(0, log.Throttled);
        }
        else
        {
            // Without the budget the burst runs into the upstream limit; what retries cannot absorb is wait advice.
            Assert.True(log.Throttled > 0, "without IcuSync's budget the sandbox's own limit must have refused some requests");
            Assert.All(results.Where(r => r.IsError is true), r => Assert.Contains("rate limiting", r.Text(), StringComparison.Ordinal));
        }
    }
}
