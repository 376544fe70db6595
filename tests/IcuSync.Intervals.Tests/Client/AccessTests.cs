using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Client;

/// <summary>Authentication and athlete access against the sandbox: the errors a tool turns into advice.</summary>
public sealed class AccessTests(ReadOnlySandbox sandbox) : IClassFixture<ReadOnlySandbox>
{
    private IIntervalsClient Client => sandbox.Harness.Client;

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task A_wrong_api_key_gives_a_clear_unauthorized_error()
    {
        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.GetAthleteAsync(IntervalsCredential.ApiKey("not-a-real-key"), "0", Ct));

        Assert.Equal(IntervalsErrorKind.Unauthorized, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("rejected the credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_sent_as_a_bearer_token_is_forbidden_like_on_intervals()
    {
        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.GetAthleteAsync(IntervalsCredential.Bearer(SandboxPrincipals.CyclistApiKey), "0", Ct));

        Assert.Equal(IntervalsErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Another_athletes_data_is_forbidden()
    {
        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ListActivitiesAsync(SandboxHarness.Runner, SandboxPrincipals.CyclistId, SandboxHarness.Today.AddDays(-7), cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.Forbidden, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("Access denied", error.ServerMessage);
        Assert.Contains("coach", error.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coach_reads_every_athlete_on_the_roster_but_writes_only_where_granted()
    {
        var roster = await Client.ListAthletesAsync(SandboxHarness.Coach, Ct);
        var readOnlyWrite = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.UpdateWellnessAsync(SandboxHarness.Coach, SandboxPrincipals.RunnerId, SandboxHarness.Today, new WellnessDto { Comments = "coach note" }, Ct));
        var runnerDays = await Client.ListWellnessAsync(SandboxHarness.Coach, SandboxPrincipals.RunnerId, SandboxHarness.Today.AddDays(-6), SandboxHarness.Today, Ct);

        Assert.Equal(
            new[] { SandboxPrincipals.CyclistId, SandboxPrincipals.RunnerId, SandboxPrincipals.TriathleteId },
            roster.Where(a => a.Id != SandboxPrincipals.CoachId).Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal("READ", roster.Single(a => a.Id == SandboxPrincipals.RunnerId).Permission);
        Assert.Equal("WRITE", roster.Single(a => a.Id == SandboxPrincipals.CyclistId).Permission);
        Assert.All(roster, a => Assert.False(a.AdditionalFields?.ContainsKey("icu_api_key") ?? false));
        Assert.Equal(IntervalsErrorKind.Forbidden, readOnlyWrite.Kind);
        Assert.NotEmpty(runnerDays);
    }

    [Fact]
    public async Task An_unknown_activity_is_not_found()
    {
        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.GetActivityAsync(SandboxHarness.Cyclist, "i999999999", cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task An_oauth_token_is_limited_to_its_scopes_and_its_own_athlete()
    {
        var token = sandbox.Harness.Server.Store.IssueBearerToken(SandboxPrincipals.CyclistId, "ACTIVITY:READ");
        var bearer = IntervalsCredential.Bearer(token, ["ACTIVITY:READ"]);

        var own = await Client.ListActivitiesAsync(bearer, "0", SandboxHarness.Today.AddDays(-7), cancellationToken: Ct);
        var noScope = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ListWellnessAsync(bearer, "0", SandboxHarness.Today.AddDays(-7), SandboxHarness.Today, Ct));
        var otherAthlete = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ListActivitiesAsync(bearer, SandboxPrincipals.RunnerId, SandboxHarness.Today.AddDays(-7), cancellationToken: Ct));

        Assert.NotEmpty(own);
        Assert.Equal(IntervalsErrorKind.Forbidden, noScope.Kind);
        Assert.Equal(IntervalsErrorKind.Forbidden, otherAthlete.Kind);
    }
}
