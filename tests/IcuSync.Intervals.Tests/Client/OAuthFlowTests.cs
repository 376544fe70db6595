using System.Net;
using IcuSync.Sandbox;

namespace IcuSync.Intervals.Tests.Client;

/// <summary>The whole OAuth journey against the sandbox: consent URL, approval, code exchange, use, revocation.</summary>
public sealed class OAuthFlowTests(ReadOnlySandbox sandbox) : IClassFixture<ReadOnlySandbox>
{
    private static readonly Uri Callback = new("http://127.0.0.1:9/oauth/callback");

    private IIntervalsClient Client => sandbox.Harness.Client;

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public async Task An_approved_code_becomes_a_bearer_credential_that_works_until_disconnected()
    {
        var state = Guid.NewGuid().ToString("N");
        var authorize = Client.BuildAuthorizeUri(new IntervalsAuthorizeRequest(
            SandboxPrincipals.OAuthClientId, Callback, [IntervalsScopes.ActivityRead, IntervalsScopes.WellnessRead, IntervalsScopes.CalendarWrite], state));
        var (code, returnedState) = await ApproveAsync(authorize, SandboxPrincipals.RunnerId);

        var grant = await Client.ExchangeCodeAsync(SandboxPrincipals.OAuthClientId, SandboxPrincipals.OAuthClientSecret, code, Callback, Ct);
        var athlete = await Client.GetActivityIntervalsOrAthleteAsync(grant.Credential);
        var reused = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ExchangeCodeAsync(SandboxPrincipals.OAuthClientId, SandboxPrincipals.OAuthClientSecret, code, Callback, Ct));
        await Client.DisconnectAppAsync(grant.Credential, Ct);
        var revoked = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ListWellnessAsync(grant.Credential, "0", SandboxHarness.Today.AddDays(-1), SandboxHarness.Today, Ct));

        Assert.Equal(state, returnedState);
        Assert.Equal(SandboxPrincipals.RunnerId, grant.AthleteId);
        Assert.Equal("Ben Runner", grant.AthleteName);
        Assert.Equal([IntervalsScopes.ActivityRead, IntervalsScopes.WellnessRead, IntervalsScopes.CalendarWrite], grant.Scopes);
        Assert.True(grant.Credential.Allows(IntervalsScopes.CalendarRead));
        Assert.NotEmpty(athlete);
        Assert.Equal(IntervalsErrorKind.InvalidRequest, reused.Kind);
        Assert.Contains("single-use", reused.Message, StringComparison.Ordinal);
        Assert.Equal(IntervalsErrorKind.Unauthorized, revoked.Kind);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_reported_as_unauthorized()
    {
        var authorize = Client.BuildAuthorizeUri(new IntervalsAuthorizeRequest(
            SandboxPrincipals.OAuthClientId, Callback, [IntervalsScopes.ActivityRead], Guid.NewGuid().ToString("N")));
        var (code, _) = await ApproveAsync(authorize, SandboxPrincipals.CyclistId);

        var error = await Assert.ThrowsAsync<IntervalsException>(() =>
            Client.ExchangeCodeAsync(SandboxPrincipals.OAuthClientId, "not-the-secret", code, cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.Unauthorized, error.Kind);
        Assert.Contains("client id and secret", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Plays the browser: opens the consent page, then approves for <paramref name="athleteId"/>.</summary>
    private static async Task<(string Code, string State)> ApproveAsync(Uri authorize, string athleteId)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(authorize, Ct);
        Assert.Contains("Approve", page, StringComparison.Ordinal);

        var query = new Transport.SeenRequest("GET", authorize.PathAndQuery, null, null, "").Query;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = query["client_id"],
            ["redirect_uri"] = query["redirect_uri"],
            ["scope"] = query["scope"],
            ["state"] = query["state"],
            ["athlete_id"] = athleteId,
            ["decision"] = "approve",
        });
        using var response = await browser.PostAsync(new Uri(authorize, "/oauth/authorize"), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = new Transport.SeenRequest("GET", response.Headers.Location!.PathAndQuery, null, null, "").Query;
        Assert.StartsWith(Callback.AbsoluteUri, response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        return (back["code"], back["state"]);
    }
}

internal static class OAuthFlowExtensions
{
    /// <summary>A read that needs ACTIVITY:READ, used to prove the token works.</summary>
    public static Task<IReadOnlyList<ActivityDto>> GetActivityIntervalsOrAthleteAsync(this IIntervalsClient client, IntervalsCredential credential) =>
        client.ListActivitiesAsync(credential, "0", SandboxHarness.Today.AddDays(-14), SandboxHarness.Today, cancellationToken: TestTimeout.Token);
}
