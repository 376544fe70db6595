using System.Net;
using System.Text.Json.Nodes;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

public sealed class SandboxRuntimeTests
{
    [Fact]
    public async Task Two_starts_with_the_same_seed_serve_identical_data()
    {
        // A shorter history keeps the two extra generations cheap; determinism does not depend on the length.
        SandboxOptions Short(int seed)
        {
            var options = SandboxTestKit.Options(seed);
            options.HistoryDays = 60;
            return options;
        }

        await using var first = await SandboxServer.StartAsync(Short(7));
        await using var second = await SandboxServer.StartAsync(Short(7));
        await using var other = await SandboxServer.StartAsync(Short(8));
        const string list = "api/v1/athlete/0/activities?oldest=2026-04-01&newest=2026-05-14";
        const string wellness = "api/v1/athlete/0/wellness?oldest=2026-04-01&newest=2026-05-14";

        async Task<string> Get(SandboxServer server, string path)
        {
            using var client = SandboxTestKit.Client(server, SandboxPrincipals.TriathleteApiKey);
            return await client.GetStringAsync(path);
        }

        var activityId = first.Store.GetActivities(SandboxPrincipals.TriathleteId).Last(a => !a.IsStravaStub).Id;
        Assert.Equal(await Get(first, list), await Get(second, list));
        Assert.Equal(await Get(first, wellness), await Get(second, wellness));
        Assert.Equal(await Get(first, $"api/v1/activity/{activityId}/streams"), await Get(second, $"api/v1/activity/{activityId}/streams"));
        Assert.NotEqual(await Get(first, wellness), await Get(other, wellness));
    }

    [Fact]
    public async Task A_request_sent_while_an_opened_sandbox_is_still_generating_gets_the_full_data()
    {
        // A seed no other test uses and a long history: the data is not cached yet and takes a while to generate.
        var options = SandboxTestKit.Options(seed: 9_001);
        options.HistoryDays = 2_000;
        await using var opened = SandboxServer.Open(options);
        // Nothing is generated until the first connection arrives.
        await Task.Delay(200);
        Assert.False(opened.IsReady);
        using var client = SandboxTestKit.Client(opened, SandboxPrincipals.CyclistApiKey);

        var early = await client.GetStringAsync("api/v1/athlete/0/activities?oldest=2020-01-01&newest=2026-05-14");

        Assert.True(opened.IsReady);
        await using var started = await SandboxServer.StartAsync(options);
        using var reference = SandboxTestKit.Client(started, SandboxPrincipals.CyclistApiKey);
        Assert.Equal(await reference.GetStringAsync("api/v1/athlete/0/activities?oldest=2020-01-01&newest=2026-05-14"), early);
        var count = opened.Store.GetActivities(SandboxPrincipals.CyclistId, new DateOnly(2020, 1, 1), new DateOnly(2026, 5, 14)).Count;
        Assert.True(count > 1_000, $"expected over five years of rides, got {count}");
        Assert.Equal(count, JsonNode.Parse(early)!.AsArray().Count);
    }

    [Fact]
    public async Task An_opened_sandbox_with_a_bad_dataset_reports_it_through_ready_and_frees_its_port()
    {
        var options = SandboxTestKit.Options();
        options.DatasetPath = Path.Combine(Path.GetTempPath(), "icusync-no-such-dataset-" + Guid.NewGuid().ToString("N"));
        await using var opened = SandboxServer.Open(options);
        opened.WarmUp();

        await Assert.ThrowsAsync<SandboxDatasetException>(() => opened.Ready);
        Assert.False(opened.IsReady);
        options.DatasetPath = null;
        options.Port = opened.BaseAddress.Port;
        await using var again = await SandboxServer.StartAsync(options);
        Assert.Equal(opened.BaseAddress, again.BaseAddress);
    }

    [Fact]
    public async Task A_429_storm_answers_with_retry_after_then_recovers()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        server.Faults.RetryAfter = TimeSpan.FromSeconds(2);
        server.Faults.ThrottleNext(2);

        using var first = await client.GetAsync("api/v1/athlete/0");
        using var second = await client.GetAsync("api/v1/athlete/0");
        using var third = await client.GetAsync("api/v1/athlete/0");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, server.Faults.InjectedCount);
    }

    [Fact]
    public async Task Injected_server_errors_and_dropped_connections_hit_only_the_next_requests()
    {
        await using var server = await SandboxServer.StartAsync(SandboxTestKit.Options());
        using var client = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);

        server.Faults.FailNext(1);
        var (failed, body) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0");
        server.Faults.DropNext(1);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/v1/athlete/0"));
        using var after = await client.GetAsync("api/v1/athlete/0");

        Assert.Equal(500, failed);
        Assert.Equal(500, (int)body!["status"]!);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_rate_limiter_allows_ten_per_second_per_credential_and_then_answers_429()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 15, 8, 0, 0, TimeSpan.Zero));
        var options = SandboxTestKit.Options();
        options.RateLimit = true;
        options.TimeProvider = clock;
        await using var server = await SandboxServer.StartAsync(options);
        using var cyclist = SandboxTestKit.Client(server, SandboxPrincipals.CyclistApiKey);
        using var runner = SandboxTestKit.Client(server, SandboxPrincipals.RunnerApiKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await cyclist.GetAsync("api/v1/athlete/0");
            statuses.Add(response.StatusCode);
            if (i == 10)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        using var otherCredential = await runner.GetAsync("api/v1/athlete/0");
        clock.Advance(TimeSpan.FromMilliseconds(250));
        using var afterRefill = await cyclist.GetAsync("api/v1/athlete/0");

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.OK, otherCredential.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRefill.StatusCode);
    }

    [Fact]
    public async Task A_dataset_folder_is_served_exactly()
    {
        var folder = Directory.CreateTempSubdirectory("icusync-sandbox-dataset-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "athletes.json"), """
                [{ "id": "i77", "name": "Dee Dataset", "timezone": "Europe/Paris", "icu_api_key": "my-key",
                   "sportSettings": [{ "id": 5, "types": ["Ride"], "ftp": 300, "lthr": 170, "max_hr": 190 }],
                   "custom_field": 1 }]
                """);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "activities.json"), """
                [{ "id": "i900", "start_date_local": "2026-03-01T09:00:00", "type": "Ride", "name": "Pinned ride",
                   "moving_time": 4, "icu_training_load": 42, "AerobicEffect": 3.5 },
                 { "id": "123456789", "start_date_local": "2026-03-02T09:00:00", "source": "STRAVA" }]
                """);
            Directory.CreateDirectory(Path.Combine(folder.FullName, "streams"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "streams", "i900.json"), """
                [{ "type": "time", "data": [0, 1, 2, 3] }, { "type": "watts", "data": [200, 210, null, 250] }]
                """);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "wellness.json"), """
                [{ "id": "2026-03-01", "ctl": 50.5, "atl": 60.25, "hrv": 55.0, "restingHR": 48 }]
                """);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "events.json"), """
                [{ "id": 10, "category": "WORKOUT", "start_date_local": "2026-03-05T00:00:00", "type": "Ride",
                   "name": "Loaded", "description": "- 30m 80%" }]
                """);

            await using var server = await SandboxServer.StartAsync(new SandboxOptions { DatasetPath = folder.FullName, RateLimit = false });
            using var client = SandboxTestKit.Client(server, "my-key");

            var activities = (await client.GetJsonAsync("api/v1/athlete/0/activities?oldest=2026-03-01&newest=2026-03-02")).AsArray();
            var streams = (await client.GetJsonAsync("api/v1/activity/i900/streams?types=watts")).AsArray();
            var wellness = await client.GetJsonAsync("api/v1/athlete/i77/wellness/2026-03-01");
            var athlete = await client.GetJsonAsync("api/v1/athlete/0");
            var events = (await client.GetJsonAsync("api/v1/athlete/0/events?oldest=2026-03-01&newest=2026-03-31")).AsArray();

            Assert.False(server.Store.IsGenerated);
            Assert.Equal(["123456789", "i900"], activities.Select(a => (string)a!["id"]!));
            Assert.Equal(3.5, (double)activities[1]!["AerobicEffect"]!);
            Assert.Equal(42, (int)activities[1]!["icu_training_load"]!);
            Assert.Equal("[200,210,null,250]", Assert.Single(streams)!["data"]!.ToJsonString());
            Assert.Equal(60.25, (double)wellness["atl"]!);
            Assert.Equal(300, (int)athlete["sportSettings"]![0]!["ftp"]!);
            Assert.Equal(1, (int)athlete["custom_field"]!);
            Assert.Equal(1800, (int)Assert.Single(events)!["moving_time"]!);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_dataset_folder_without_athletes_fails_with_an_actionable_message()
    {
        var folder = Directory.CreateTempSubdirectory("icusync-sandbox-empty-");
        try
        {
            var error = await Assert.ThrowsAsync<SandboxDatasetException>(() =>
                SandboxServer.StartAsync(new SandboxOptions { DatasetPath = folder.FullName }));

            Assert.Contains("athletes.json", error.Message, StringComparison.Ordinal);
            Assert.Contains("docs/sandbox.md", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_command_prints_the_base_url_and_demo_credentials_and_stops_when_cancelled()
    {
        using var output = new StringWriter();
        using var cts = new CancellationTokenSource();
        var run = SandboxCommand.RunAsync(["--port", "0", "--seed", "42", "--today", "2026-05-15"], output, cts.Token);

        string text;
        do
        {
            await Task.Yield();
            await Task.Delay(20);
            text = output.ToString();
        }
        while (!text.Contains("client_secret", StringComparison.Ordinal) && !run.IsCompleted);

        await cts.CancelAsync();
        var exit = await run;

        Assert.Equal(0, exit);
        Assert.Matches(@"listening on http://127\.0\.0\.1:\d+/", text);
        Assert.Contains(SandboxPrincipals.CoachApiKey, text, StringComparison.Ordinal);
        Assert.Contains("i1003", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_rejects_unknown_options_with_exit_code_2()
    {
        using var output = new StringWriter();

        var exit = await SandboxCommand.RunAsync(["--prot", "5"], output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("Unknown option '--prot'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_refusal_with_exit_code_2_not_a_crash()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();

        var exit = await SandboxCommand.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Pick another --port", output.ToString(), StringComparison.Ordinal);
    }
}
