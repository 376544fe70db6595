namespace IcuSync.Intervals.Tests.Transport;

public sealed class ErrorMappingTests
{
    private static CancellationToken Ct => TestTimeout.Token;

    private static async Task<(IntervalsException Error, int Requests)> FailWith(ScriptedResponse response, Func<IntervalsClient, Task> call)
    {
        await using var server = ScriptedServer.Always(response);
        using var harness = new Harness(server.BaseAddress, o => o.MaxRetries = 1);
        var error = await Assert.ThrowsAsync<IntervalsException>(() => call(harness.Client));
        return (error, server.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_key_is_reported_as_unauthorized_with_advice()
    {
        var (error, requests) = await FailWith(new ScriptedResponse(401), c => c.GetAthleteAsync(Harness.ApiKey, "0", Ct));

        Assert.Equal(IntervalsErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("getAthlete", error.Operation);
        Assert.Contains("rejected the credential", error.Message, StringComparison.Ordinal);
        Assert.Contains("API key", error.Advice, StringComparison.Ordinal);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Another_athletes_data_is_reported_as_forbidden_with_the_server_reason()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(403, """{"status":403,"error":"Access denied"}"""),
            c => c.ListActivitiesAsync(Harness.ApiKey, "i999", new DateOnly(2026, 1, 1), cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.Forbidden, error.Kind);
        Assert.Equal("Access denied", error.ServerMessage);
        Assert.Contains("denied access", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_item_is_reported_as_not_found()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(404, """{"timestamp":"2025-05-26T14:42:42.070+00:00","status":404,"error":"Not Found","path":"/api/v1/activity/i1"}"""),
            c => c.GetActivityAsync(Harness.ApiKey, "i1", cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.NotFound, error.Kind);
        Assert.Contains("/api/v1/activity/{id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strava_restriction_is_recognised_from_the_422_body()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(422, """{"status":422,"error":"Cannot read Strava activities via the API"}"""),
            c => c.GetActivityStreamsAsync(Harness.ApiKey, "16639341172", ["watts"], Ct));

        Assert.Equal(IntervalsErrorKind.StravaRestricted, error.Kind);
        Assert.Contains("imported from Strava", error.Message, StringComparison.Ordinal);
        Assert.Contains("Garmin", error.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_error_keeps_the_servers_explanation()
    {
        var (error, requests) = await FailWith(
            new ScriptedResponse(422, """{"status":422,"error":"Required request parameter 'type' for method parameter type ActivityType is not present"}"""),
            c => c.GetHrCurvesAsync(Harness.ApiKey, "i1", cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("Required request parameter 'type'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_spring_default_body_reports_its_message_rather_than_the_reason_phrase()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(400, """{"status":400,"error":"Bad Request","message":"Invalid threshold pace"}"""),
            c => c.UpdateSportSettingsAsync(Harness.ApiKey, "i1", "Run", new SportSettingsDto { ThresholdPace = 3.4 }, cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("Invalid threshold pace", error.ServerMessage);
    }

    [Fact]
    public async Task An_html_outage_page_becomes_a_short_upstream_error()
    {
        var (error, requests) = await FailWith(
            new ScriptedResponse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
            c => c.ListGearAsync(Harness.ApiKey, "i1", Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ServerMessage);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_secret_echoed_by_the_server_never_reaches_the_message()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(403, $$"""{"status":403,"error":"Key {{Harness.Key}} may not read i2"}"""),
            c => c.GetAthleteAsync(Harness.ApiKey, "i2", Ct));

        Assert.DoesNotContain(Harness.Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.Key, error.ServerMessage!, StringComparison.Ordinal);
        Assert.Contains("***", error.ServerMessage!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_with_unreadable_json_is_reported_as_an_upstream_problem()
    {
        var (error, _) = await FailWith(
            new ScriptedResponse(200, "[{\"id\": "),
            c => c.ListFoldersAsync(Harness.ApiKey, "i1", Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Contains("could not read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_athletes_with_an_oauth_token_is_refused_before_any_request()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("[]"));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            harness.Client.ListAthletesAsync(IntervalsCredential.Bearer("oauth-token-1234", ["ACTIVITY:READ"]), Ct));

        Assert.Equal(IntervalsErrorKind.Forbidden, error.Kind);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
