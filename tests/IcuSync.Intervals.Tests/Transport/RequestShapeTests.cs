using System.Text;
using System.Text.Json;

namespace IcuSync.Intervals.Tests.Transport;

/// <summary>What actually goes over the wire: auth headers, paths, query parameters and bodies.</summary>
public sealed class RequestShapeTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static async Task<SeenRequest> Capture(string json, Func<IntervalsClient, Task> call)
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok(json));
        using var harness = new Harness(server.BaseAddress);
        await call(harness.Client);
        return Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_api_key_is_sent_as_basic_auth_with_the_literal_user_name_API_KEY()
    {
        var seen = await Capture("{}", c => c.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + Harness.Key));
        Assert.Equal(expected, seen.Authorization);
        Assert.Equal("/api/v1/athlete/0", seen.Path);
    }

    [Fact]
    public async Task An_oauth_token_is_sent_as_a_bearer_token()
    {
        var seen = await Capture("{}", c => c.GetAthleteAsync(IntervalsCredential.Bearer("tok-123"), "i5", Ct));

        Assert.Equal("Bearer tok-123", seen.Authorization);
    }

    [Fact]
    public async Task Activities_are_listed_by_local_date_range_with_the_whole_newest_day_and_a_limit()
    {
        var seen = await Capture("[]", c => c.ListActivitiesAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 7), 5, Ct));

        Assert.Equal("GET", seen.Method);
        Assert.Equal("/api/v1/athlete/i1/activities", seen.Path);
        Assert.Equal("2026-05-01", seen.Query["oldest"]);
        Assert.Equal("2026-05-07T23:59:59", seen.Query["newest"]);
        Assert.Equal("5", seen.Query["limit"]);
    }

    [Fact]
    public async Task Streams_use_the_json_suffix_and_a_comma_separated_type_list()
    {
        var seen = await Capture("[]", c => c.GetActivityStreamsAsync(Harness.ApiKey, "i77", ["watts", "heartrate"], Ct));

        Assert.Equal("/api/v1/activity/i77/streams.json", seen.Path);
        Assert.Equal("watts,heartrate", seen.Query["types"]);
    }

    [Fact]
    public async Task Power_curves_always_name_the_sport()
    {
        var seen = await Capture("""{"list":[],"activities":{}}""", c => c.GetPowerCurvesAsync(Harness.ApiKey, "i1", "Ride", ["42d", "1y"], Ct));

        Assert.Equal("/api/v1/athlete/i1/power-curves.json", seen.Path);
        Assert.Equal("Ride", seen.Query["type"]);
        Assert.Equal("42d,1y", seen.Query["curves"]);
    }

    [Fact]
    public async Task Best_efforts_send_the_stream_and_one_length()
    {
        var seen = await Capture("""{"efforts":[]}""", c => c.GetBestEffortsAsync(Harness.ApiKey, "i9", new BestEffortsQuery("watts", DurationSeconds: 300, Count: 3), Ct));

        Assert.Equal("/api/v1/activity/i9/best-efforts", seen.Path);
        Assert.Equal(new Dictionary<string, string> { ["stream"] = "watts", ["duration"] = "300", ["count"] = "3" }, seen.Query);
    }

    [Fact]
    public async Task Events_are_listed_with_a_category_filter()
    {
        var seen = await Capture("[]", c => c.ListEventsAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 18), new DateOnly(2026, 5, 24), ["workout", "RACE_A"], Ct));

        Assert.Equal("/api/v1/athlete/i1/events", seen.Path);
        Assert.Equal("WORKOUT,RACE_A", seen.Query["category"]);
        Assert.Equal("2026-05-24", seen.Query["newest"]);
    }

    [Fact]
    public async Task A_created_event_sends_only_the_fields_set_and_never_a_workout_doc()
    {
        using var doc = JsonDocument.Parse("""{"steps":[]}""");
        var seen = await Capture("""{"id":1}""", c => c.CreateEventAsync(Harness.ApiKey, "i1", new EventDto
        {
            Category = "WORKOUT",
            StartDateLocal = new DateTime(2026, 5, 20),
            Name = "Z2",
            Type = "Ride",
            Description = "- 60m 65%",
            WorkoutDoc = doc.RootElement.Clone(),
        }, Ct));

        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/v1/athlete/i1/events", seen.Path);
        Assert.Equal("false", seen.Query["upsertOnUid"]);
        Assert.StartsWith("application/json", seen.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(seen.Body);
        var names = body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["category", "description", "name", "start_date_local", "type"], names);
        Assert.Equal("2026-05-20T00:00:00", body.RootElement.GetProperty("start_date_local").GetString());
    }

    [Fact]
    public async Task An_upsert_asks_for_matching_by_external_id()
    {
        var seen = await Capture("[]", c => c.UpsertEventsAsync(Harness.ApiKey, "i1",
            [new EventDto { Category = "NOTE", StartDateLocal = new DateTime(2026, 5, 21), Name = "Rest", ExternalId = "icusync-note-1" }], Ct));

        Assert.Equal("/api/v1/athlete/i1/events/bulk", seen.Path);
        Assert.Equal("true", seen.Query["upsert"]);
        Assert.Equal("false", seen.Query["upsertOnUid"]);
        Assert.Equal("false", seen.Query["updatePlanApplied"]);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(seen.Body).RootElement.ValueKind);
    }

    [Fact]
    public async Task A_wellness_update_sends_the_date_and_only_the_changed_fields()
    {
        var seen = await Capture("""{"id":"2026-05-13","weight":71.2}""", c => c.UpdateWellnessAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 13),
            new WellnessDto { Weight = 71.2, Soreness = 2 }, Ct));

        Assert.Equal("PUT", seen.Method);
        Assert.Equal("/api/v1/athlete/i1/wellness/2026-05-13", seen.Path);
        Assert.Equal("""{"id":"2026-05-13","weight":71.2,"soreness":2}""", seen.Body);
    }

    [Fact]
    public async Task A_reminder_update_always_sends_reset_and_snooze_days()
    {
        var seen = await Capture("""{"id":"b1"}""", c => c.UpdateGearReminderAsync(Harness.ApiKey, "i1", "b1", 4, new GearReminderDto { Distance = 3_000_000 }, snoozeDays: 7, cancellationToken: Ct));

        Assert.Equal("/api/v1/athlete/i1/gear/b1/reminder/4", seen.Path);
        Assert.Equal("false", seen.Query["reset"]);
        Assert.Equal("7", seen.Query["snoozeDays"]);
    }

    [Fact]
    public async Task Ids_are_escaped_into_the_path()
    {
        var seen = await Capture("{}", c => c.GetSportSettingsAsync(Harness.ApiKey, "i1", "Virtual:Ride", Ct));

        Assert.Equal("/api/v1/athlete/i1/sport-settings/Virtual%3ARide", seen.PathAndQuery);
    }

    [Theory]
    [InlineData("")]
    [InlineData("i1/../i2")]
    [InlineData("i1?x=1")]
    public async Task A_malformed_athlete_id_is_refused_naming_the_argument(string athleteId)
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("{}"));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.GetAthleteAsync(Harness.ApiKey, athleteId, Ct));

        Assert.Equal(IntervalsErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("'athleteId'", error.Message, StringComparison.Ordinal);
        Assert.Contains("i123456", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Client_side_checks_name_the_field_and_the_fix_before_anything_is_sent()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("{}"));
        using var harness = new Harness(server.BaseAddress);
        var c = harness.Client;

        var noExternalId = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.UpsertEventsAsync(Harness.ApiKey, "i1", [new EventDto { Category = "NOTE", StartDateLocal = new DateTime(2026, 5, 1) }], Ct));
        var bothLengths = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.GetBestEffortsAsync(Harness.ApiKey, "i1", new BestEffortsQuery("watts", 60, 1000), Ct));
        var badCurve = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.GetPowerCurvesAsync(Harness.ApiKey, "i1", "Ride", ["6 weeks"], Ct));
        var paceInSeconds = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.UpdateSportSettingsAsync(Harness.ApiKey, "i1", "Run", new SportSettingsDto { ThresholdPace = 295 }, cancellationToken: Ct));
        var backwards = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.ListWellnessAsync(Harness.ApiKey, "i1", new DateOnly(2026, 5, 7), new DateOnly(2026, 5, 1), Ct));
        var noStart = await Assert.ThrowsAsync<IntervalsException>(() =>
            c.CreateEventAsync(Harness.ApiKey, "i1", new EventDto { Category = "WORKOUT", Name = "x" }, Ct));

        Assert.Contains("external_id", noExternalId.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one of 'duration'", bothLengths.Message, StringComparison.Ordinal);
        Assert.Contains("42d", badCurve.Message, StringComparison.Ordinal);
        Assert.Contains("m/s", paceInSeconds.Message, StringComparison.Ordinal);
        Assert.Contains("oldest first", backwards.Message, StringComparison.Ordinal);
        Assert.Contains("start_date_local", noStart.Message, StringComparison.Ordinal);
        Assert.All(new[] { noExternalId, bothLengths, badCurve, paceInSeconds, backwards, noStart },
            e => Assert.Equal(IntervalsErrorKind.InvalidRequest, e.Kind));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Secret_fields_of_an_athlete_never_leave_the_client()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok(
            """{"id":"i1","name":"Ada","icu_api_key":"leaked-key","icu_friend_invite_token":"invite","icu_garmin_health":true}"""));
        using var harness = new Harness(server.BaseAddress);

        var athlete = await harness.Client.GetAthleteAsync(Harness.ApiKey, "0", Ct);

        Assert.Equal("Ada", athlete.Name);
        Assert.NotNull(athlete.AdditionalFields);
        Assert.True(athlete.AdditionalFields.ContainsKey("icu_garmin_health"));
        Assert.False(athlete.AdditionalFields.ContainsKey("icu_api_key"));
        Assert.False(athlete.AdditionalFields.ContainsKey("icu_friend_invite_token"));
        Assert.DoesNotContain("leaked-key", JsonSerializer.Serialize(athlete, IntervalsJsonContext.Wire.AthleteDto), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workouts_can_be_filtered_by_folder_on_the_client()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("""[{"id":1,"folder_id":10},{"id":2,"folder_id":11},{"id":3,"folder_id":10}]"""));
        using var harness = new Harness(server.BaseAddress);

        var workouts = await harness.Client.ListWorkoutsAsync(Harness.ApiKey, "i1", 10, Ct);

        Assert.Equal([1L, 3L], workouts.Select(w => w.Id!.Value));
        Assert.Equal("/api/v1/athlete/i1/workouts", Assert.Single(server.Requests).PathAndQuery);
    }
}
