using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Web;

/// <summary>
/// ASP.NET Core's OAuth handler (state protection, correlation cookie, callback) adapted to Intervals.icu:
/// comma-separated scopes, a redirect URI built from the public base URL (the server may sit behind a proxy), and a
/// code exchange that reads the athlete who consented from the token response and tells an outage from a refusal.
/// </summary>
internal sealed class IntervalsOAuthHandler(
    IOptionsMonitor<OAuthOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<PublicUrlOptions> publicUrl) : OAuthHandler<OAuthOptions>(options, loggerFactory, encoder)
{
    /// <summary>Where Intervals.icu sends the browser back.</summary>
    public const string CallbackPath = "/signin/intervals/callback";

    private const string OutageKey = "icusync:outage";

    private string PublicRedirectUri => publicUrl.Value.BaseUrl.TrimEnd('/') + CallbackPath;

    protected override string FormatScope(IEnumerable<string> scopes) => string.Join(',', scopes);

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri) =>
        base.BuildChallengeUrl(properties, PublicRedirectUri);

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        // Codes are single-use and expire about two minutes after consent: exchange at once, never retry.
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = Options.ClientId,
                ["client_secret"] = Options.ClientSecret,
                ["code"] = context.Code,
                ["grant_type"] = "authorization_code",
                ["redirect_uri"] = PublicRedirectUri,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await Backchannel.SendAsync(request, Context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            return OAuthTokenResponse.Failed(SignInFailure(outage: true, "Intervals.icu could not be reached for the code exchange."));
        }
        catch (TaskCanceledException) when (!Context.RequestAborted.IsCancellationRequested)
        {
            return OAuthTokenResponse.Failed(SignInFailure(outage: true, "Intervals.icu did not answer the code exchange in time."));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || status == 429)
            {
                return OAuthTokenResponse.Failed(SignInFailure(outage: true, $"Intervals.icu answered the code exchange with HTTP {status.ToString(CultureInfo.InvariantCulture)}."));
            }

            if (!response.IsSuccessStatusCode)
            {
                return OAuthTokenResponse.Failed(SignInFailure(outage: false, $"Intervals.icu refused the code exchange with HTTP {status.ToString(CultureInfo.InvariantCulture)} (expired or used code, or wrong client credentials)."));
            }

            try
            {
                using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Context.RequestAborted), cancellationToken: Context.RequestAborted);
                var root = body.RootElement;
                var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var athlete = root.TryGetProperty("athlete", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                var athleteId = athlete.ValueKind == JsonValueKind.Object && athlete.TryGetProperty("id", out var id)
                    ? id.ValueKind switch
                    {
                        JsonValueKind.String => id.GetString(),
                        JsonValueKind.Number => id.GetRawText(),
                        _ => null,
                    }
                    : null;
                if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(athleteId))
                {
                    return OAuthTokenResponse.Failed(SignInFailure(outage: false, "The code exchange answer named no access token or no athlete."));
                }

                var name = athlete.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var scope = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                return OAuthTokenResponse.Success(JsonSerializer.SerializeToDocument(new Dictionary<string, string?>
                {
                    ["token_type"] = "Bearer",
                    ["access_token"] = token,
                    ["scope"] = string.Join(',', IntervalsScopes.Normalize(scope is null ? null : [scope])),
                    ["athlete_id"] = athleteId.Trim(),
                    ["athlete_name"] = name,
                }));
            }
            catch (JsonException)
            {
                return OAuthTokenResponse.Failed(SignInFailure(outage: true, "Intervals.icu answered the code exchange with something that is not JSON."));
            }
        }
    }

    /// <summary>True when a remote sign-in failure was an Intervals.icu outage rather than a refusal.</summary>
    public static bool IsOutage(Exception? failure) => failure?.Data[OutageKey] is true;

    private static AuthenticationFailureException SignInFailure(bool outage, string message)
    {
        var failure = new AuthenticationFailureException(message);
        failure.Data[OutageKey] = outage;
        return failure;
    }

    protected override Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var root = tokens.Response!.RootElement;
        var athleteId = root.GetProperty("athlete_id").GetString() ?? "";
        var name = root.TryGetProperty("athlete_name", out var n) ? n.GetString() : null;
        identity.AddClaim(new Claim(WebSession.AthleteIdClaim, athleteId));
        identity.AddClaim(new Claim(ClaimTypes.Name, string.IsNullOrWhiteSpace(name) ? athleteId : name));
        identity.AddClaim(new Claim(WebSession.CredentialKindClaim, nameof(CredentialKind.OAuth)));
        identity.AddClaim(new Claim(WebSession.ScopesClaim, root.GetProperty("scope").GetString() ?? ""));
        return base.CreateTicketAsync(identity, properties, tokens);
    }
}
