using System.Globalization;
using System.Text;
using IcuSync.Sandbox.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace IcuSync.Sandbox.Api;

/// <summary>
/// Runs before every <c>/api/v1</c> handler: injected faults, the per-credential rate limiter, authentication,
/// then turns request errors into the real API's error bodies.
/// </summary>
internal sealed class ApiPipeline(SandboxStore store, SandboxFaults faults, SandboxRequestLog requests) : IEndpointFilter
{
    public const string CallerKey = "icusync.sandbox.caller";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        requests.Record(http.Request.Method, http.Request.Path.Value ?? "");
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, http.RequestAborted);
        }

        switch (faults.Next())
        {
            case FaultKind.Drop:
                http.Abort();
                return Results.Empty;
            case FaultKind.ServerError:
                return ApiResults.Error(500, "Internal server error (sandbox fault injection)");
            case FaultKind.Throttle:
                http.Response.Headers.RetryAfter = Seconds(faults.RetryAfter);
                return ApiResults.Error(429, "Too many requests");
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (store.RateLimiter is { } limiter)
        {
            var key = authorization.Length > 0 ? "cred:" + authorization : "ip:" + http.Connection.RemoteIpAddress;
            if (!limiter.TryAcquire(key, out var wait))
            {
                requests.RecordThrottled();
                http.Response.Headers.RetryAfter = Seconds(wait);
                return ApiResults.Error(429, "Too many requests");
            }
        }

        var (caller, failure) = Authenticate(authorization);
        if (caller is null)
        {
            if (failure == 401)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"intervals.icu\"";
                return ApiResults.Unauthorized();
            }

            return ApiResults.AccessDenied();
        }

        http.Items[CallerKey] = caller;
        try
        {
            return await next(context);
        }
        catch (WireFormatException ex)
        {
            return ApiResults.Error(ex.Status, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Like the real server: a 500 whose error names the exception (no stack trace).
            return ApiResults.Error(500, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private (Caller? Caller, int Failure) Authenticate(string header)
    {
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return (null, 401);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || decoded[..colon] != "API_KEY")
            {
                return (null, 401);
            }

            var key = decoded[(colon + 1)..];
            return store.AthleteIdForApiKey(key) is { } athleteId
                ? (new Caller(athleteId, "key:" + key, false, new HashSet<string>(), null), 0)
                : (null, 401);
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (store.OAuth.Find(token) is { } grant)
            {
                return (new Caller(grant.AthleteId, "token:" + token, true, grant.Scopes, SandboxPrincipals.OAuthClientNumericId), 0);
            }

            // The real API answers an API key sent as a bearer token with 403 Access denied.
            return store.AthleteIdForApiKey(token) is not null ? (null, 403) : (null, 401);
        }

        return (null, 401);
    }

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Registered API routes, so unmatched requests can answer 405 (known path, wrong method) or 404.</summary>
internal sealed class ApiRouteTable
{
    private readonly List<(TemplateMatcher Matcher, string Method)> _routes = [];

    public void Add(string prefix, string pattern, string method) =>
        _routes.Add((new TemplateMatcher(TemplateParser.Parse((prefix + pattern).TrimStart('/')), new RouteValueDictionary()), method));

    public IReadOnlyList<string> MethodsFor(PathString path)
    {
        var methods = new List<string>();
        foreach (var (matcher, method) in _routes)
        {
            if (matcher.TryMatch(path, new RouteValueDictionary()) && !methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        return methods;
    }
}

/// <summary>Access rules: <c>0</c> is "me"; others need coach rights; bearer tokens need the scope.</summary>
internal static class Access
{
    public static Caller Caller(HttpContext context) => (Caller)context.Items[ApiPipeline.CallerKey]!;

    /// <summary>Resolves <paramref name="idParam"/> to an athlete the caller may read (or write); null when allowed.</summary>
    public static IResult? Athlete(HttpContext context, SandboxStore store, string idParam, string area, bool write, out string athleteId)
    {
        var caller = Caller(context);
        athleteId = idParam == "0" ? caller.AthleteId : idParam;
        if (area.Length > 0 && !caller.HasScope(area, write))
        {
            return ApiResults.AccessDenied();
        }

        if (athleteId == caller.AthleteId)
        {
            return store.FindAthlete(athleteId) is null ? ApiResults.AccessDenied() : null;
        }

        if (caller.IsBearer && !store.CoachBearerReachesRoster)
        {
            return ApiResults.AccessDenied();
        }

        var permission = store.Permission(caller.AthleteId, athleteId);
        if (permission is null || (write && permission != "WRITE"))
        {
            return ApiResults.AccessDenied();
        }

        return null;
    }

    /// <summary>Finds an activity and checks the caller may access its athlete.</summary>
    public static IResult? Activity(HttpContext context, SandboxStore store, string activityId, bool write, out SandboxActivity activity)
    {
        activity = store.FindActivity(activityId)!;
        if (activity is null)
        {
            return ApiResults.NotFound($"Activity {activityId} not found");
        }

        return Athlete(context, store, activity.AthleteId, Area.Activity, write, out _);
    }
}
