using System.Globalization;
using System.Security.Claims;
using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace IcuSync.Server.Web;

/// <summary>The cookie schemes of the dashboard and the claims they carry. Claims hold ids and names, never secrets.</summary>
public static class WebSession
{
    /// <summary>The signed-in IcuSync account (cookie <c>icusync.session</c>).</summary>
    public const string SessionScheme = "IcuSync.Session";

    /// <summary>A sign-in that Intervals.icu confirmed but that still needs an email to create the account (cookie <c>icusync.pending</c>).</summary>
    public const string PendingScheme = "IcuSync.Pending";

    /// <summary>The OAuth sign-in with Intervals.icu.</summary>
    public const string IntervalsScheme = "Intervals.icu";

    public const string AthleteIdClaim = "icusync:intervals-athlete";
    public const string EmailClaim = "icusync:email";
    public const string CredentialKindClaim = "icusync:credential-kind";
    public const string ScopesClaim = "icusync:scopes";

    /// <summary>The name under which the pending credential is kept in the (encrypted) pending cookie's properties.</summary>
    public const string PendingSecretToken = "intervals_secret";

    /// <summary>The signed-in account's id, or null for anonymous visitors.</summary>
    public static Guid? AccountId(ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true
        && user.Identity.AuthenticationType == SessionScheme
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    /// <summary>Starts a session for <paramref name="account"/>, replacing any pending sign-in.</summary>
    public static async Task SignInAsync(HttpContext context, AccountSummary account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString("D", CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.Name),
            ],
            SessionScheme);
        await context.SignOutAsync(PendingScheme);
        await context.SignInAsync(SessionScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Keeps a confirmed Intervals.icu identity and its credential until the visitor gives an email.</summary>
    public static Task SignInPendingAsync(HttpContext context, PendingConnection pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var claims = new List<Claim>
        {
            new(AthleteIdClaim, pending.AthleteId),
            new(ClaimTypes.Name, pending.Name),
            new(CredentialKindClaim, pending.Kind.ToString()),
            new(ScopesClaim, string.Join(',', pending.Scopes)),
        };
        if (!string.IsNullOrEmpty(pending.Email))
        {
            claims.Add(new Claim(EmailClaim, pending.Email));
        }

        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = PendingSecretToken, Value = pending.Secret }]);
        return context.SignInAsync(PendingScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, PendingScheme)), properties);
    }

    /// <summary>Reads a pending sign-in (from the API-key form or from the OAuth callback), or null.</summary>
    public static async Task<PendingConnection?> ReadPendingAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PendingScheme);
        if (!result.Succeeded)
        {
            return null;
        }

        var user = result.Principal;
        var athleteId = user.FindFirstValue(AthleteIdClaim);
        var secret = result.Properties.GetTokenValue(PendingSecretToken) ?? result.Properties.GetTokenValue("access_token");
        if (string.IsNullOrEmpty(athleteId) || string.IsNullOrEmpty(secret)
            || !Enum.TryParse<CredentialKind>(user.FindFirstValue(CredentialKindClaim), out var kind))
        {
            return null;
        }

        var scopes = (user.FindFirstValue(ScopesClaim) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PendingConnection(athleteId, user.FindFirstValue(ClaimTypes.Name) ?? athleteId, user.FindFirstValue(EmailClaim), kind, secret, scopes);
    }
}
