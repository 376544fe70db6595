using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IcuSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace IcuSync.Sandbox.Api;

/// <summary>
/// OAuth emulation: <c>GET /oauth/authorize</c> shows the demo athletes with Approve/Deny buttons, the form posts back
/// and redirects with <c>code</c> (or <c>error=access_denied</c>); <c>POST /api/oauth/token</c> exchanges the code.
/// </summary>
internal static class OAuthApi
{
    public static void Map(IEndpointRouteBuilder app, SandboxStore store)
    {
        app.MapGet("/oauth/authorize", (HttpContext context) =>
        {
            var q = context.Request.Query;
            if (Problem(q["client_id"], q["redirect_uri"]) is { } problem)
            {
                return problem;
            }

            var redirect = q["redirect_uri"].ToString();
            if (SandboxOAuth.ParseScopes(q["scope"], out _) is { } scopeError)
            {
                return Results.Redirect(With(redirect, q["state"], ("error", "invalid_scope"), ("error_description", scopeError)));
            }

            return Results.Content(Page(store, q["client_id"]!, redirect, q["scope"].ToString(), q["state"]), "text/html", Encoding.UTF8);
        });

        app.MapPost("/oauth/authorize", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (Problem(form["client_id"], form["redirect_uri"]) is { } problem)
            {
                return problem;
            }

            var redirect = form["redirect_uri"].ToString();
            var state = form["state"].ToString();
            if (!string.Equals(form["decision"], "approve", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Redirect(With(redirect, state, ("error", "access_denied")));
            }

            var scopeText = form["scope"].ToString();
            if (SandboxOAuth.ParseScopes(scopeText, out var scopes) is { } scopeError)
            {
                return Results.Redirect(With(redirect, state, ("error", "invalid_scope"), ("error_description", scopeError)));
            }

            var athleteId = form["athlete_id"].ToString();
            if (store.FindAthlete(athleteId) is null)
            {
                return Results.Content($"Unknown athlete '{WebUtility.HtmlEncode(athleteId)}': pick one of the listed athletes.", "text/plain", Encoding.UTF8, 400);
            }

            var code = store.OAuth.IssueCode(new OAuthGrant(athleteId, scopes, Normalize(scopes, scopeText), form["client_id"]!));
            return Results.Redirect(With(redirect, state, ("code", code)));
        }).DisableAntiforgery();

        app.MapPost("/api/oauth/token", async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return ApiResults.Error(400, "Send client_id, client_secret and code as application/x-www-form-urlencoded.");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["client_id"] != SandboxPrincipals.OAuthClientId || form["client_secret"] != SandboxPrincipals.OAuthClientSecret)
            {
                return ApiResults.Error(404, "Client and/or secret not found");
            }

            var code = form["code"].ToString();
            if (code.Length == 0)
            {
                return ApiResults.Error(400, "code is required: the value the authorize redirect returned.");
            }

            if (store.OAuth.Exchange(code, SandboxPrincipals.OAuthClientId) is not { } issued)
            {
                return ApiResults.Error(400, "Invalid or expired authorization code: codes are single use and valid for 2 minutes.");
            }

            var athlete = store.FindAthlete(issued.Grant.AthleteId);
            return ApiResults.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["access_token"] = issued.Token,
                ["scope"] = issued.Grant.ScopeText,
                ["athlete"] = new JsonObject { ["id"] = issued.Grant.AthleteId, ["name"] = athlete?.Name },
            });
        }).DisableAntiforgery();
    }

    private static IResult? Problem(string? clientId, string? redirectUri)
    {
        if (clientId != SandboxPrincipals.OAuthClientId)
        {
            return Results.Content($"Client '{WebUtility.HtmlEncode(clientId)}' not found. The sandbox app's client_id is {SandboxPrincipals.OAuthClientId}.", "text/plain", Encoding.UTF8, 404);
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Results.Content("redirect_uri must be an absolute http(s) URL.", "text/plain", Encoding.UTF8, 400);
        }

        return null;
    }

    private static string Normalize(HashSet<string> scopes, string requested)
    {
        var explicitScopes = requested.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant());
        return string.Join(',', explicitScopes.Where(scopes.Contains));
    }

    private static string With(string redirect, string? state, params (string Key, string Value)[] values)
    {
        var url = redirect;
        foreach (var (key, value) in values)
        {
            url = QueryHelpers.AddQueryString(url, key, value);
        }

        return string.IsNullOrEmpty(state) ? url : QueryHelpers.AddQueryString(url, "state", state);
    }

    private static string Page(SandboxStore store, string clientId, string redirect, string scope, string? state)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorize IcuSync (sandbox)</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.4rem 0}")
            .Append("button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}</style></head><body>")
            .Append("<h1>Intervals.icu sandbox</h1><p><strong>IcuSync</strong> asks for: <code>").Append(E(scope.Length == 0 ? "(no scopes)" : scope)).Append("</code></p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">")
            .Append("<input type=\"hidden\" name=\"client_id\" value=\"").Append(E(clientId)).Append("\">")
            .Append("<input type=\"hidden\" name=\"redirect_uri\" value=\"").Append(E(redirect)).Append("\">")
            .Append("<input type=\"hidden\" name=\"scope\" value=\"").Append(E(scope)).Append("\">")
            .Append("<input type=\"hidden\" name=\"state\" value=\"").Append(E(state)).Append("\">")
            .Append("<fieldset><legend>Sign in as a demo athlete</legend>");
        var first = true;
        foreach (var a in store.Athletes)
        {
            html.Append("<label><input type=\"radio\" name=\"athlete_id\" value=\"").Append(E(a.Id)).Append('"').Append(first ? " checked" : string.Empty)
                .Append("> ").Append(E(a.Name)).Append(" (").Append(E(a.Id)).Append(")</label>");
            first = false;
        }

        html.Append("</fieldset><button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form></body></html>");
        return html.ToString();
    }
}
