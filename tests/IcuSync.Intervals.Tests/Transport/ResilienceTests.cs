using Microsoft.Extensions.Time.Testing;

namespace IcuSync.Intervals.Tests.Transport;

public sealed class ResilienceTests
{
    private static readonly Dictionary<string, string> RetryAfterZero = new() { ["Retry-After"] = "0" };

    private static CancellationToken Ct => TestTimeout.Token;

    private static EventDto Workout(string? externalId = null) => new()
    {
        Category = EventDto.WorkoutCategory,
        StartDateLocal = new DateTime(2026, 5, 20),
        Type = "Ride",
        Name = "3x8 threshold",
        Description = "- 10m 60%\n- 8m 100%",
        ExternalId = externalId,
    };

    [Fact]
    public async Task A_429_is_retried_only_after_the_Retry_After_wait_has_passed()
    {
        await using var server = ScriptedServer.Start((_, n) => n == 1
            ? new ScriptedResponse(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "7" })
            : ScriptedResponse.Ok("[]"));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var harness = new Harness(server.BaseAddress, o =>
        {
            o.RequestTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(10);
        }, time);

        var call = harness.Client.ListWellnessAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 7), Ct);
        var advanced = TimeSpan.Zero;
        for (var step = 0; step < 400 && !call.IsCompleted; step++)
        {
            if (server.Requests.Count >= 1)
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                advanced += TimeSpan.FromMilliseconds(500);
            }

            await Task.Delay(10, Ct);
        }

        var result = await call;
        Assert.Empty(result);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(advanced >= TimeSpan.FromSeconds(7), $"The retry came after only {advanced} of the 7 s Retry-After.");
    }

    [Fact]
    public async Task A_429_storm_longer_than_the_retry_budget_fails_with_a_rate_limit_error()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(429, Headers: RetryAfterZero));
        using var harness = new Harness(server.BaseAddress, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        Assert.Equal(IntervalsErrorKind.RateLimited, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("rate limiting", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_client_will_wait_fails_at_once_and_says_how_long()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "120" }));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        Assert.Equal(IntervalsErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Contains("120 s", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_Retry_After_given_as_a_date_is_measured_on_the_clients_clock()
    {
        var now = DateTimeOffset.Parse("2026-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var time = new FakeTimeProvider(now);
        await using var server = ScriptedServer.Always(new ScriptedResponse(429, Headers: new Dictionary<string, string>
        {
            ["Retry-After"] = now.AddSeconds(90).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        }));
        using var harness = new Harness(server.BaseAddress, o => o.MaxRetryAfter = TimeSpan.FromSeconds(30), time);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.ListGearAsync(Harness.ApiKey, "i1", Ct));

        Assert.Equal(IntervalsErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_read_is_retried_after_server_errors_and_then_succeeds()
    {
        await using var server = ScriptedServer.Start((_, n) => n switch
        {
            1 => new ScriptedResponse(503, "<html>Service Unavailable</html>"),
            2 => new ScriptedResponse(500, """{"status":500,"error":"java.lang.NullPointerException"}"""),
            _ => ScriptedResponse.Ok("""[{"id":"2026-05-01","ctl":50.5}]"""),
        });
        using var harness = new Harness(server.BaseAddress);

        var days = await harness.Client.ListWellnessAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), Ct);

        Assert.Equal(50.5, Assert.Single(days).Ctl);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_plain_create_is_never_repeated_after_a_server_error()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(500, """{"status":500,"error":"boom"}"""));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.CreateEventAsync(Harness.ApiKey, "i1", Workout(), Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_plain_create_is_never_repeated_after_it_timed_out()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)));
        using var harness = new Harness(server.BaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.CreateEventAsync(Harness.ApiKey, "i1", Workout(), Ct));

        Assert.Equal(IntervalsErrorKind.Timeout, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_plain_create_refused_with_429_is_sent_again()
    {
        await using var server = ScriptedServer.Start((_, n) => n == 1
            ? new ScriptedResponse(429, Headers: RetryAfterZero)
            : ScriptedResponse.Ok("""{"id":77,"category":"WORKOUT","start_date_local":"2026-05-20T00:00:00"}"""));
        using var harness = new Harness(server.BaseAddress);

        var created = await harness.Client.CreateEventAsync(Harness.ApiKey, "i1", Workout(), Ct);

        Assert.Equal(77, created.Id);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_bulk_upsert_by_external_id_is_retried_after_a_server_error()
    {
        await using var server = ScriptedServer.Start((_, n) => n == 1
            ? new ScriptedResponse(502, "Bad Gateway")
            : ScriptedResponse.Ok("""[{"id":78,"external_id":"icusync-1"}]"""));
        using var harness = new Harness(server.BaseAddress);

        var events = await harness.Client.UpsertEventsAsync(Harness.ApiKey, "i1", [Workout("icusync-1")], Ct);

        Assert.Equal("icusync-1", Assert.Single(events).ExternalId);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(r.Body, server.Requests[0].Body));
    }

    [Fact]
    public async Task A_read_that_times_out_is_retried_and_succeeds()
    {
        await using var server = ScriptedServer.Start((_, n) => n == 1
            ? new ScriptedResponse(200, "[]", Delay: TimeSpan.FromSeconds(5))
            : ScriptedResponse.Ok("""[{"id":"i9","type":"Run"}]"""));
        using var harness = new Harness(server.BaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var activities = await harness.Client.ListActivitiesAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 1), cancellationToken: Ct);

        Assert.Equal("Run", Assert.Single(activities).Type);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_when_the_overall_budget_is_spent()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(503, "down"));
        // More retries than the budget allows (the most the options accept, 200–400 ms apart with jitter, so about ten fit in
        // 2.5 s; all 21 attempts would mean the budget did not stop them). The per-attempt timeout is generous: on a loaded CI
        // machine a 200 ms timeout once expired before the scripted 503 came back, so no upstream status was known when
        // the budget ran out.
        using var harness = new Harness(server.BaseAddress, o =>
        {
            o.MaxRetries = 20;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(400);
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromMilliseconds(2500);
        });

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("overall budget", error.Message, StringComparison.Ordinal);
        Assert.InRange(server.Requests.Count, 2, 20);
    }

    [Fact]
    public async Task A_refused_connection_is_reported_as_upstream_down()
    {
        var port = ClosedPort();
        using var harness = new Harness(new Uri($"http://127.0.0.1:{port}/"), o => o.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_with_one_credential_share_one_budget_across_clients_while_other_credentials_pass()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("""{"id":"i1"}"""));
        var options = new IntervalsClientOptions { BaseAddress = server.BaseAddress, RequestsPerSecond = 0.1, Burst = 1, MaxQueuedRequests = 0 };
        using var budget = new IntervalsRequestBudget(options);
        using var first = new Harness(server.BaseAddress, o => { o.RequestsPerSecond = 0.1; o.Burst = 1; o.MaxQueuedRequests = 0; }, budget: budget);
        using var second = new Harness(server.BaseAddress, o => { o.RequestsPerSecond = 0.1; o.Burst = 1; o.MaxQueuedRequests = 0; }, budget: budget);
        var other = IntervalsCredential.ApiKey("another-athletes-key");

        await first.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct);
        var error = await Assert.ThrowsAsync<IntervalsException>(() => second.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct));
        await second.Client.GetAthleteAsync(other, "0", Ct);

        Assert.Equal(IntervalsErrorKind.RateLimited, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    private static int ClosedPort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
