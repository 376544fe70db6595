using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Client;

/// <summary>The client's pacing and retries against the sandbox's rate limiter and injected faults.</summary>
public sealed class ResilienceAgainstSandboxTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task A_429_storm_is_waited_out_within_the_retry_budget()
    {
        await using var harness = await SandboxHarness.StartAsync();
        harness.Server.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        harness.Server.Faults.ThrottleNext(2);

        var athlete = await harness.Client.GetAthleteAsync(SandboxHarness.Cyclist, "0", Ct);

        Assert.Equal(SandboxPrincipals.CyclistId, athlete.Id);
        Assert.Equal(2, harness.Server.Faults.InjectedCount);
        Assert.Equal(2, harness.Log.Retries);
        Assert.All(harness.Log.Entries.Where(e => e.Id.Id == 4101), e => Assert.Contains("429", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_storm_longer_than_the_retry_budget_fails_with_a_rate_limit_message()
    {
        await using var harness = await SandboxHarness.StartAsync(o => o.MaxRetries = 1);
        harness.Server.Faults.ThrottleNext(100);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.ListGearAsync(SandboxHarness.Cyclist, "0", Ct));

        Assert.Equal(IntervalsErrorKind.RateLimited, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("rate limiting", error.Message, StringComparison.Ordinal);
        Assert.Contains("Wait about 1 seconds", error.Advice, StringComparison.Ordinal);
        Assert.Equal(2, harness.Server.Faults.InjectedCount);
    }

    [Fact]
    public async Task The_client_budget_keeps_a_burst_of_calls_under_the_sandbox_limit()
    {
        // 5/s against the sandbox's 10/s with a bucket of 10: even a server stall of ~2 s cannot bunch enough
        // requests to overflow it. The warm-up call keeps first-request JIT out of the paced burst.
        await using var harness = await SandboxHarness.StartAsync(o => o.RequestsPerSecond = 5);
        await harness.Client.GetWellnessAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today, Ct);

        var calls = Enumerable.Range(1, 16).Select(i =>
            harness.Client.GetWellnessAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today.AddDays(-i), Ct));
        var days = await Task.WhenAll(calls);

        Assert.Equal(16, days.Select(d => d.Id).Distinct().Count());
        Assert.True(harness.Log.Retries == 0, string.Join("\n", harness.Log.Entries.Select(e => e.Message)));
    }

    [Fact]
    public async Task Without_the_client_budget_the_sandbox_limiter_answers_429_and_retries_recover()
    {
        await using var harness = await SandboxHarness.StartAsync(o =>
        {
            o.RequestsPerSecond = 1000;
            o.Burst = 1000;
            o.MaxRetries = 6;
        });

        var calls = Enumerable.Range(0, 24).Select(i =>
            harness.Client.GetWellnessAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today.AddDays(-i), Ct));
        var days = await Task.WhenAll(calls);

        Assert.Equal(24, days.Length);
        Assert.True(harness.Log.Retries > 0, "Expected the sandbox's limiter to refuse part of an unpaced burst.");
        Assert.All(harness.Log.Entries.Where(e => e.Id.Id == 4101), e => Assert.Contains("(429)", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reads_survive_server_errors_and_dropped_connections()
    {
        await using var harness = await SandboxHarness.StartAsync();
        harness.Server.Faults.FailNext(1);
        var afterError = await harness.Client.ListSportSettingsAsync(SandboxHarness.Cyclist, "0", Ct);
        harness.Server.Faults.DropNext(1);
        var afterDrop = await harness.Client.ListSportSettingsAsync(SandboxHarness.Cyclist, "0", Ct);

        Assert.Equal(afterError.Count, afterDrop.Count);
        Assert.Equal(2, harness.Server.Faults.InjectedCount);
        Assert.Equal(2, harness.Log.Retries);
    }

    [Fact]
    public async Task A_plain_create_hit_by_a_server_error_is_reported_and_not_repeated()
    {
        await using var harness = await SandboxHarness.StartAsync();
        var note = new EventDto { Category = EventDto.NoteCategory, StartDateLocal = SandboxHarness.Today.AddDays(3).ToDateTime(TimeOnly.MinValue), Name = "Only once" };
        harness.Server.Faults.FailNext(1);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.CreateEventAsync(SandboxHarness.Cyclist, "0", note, Ct));
        var calendar = await harness.Client.ListEventsAsync(SandboxHarness.Cyclist, "0", SandboxHarness.Today, SandboxHarness.Today.AddDays(6), [EventDto.NoteCategory], Ct);

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Equal(0, harness.Log.Retries);
        Assert.DoesNotContain(calendar, e => e.Name == "Only once");
    }

    [Fact]
    public async Task A_dropped_connection_on_a_plain_create_is_upstream_down_and_not_retried()
    {
        await using var harness = await SandboxHarness.StartAsync();
        var note = new EventDto { Category = EventDto.NoteCategory, StartDateLocal = SandboxHarness.Today.AddDays(4).ToDateTime(TimeOnly.MinValue), Name = "Dropped" };
        harness.Server.Faults.DropNext(1);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.CreateEventAsync(SandboxHarness.Cyclist, "0", note, Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(0, harness.Log.Retries);
    }

    [Fact]
    public async Task Slow_answers_time_out_per_request_and_are_retried_for_reads()
    {
        await using var harness = await SandboxHarness.StartAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(250);
            o.TotalTimeout = TimeSpan.FromSeconds(2);
            o.MaxRetries = 2;
        });
        harness.Server.Faults.Latency = TimeSpan.FromSeconds(3);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.GetAthleteAsync(SandboxHarness.Cyclist, "0", Ct));

        Assert.Equal(IntervalsErrorKind.Timeout, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(2, harness.Log.Retries);
    }
}
