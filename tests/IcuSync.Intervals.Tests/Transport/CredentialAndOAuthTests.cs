using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcuSync.Intervals.Tests.Transport;

public sealed class CredentialAndOAuthTests
{
    private const string State = "c2f1e0b8a7d6c5b4a3";

    private static CancellationToken Ct => TestTimeout.Token;

    [Fact]
    public void A_credential_never_prints_its_secret()
    {
        var key = IntervalsCredential.ApiKey("very-secret-key-1");
        var token = IntervalsCredential.Bearer("very-secret-token-2", ["ACTIVITY:READ,wellness:write"]);

        Assert.DoesNotContain("very-secret", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", new IntervalsOAuthGrant(token, "i1", "Ada", token.Scopes).ToString(), StringComparison.Ordinal);
        Assert.Equal(["ACTIVITY:READ", "WELLNESS:WRITE"], token.Scopes);
        Assert.Equal("very-secret-token-2", token.RevealSecret());
    }

    [Fact]
    public void Fingerprints_identify_a_credential_without_revealing_it()
    {
        var a = IntervalsCredential.ApiKey("k1");
        var sameKey = IntervalsCredential.ApiKey(" k1 ");
        var sameSecretAsBearer = IntervalsCredential.Bearer("k1");

        Assert.Equal(a, sameKey);
        Assert.Equal(a.Fingerprint, sameKey.Fingerprint);
        Assert.NotEqual(a.Fingerprint, sameSecretAsBearer.Fingerprint);
        Assert.DoesNotContain("k1", a.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_scopes_imply_read_and_api_keys_carry_full_rights()
    {
        var token = IntervalsCredential.Bearer("t", [IntervalsScopes.CalendarWrite, IntervalsScopes.ActivityRead]);

        Assert.True(token.Allows(IntervalsScopes.CalendarRead));
        Assert.True(token.Allows(IntervalsScopes.CalendarWrite));
        Assert.True(token.Allows("activity:read"));
        Assert.False(token.Allows(IntervalsScopes.ActivityWrite));
        Assert.False(token.Allows(IntervalsScopes.WellnessRead));
        Assert.True(IntervalsCredential.ApiKey("k").Allows(IntervalsScopes.SettingsWrite));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two words")]
    public void A_blank_or_spaced_key_is_refused_with_where_to_find_one(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => IntervalsCredential.ApiKey(key));

        Assert.Contains("Developer Settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_authorize_url_carries_client_redirect_scopes_state_and_code_response_type()
    {
        using var harness = new Harness(new Uri("http://127.0.0.1:5999/"));

        var uri = harness.Client.BuildAuthorizeUri(new IntervalsAuthorizeRequest(
            "icusync", new Uri("https://app.example/oauth/callback"), [IntervalsScopes.ActivityRead, "wellness:write"], State));

        Assert.Equal("http://127.0.0.1:5999/oauth/authorize", uri.GetLeftPart(UriPartial.Path));
        var query = new SeenRequest("GET", uri.PathAndQuery, null, null, "").Query;
        Assert.Equal("icusync", query["client_id"]);
        Assert.Equal("https://app.example/oauth/callback", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("ACTIVITY:READ,WELLNESS:WRITE", query["scope"]);
        Assert.Equal(State, query["state"]);
    }

    [Fact]
    public void The_authorize_endpoint_can_be_configured_separately()
    {
        using var harness = new Harness(new Uri("http://127.0.0.1:5999/"), o => o.OAuthAuthorizeEndpoint = new Uri("https://login.example/consent"));

        var uri = harness.Client.BuildAuthorizeUri(new IntervalsAuthorizeRequest("c", new Uri("http://localhost/"), [IntervalsScopes.ActivityRead], State));

        Assert.StartsWith("https://login.example/consent?", uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_both_levels_of_one_area_is_refused_like_intervals_would()
    {
        using var harness = new Harness(new Uri("http://127.0.0.1:5999/"));

        var error = Assert.Throws<IntervalsException>(() => harness.Client.BuildAuthorizeUri(new IntervalsAuthorizeRequest(
            "c", new Uri("http://localhost/"), [IntervalsScopes.CalendarRead, IntervalsScopes.CalendarWrite], State)));

        Assert.Contains("CALENDAR:WRITE alone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_exchange_posts_a_form_and_returns_a_bearer_credential_for_the_athlete()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok(
            """{"token_type":"Bearer","access_token":"0f3c9a7e5b2d4c8e","scope":"ACTIVITY:READ,CALENDAR:WRITE","athlete":{"id":"i1001","name":"Ada Cyclist"}}"""));
        using var harness = new Harness(server.BaseAddress);

        var grant = await harness.Client.ExchangeCodeAsync("icusync", "s3cr3t", "abc123", cancellationToken: Ct);

        var seen = Assert.Single(server.Requests);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/oauth/token", seen.Path);
        Assert.Null(seen.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", seen.ContentType, StringComparison.Ordinal);
        Assert.Contains("client_id=icusync", seen.Body, StringComparison.Ordinal);
        Assert.Contains("client_secret=s3cr3t", seen.Body, StringComparison.Ordinal);
        Assert.Contains("code=abc123", seen.Body, StringComparison.Ordinal);
        Assert.Equal("i1001", grant.AthleteId);
        Assert.Equal("Ada Cyclist", grant.AthleteName);
        Assert.Equal(IntervalsCredentialKind.Bearer, grant.Credential.Kind);
        Assert.Equal(["ACTIVITY:READ", "CALENDAR:WRITE"], grant.Scopes);
        Assert.Equal("0f3c9a7e5b2d4c8e", grant.Credential.RevealSecret());
    }

    [Fact]
    public async Task A_legacy_numeric_athlete_id_in_the_token_response_is_kept_as_text()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("""{"access_token":"t","scope":"ACTIVITY:READ","athlete":{"id":2049151,"name":"David"}}"""));
        using var harness = new Harness(server.BaseAddress);

        var grant = await harness.Client.ExchangeCodeAsync("c", "s", "code", cancellationToken: Ct);

        Assert.Equal("2049151", grant.AthleteId);
    }

    [Fact]
    public async Task Unknown_app_credentials_on_the_exchange_are_unauthorized_with_advice_and_not_retried()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(404, """{"status":404,"error":"Client and/or secret not found"}"""));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.ExchangeCodeAsync("c", "wrong-secret", "code", cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.Unauthorized, error.Kind);
        Assert.Contains("client id and secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_error_during_the_exchange_is_not_retried_because_codes_are_single_use()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(500, "{}"));
        using var harness = new Harness(server.BaseAddress);

        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.ExchangeCodeAsync("c", "s", "code", cancellationToken: Ct));

        Assert.Equal(IntervalsErrorKind.UpstreamDown, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Disconnecting_revokes_a_bearer_token_and_refuses_api_keys()
    {
        await using var server = ScriptedServer.Always(new ScriptedResponse(200));
        using var harness = new Harness(server.BaseAddress);

        await harness.Client.DisconnectAppAsync(IntervalsCredential.Bearer("tok"), Ct);
        var error = await Assert.ThrowsAsync<IntervalsException>(() => harness.Client.DisconnectAppAsync(Harness.ApiKey, Ct));

        var seen = Assert.Single(server.Requests);
        Assert.Equal(("DELETE", "/api/v1/disconnect-app", "Bearer tok"), (seen.Method, seen.Path, seen.Authorization));
        Assert.Contains("regenerating", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_di_registration_gives_a_typed_client_with_one_shared_budget()
    {
        await using var server = ScriptedServer.Always(ScriptedResponse.Ok("""{"id":"i1","name":"Ada"}"""));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntervalsClient(o => o.BaseAddress = server.BaseAddress);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var first = provider.GetRequiredService<IIntervalsClient>();
        var second = provider.GetRequiredService<IIntervalsClient>();
        var athlete = await first.GetAthleteAsync(Harness.ApiKey, "0", Ct);

        Assert.Equal("Ada", athlete.Name);
        Assert.Same(provider.GetRequiredService<IntervalsRequestBudget>(), provider.GetRequiredService<IntervalsRequestBudget>());
        Assert.Equal(server.BaseAddress, ((IntervalsClient)second).Options.BaseAddress);
    }

    [Fact]
    public void Invalid_options_are_reported_naming_each_setting()
    {
        var services = new ServiceCollection();
        services.AddIntervalsClient(o =>
        {
            o.RequestsPerSecond = 0;
            o.TotalTimeout = TimeSpan.FromSeconds(1);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IntervalsClientOptions>>().Value);

        Assert.Contains("Intervals:RequestsPerSecond", error.Message, StringComparison.Ordinal);
        Assert.Contains("Intervals:RequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration_style_values()
    {
        var options = new IntervalsClientOptions { BaseAddress = new Uri("http://127.0.0.1:5080/sandbox") };

        Assert.Equal("http://127.0.0.1:5080/sandbox/oauth/authorize", options.EffectiveAuthorizeEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5080/sandbox/api/oauth/token", options.EffectiveTokenEndpoint.AbsoluteUri);
        Assert.Empty(options.Validate());
        _ = JsonSerializer.Serialize(options.Validate());
    }
}
