using System.Net;
using System.Text.Json.Nodes;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Sandbox;

public sealed class SandboxAuthTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxServer Server => fixture.Server;

    [Fact]
    public async Task Athlete_zero_means_the_owner_of_the_api_key()
    {
        using var client = SandboxTestKit.Client(Server, SandboxPrincipals.CyclistApiKey);

        var athlete = await client.GetJsonAsync("api/v1/athlete/0");

        Assert.Equal(SandboxPrincipals.CyclistId, (string?)athlete["id"]);
        Assert.Equal("Europe/London", (string?)athlete["timezone"]);
        var ride = athlete["sportSettings"]!.AsArray().First(s => s!["types"]!.AsArray().Any(t => (string?)t == "Ride"))!;
        Assert.Equal(SandboxDemo.CyclistFtp, (int)ride["ftp"]!);
        Assert.Equal(SandboxDemo.CyclistLthr, (int)ride["lthr"]!);
    }

    [Theory]
    [InlineData("API_KEY", "not-a-key")]
    [InlineData("i1001", SandboxPrincipals.CyclistApiKey)]
    public async Task Bad_basic_credentials_are_unauthorized(string user, string key)
    {
        using var client = SandboxTestKit.Client(Server, key, user);

        var (status, body) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0");

        Assert.Equal(401, status);
        Assert.Equal(401, (int)body!["status"]!);
    }

    [Fact]
    public async Task A_request_without_credentials_is_unauthorized()
    {
        using var client = SandboxTestKit.Client(Server, null);

        var (status, _) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0/activities?oldest=2026-05-01");

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task An_api_key_sent_as_a_bearer_token_is_access_denied()
    {
        using var client = SandboxTestKit.Bearer(Server, SandboxPrincipals.CyclistApiKey);

        var (status, body) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0");

        Assert.Equal(403, status);
        Assert.Equal("{\"status\":403,\"error\":\"Access denied\"}", body!.ToJsonString());
    }

    [Fact]
    public async Task Another_athletes_data_without_coach_rights_is_403_with_the_real_body()
    {
        using var client = SandboxTestKit.Client(Server, SandboxPrincipals.CyclistApiKey);
        var runnerActivity = Server.Store.GetActivities(SandboxPrincipals.RunnerId).First(a => !a.IsStravaStub);

        var (status, body) = await client.SendAsync(HttpMethod.Get, $"api/v1/athlete/{SandboxPrincipals.RunnerId}/wellness");
        var (activityStatus, activityBody) = await client.SendAsync(HttpMethod.Get, $"api/v1/activity/{runnerActivity.Id}");

        Assert.Equal(403, status);
        Assert.Equal("{\"status\":403,\"error\":\"Access denied\"}", body!.ToJsonString());
        Assert.Equal(403, activityStatus);
        Assert.Equal("Access denied", (string?)activityBody!["error"]);
    }

    [Fact]
    public async Task The_coach_reads_every_athlete_but_writes_only_where_it_has_write_permission()
    {
        using var coach = SandboxTestKit.Client(Server, SandboxPrincipals.CoachApiKey);
        var note = new JsonObject { ["category"] = "NOTE", ["start_date_local"] = "2026-05-20", ["name"] = "From the coach" };

        var runnerWellness = await coach.GetJsonAsync($"api/v1/athlete/{SandboxPrincipals.RunnerId}/wellness?oldest=2026-05-01&newest=2026-05-07");
        var (readOnlyWrite, readOnlyBody) = await coach.SendAsync(HttpMethod.Post, $"api/v1/athlete/{SandboxPrincipals.RunnerId}/events", note);
        var (allowedWrite, created) = await coach.SendAsync(HttpMethod.Post, $"api/v1/athlete/{SandboxPrincipals.TriathleteId}/events", note);

        Assert.Equal(7, runnerWellness.AsArray().Count);
        Assert.Equal(403, readOnlyWrite);
        Assert.Equal("Access denied", (string?)readOnlyBody!["error"]);
        Assert.Equal(200, allowedWrite);
        Assert.Equal(SandboxPrincipals.TriathleteId, (string?)created!["athlete_id"]);
        Assert.Equal(SandboxPrincipals.CoachId, (string?)created["created_by_id"]);
    }

    [Fact]
    public async Task The_coach_athlete_list_includes_the_caller_and_the_roster_with_permissions()
    {
        using var coach = SandboxTestKit.Client(Server, SandboxPrincipals.CoachApiKey);
        using var runner = SandboxTestKit.Client(Server, SandboxPrincipals.RunnerApiKey);

        var roster = (await coach.GetJsonAsync("api/v1/athletes")).AsArray();
        var self = (await runner.GetJsonAsync("api/v1/athletes")).AsArray();

        var permissions = roster.ToDictionary(a => (string)a!["id"]!, a => (string?)a!["icu_permission"]);
        Assert.Equal(4, roster.Count);
        Assert.Null(permissions[SandboxPrincipals.CoachId]);
        Assert.Equal("WRITE", permissions[SandboxPrincipals.CyclistId]);
        Assert.Equal("READ", permissions[SandboxPrincipals.RunnerId]);
        Assert.Equal("WRITE", permissions[SandboxPrincipals.TriathleteId]);
        Assert.Equal(SandboxPrincipals.RunnerId, (string?)Assert.Single(self)!["id"]);
    }

    [Fact]
    public async Task A_bearer_token_reaches_its_own_athlete_within_its_scopes_only()
    {
        var token = Server.Store.IssueBearerToken(SandboxPrincipals.CyclistId, "ACTIVITY:READ,CALENDAR:WRITE");
        using var client = SandboxTestKit.Bearer(Server, token);

        var (own, _) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0/activities?oldest=2026-05-01");
        var (noWellnessScope, _) = await client.SendAsync(HttpMethod.Get, "api/v1/athlete/0/wellness");
        var (other, _) = await client.SendAsync(HttpMethod.Get, $"api/v1/athlete/{SandboxPrincipals.RunnerId}/activities?oldest=2026-05-01");
        var (athleteList, _) = await client.SendAsync(HttpMethod.Get, "api/v1/athletes");

        Assert.Equal(200, own);
        Assert.Equal(403, noWellnessScope);
        Assert.Equal(403, other);
        Assert.Equal(403, athleteList);
    }

    [Fact]
    public async Task The_athlete_profile_carries_the_own_api_key_only_for_the_key_owner()
    {
        using var own = SandboxTestKit.Client(Server, SandboxPrincipals.CyclistApiKey);
        using var coach = SandboxTestKit.Client(Server, SandboxPrincipals.CoachApiKey);

        var mine = await own.GetJsonAsync("api/v1/athlete/0");
        var coached = await coach.GetJsonAsync($"api/v1/athlete/{SandboxPrincipals.CyclistId}");

        Assert.Equal(SandboxPrincipals.CyclistApiKey, (string?)mine["icu_api_key"]);
        Assert.True(coached.AsObject().ContainsKey("icu_api_key"));
        Assert.Null(coached["icu_api_key"]);
        Assert.Equal("ada@sandbox.icusync.local", (string?)mine["email"]);
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_known_paths_with_the_wrong_method_are_405_in_springs_shape()
    {
        using var client = SandboxTestKit.Client(Server, SandboxPrincipals.CyclistApiKey);

        using var missing = await client.GetAsync("api/v1/athlete/0/fitness");
        using var wrongMethod = await client.GetAsync("api/v1/athlete/0/folders/90001/workouts");
        var missingBody = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        var wrongBody = JsonNode.Parse(await wrongMethod.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not Found", (string?)missingBody["error"]);
        Assert.Equal("/api/v1/athlete/0/fitness", (string?)missingBody["path"]);
        Assert.NotNull(missingBody["timestamp"]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(405, (int)wrongBody["status"]!);
        Assert.Contains("PUT", wrongMethod.Content.Headers.Allow);
    }
}
