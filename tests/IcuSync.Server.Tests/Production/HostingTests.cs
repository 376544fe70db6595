using System.Net;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Hosting;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using StackExchange.Redis;

namespace IcuSync.Server.Tests.Production;

/// <summary>Health endpoints, rate limits, metrics, the Redis second level and graceful shutdown of the real host.</summary>
public sealed class HostingTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Ready_checks_the_database_and_intervals_and_live_needs_neither()
    {
        await using var host = await IcuSyncTestHost.StartAsync();
        using var live = await Http.GetAsync(new Uri(host.BaseAddress, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // The built-in sandbox builds its data at its first request; until then ready says "degraded" (next test).
        host.Server.Sandbox!.WarmUp();
        await host.Server.Sandbox.Ready;

        using var ready = await Http.GetAsync(new Uri(host.BaseAddress, "/health/ready"));
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("intervals").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_server_leaves_the_key_ring_to_load_on_first_use_and_still_protects_with_it()
    {
        // Razor Pages' antiforgery registers Data Protection again after the accounts do; its key-ring loader (the
        // process's first EF Core query at start) must still be gone from the started server.
        await using var host = await IcuSyncTestHost.StartAsync();

        var hosted = host.Server.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.DoesNotContain("DataProtectionHostedService", hosted);
        var protector = host.Server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("kept", protector.Unprotect(protector.Protect("kept")));
    }

    [Fact]
    public async Task Ready_says_degraded_while_the_built_in_sandbox_generates_its_data_then_healthy()
    {
        // Opened, not started: nothing is generated until the first connection or probe; the probe starts it.
        var options = new SandboxOptions { Seed = 9_002, HistoryDays = 3_650, Today = new DateOnly(2026, 5, 15) };
        await using var sandbox = SandboxServer.Open(options);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var check = new IntervalsReachabilityCheck(
            services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new IntervalsClientOptions { BaseAddress = sandbox.BaseAddress }),
            sandbox);

        var warming = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
        await sandbox.Ready;
        var warmed = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Degraded, warming.Status);
        Assert.Contains("still generating", warming.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, warmed.Status);
    }

    [Fact]
    public async Task An_mcp_call_made_before_the_built_in_sandbox_is_ready_waits_and_gets_the_full_answer()
    {
        // A seed no other test uses, so the host's sandbox really generates while the first call is made.
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Sandbox:Seed"] = "9003" });
        var sandbox = host.Server.Sandbox!;
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        Assert.False(sandbox.IsReady);

        var early = await client.CallToolAsync("get_training_history", new Dictionary<string, object?>());

        Assert.True(sandbox.IsReady);
        Assert.NotEqual(true, early.IsError);
        var newest = sandbox.Store.GetActivities(SandboxPrincipals.CyclistId).Last(a => !a.IsStravaStub);
        var text = JsonSerializer.Serialize(early.StructuredContent) + JsonSerializer.Serialize(early.Content);
        Assert.Contains(newest.Id, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_fails_with_503_naming_intervals_when_upstream_is_unreachable()
    {
        var closedPort = TestServices.FreePort();
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Intervals:BaseAddress"] = $"http://127.0.0.1:{closedPort}/",
        });
        using var ready = await Http.GetAsync(new Uri(host.BaseAddress, "/health/ready"));
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("intervals").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        using var live = await Http.GetAsync(new Uri(host.BaseAddress, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_token_over_its_mcp_rate_gets_429_with_retry_after_and_other_tokens_are_unaffected()
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:McpPerTokenBurst"] = "3",
            ["RateLimits:McpPerTokenPerSecond"] = "1",
        });
        var cyclist = host.DemoUrl("cyclist");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await PostPingAsync(cyclist);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            response.Dispose();
        }

        Assert.NotNull(refused);
        Assert.True(statuses.Count >= 4, string.Join(",", statuses));
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 });
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Too many requests", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        refused.Dispose();

        using var other = await PostPingAsync(host.DemoUrl("runner"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Form_posts_over_the_per_address_rate_get_429()
    {
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:FormsPerIpBurst"] = "2",
            ["RateLimits:FormsPerIpPerMinute"] = "1",
        });
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await Http.PostAsync(new Uri(host.BaseAddress, "/signin"), new FormUrlEncodedContent([new("api_key", "x")]));
            codes.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, codes.Take(2));
    }

    [Fact]
    public async Task With_redis_configured_cached_reads_are_stored_in_redis_under_the_instance_prefix()
    {
        var prefix = $"icusync-test-{Guid.NewGuid():N}:";
        await using var host = await IcuSyncTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = TestServices.Redis,
            ["Redis:InstanceName"] = prefix,
        });
        await using (var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist")))
        {
            Assert.NotEqual(true, (await client.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>())).IsError);
        }

        // HybridCache may finish its write to the second level just after the call is answered: wait for it (10 s).
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var keys = redis.GetServers()[0].Keys(pattern: prefix + "*").ToList();
        for (var waited = 0; keys.Count == 0 && waited < 100; waited++)
        {
            await Task.Delay(100);
            keys = redis.GetServers()[0].Keys(pattern: prefix + "*").ToList();
        }

        Assert.NotEmpty(keys);
    }

    [Fact]
    public async Task Stopping_the_host_lets_an_in_flight_tool_call_finish()
    {
        await using var host = await IcuSyncTestHost.StartAsync();
        await using var client = await IcuSyncTestHost.ConnectAsync(host.DemoUrl("cyclist"));
        await client.CallToolAsync("get_athlete_profile", new Dictionary<string, object?>());
        host.Server.Sandbox!.Faults.Latency = TimeSpan.FromMilliseconds(1500);
        var call = client.CallToolAsync("get_training_history", new Dictionary<string, object?>()).AsTask();
        await Task.Delay(500);
        var stop = host.Server.App.StopAsync();
        var result = await call;
        await stop;
        Assert.True(result.IsError is not true, result.Text());
        Assert.True(result.Structured().GetProperty("activities").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_stop_while_the_demo_accounts_are_seeded_stops_the_server_and_frees_its_port()
    {
        // The demo seeding runs after the server started listening; a stop signal then must not leave it running.
        var data = Directory.CreateTempSubdirectory("icusync-seeding-").FullName;
        var port = TestServices.FreePort();
        var seeder = new StalledSeeder();
        using var stop = new CancellationTokenSource();
        try
        {
            var start = ServerApp.StartAsync(
                ["--urls", $"http://127.0.0.1:{port}", "--Database:ConnectionString", $"Data Source={Path.Combine(data, "icusync.db")}",
                 "--Smtp:PickupDirectory", Path.Combine(data, "mail")],
                builder => builder.Services.AddSingleton<IDemoSeeder>(seeder),
                stop.Token);
            await seeder.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using (var live = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live")))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            await stop.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A demo seeder that waits until the start is cancelled.</summary>
    private sealed class StalledSeeder : IDemoSeeder
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Not reached.");
        }
    }

    private static Task<HttpResponseMessage> PostPingAsync(string mcpUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return Http.SendAsync(request);
    }
}

/// <summary>
/// Runs alone: the server's meter is process-wide, so tool calls of tests running in parallel would be counted by this
/// host's exporter too and the exact counts below would drift.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Metrics_count_tool_calls_upstream_requests_and_cache_use_without_any_token()
    {
        await using var host = await IcuSyncTestHost.StartAsync();
        var url = host.DemoUrl("cyclist");
        await using (var client = await IcuSyncTestHost.ConnectAsync(url))
        {
            Assert.NotEqual(true, (await client.CallToolAsync("get_fitness", new Dictionary<string, object?>())).IsError);
            Assert.NotEqual(true, (await client.CallToolAsync("get_fitness", new Dictionary<string, object?>())).IsError);
            Assert.True((await client.CallToolAsync("get_fitness", new Dictionary<string, object?> { ["start_date"] = "yesterday" })).IsError);
        }

        var text = await Http.GetStringAsync(new Uri(host.BaseAddress, "/metrics"));
        Assert.Matches("icusync_tool_calls(_total)?\\{[^}]*outcome=\"ok\"[^}]*tool=\"get_fitness\"[^}]*\\} 2", text);
        Assert.Matches("icusync_tool_calls(_total)?\\{[^}]*outcome=\"error\"[^}]*tool=\"get_fitness\"[^}]*\\} 1", text);
        Assert.Matches("icusync_tool_duration_seconds_bucket\\{", text);
        Assert.Matches("icusync_upstream_requests(_total)?\\{[^}]*operation=\"[a-zA-Z]+\"", text);
        Assert.Matches("icusync_cache_lookups(_total)?\\{[^}]*endpoint=\"athlete\"[^}]*result=\"hit\"", text);
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (runs alone)";
}
