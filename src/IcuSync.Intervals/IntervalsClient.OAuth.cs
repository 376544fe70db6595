using System.Text.Json;

namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public Uri BuildAuthorizeUri(IntervalsAuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ClientId))
        {
            throw Invalid("'clientId' is empty. Use the client id from Intervals.icu → Settings → Manage App.");
        }

        if (request.RedirectUri is null || !request.RedirectUri.IsAbsoluteUri)
        {
            throw Invalid("'redirectUri' must be an absolute URL registered with the Intervals.icu app, e.g. https://icusync.example/oauth/callback.");
        }

        if (string.IsNullOrWhiteSpace(request.State) || request.State.Length < 16)
        {
            throw Invalid("'state' must be an unguessable value of at least 16 characters, checked again on the callback.");
        }

        var scopes = IntervalsScopes.Normalize(request.Scopes);
        if (scopes.Count == 0)
        {
            throw Invalid("No scopes requested. Ask for at least one, e.g. ACTIVITY:READ.");
        }

        var areas = scopes.Select(s => s.Split(':')[0]).ToList();
        var duplicate = areas.GroupBy(a => a, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid($"Scope area {duplicate.Key} is requested twice; Intervals.icu refuses duplicate scopes. Ask for {duplicate.Key}:WRITE alone (it implies READ).");
        }

        var query = string.Join('&', new[]
        {
            ("client_id", request.ClientId.Trim()),
            ("redirect_uri", request.RedirectUri.AbsoluteUri),
            ("response_type", "code"),
            ("scope", string.Join(',', scopes)),
            ("state", request.State),
        }.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
        var builder = new UriBuilder(_options.EffectiveAuthorizeEndpoint) { Query = query };
        return builder.Uri;
    }

    /// <inheritdoc />
    public async Task<IntervalsOAuthGrant> ExchangeCodeAsync(string clientId, string clientSecret, string code, Uri? redirectUri = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret))
        {
            throw Invalid("The OAuth client id and secret are required for the code exchange (Intervals.icu → Settings → Manage App).");
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            throw Invalid("The OAuth callback carried no 'code'. If it carried error=access_denied, the athlete declined.");
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("client_id", clientId.Trim()),
            new("client_secret", clientSecret.Trim()),
            new("code", code.Trim()),
            new("grant_type", "authorization_code"),
        };
        if (redirectUri is not null)
        {
            fields.Add(new("redirect_uri", redirectUri.AbsoluteUri));
        }

        var request = new IntervalsRequest(IntervalsEndpoints.OAuthToken).Form(fields);
        using var response = await ExecuteAsync(request, null, _options.EffectiveTokenEndpoint, cancellationToken).ConfigureAwait(false);
        var token = await ReadAsync(IntervalsEndpoints.OAuthToken, response, IntervalsInternalJsonContext.Default.OAuthTokenResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token.AccessToken))
        {
            throw Unreadable(IntervalsEndpoints.OAuthToken, "a token response without an access token", null);
        }

        var athleteId = token.Athlete?.Id is { } id
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;
        if (string.IsNullOrWhiteSpace(athleteId))
        {
            throw Unreadable(IntervalsEndpoints.OAuthToken, "a token response that names no athlete", null);
        }

        var scopes = IntervalsScopes.Normalize(token.Scope is null ? null : [token.Scope]);
        return new IntervalsOAuthGrant(IntervalsCredential.Bearer(token.AccessToken, scopes), athleteId, token.Athlete?.Name, scopes);
    }

    /// <inheritdoc />
    public Task DisconnectAppAsync(IntervalsCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Kind != IntervalsCredentialKind.Bearer)
        {
            throw Invalid("Only OAuth bearer tokens can be disconnected; an API key is revoked by regenerating it in Intervals.icu settings.");
        }

        return SendAsync(new IntervalsRequest(IntervalsEndpoints.DisconnectApp), credential, cancellationToken);
    }
}
