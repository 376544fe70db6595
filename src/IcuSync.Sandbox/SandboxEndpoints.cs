using IcuSync.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IcuSync.Sandbox;

/// <summary>Mounts the emulated Intervals.icu API (<c>/api/v1/...</c>) and OAuth pages on any ASP.NET Core app.</summary>
public static class SandboxEndpoints
{
    /// <summary>
    /// Maps the sandbox's endpoints: <c>/api/v1/**</c> (auth, faults and rate limit included; unknown paths answer 404
    /// and known paths with the wrong method 405, in Spring's shape), <c>/oauth/authorize</c> and
    /// <c>/api/oauth/token</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapIntervalsSandbox(this IEndpointRouteBuilder app, SandboxStore store, SandboxFaults faults) =>
        app.MapIntervalsSandbox(store, faults, new SandboxRequestLog());

    /// <summary>Maps the sandbox's endpoints like <see cref="MapIntervalsSandbox(IEndpointRouteBuilder, SandboxStore, SandboxFaults)"/>, counting API requests in <paramref name="requests"/>.</summary>
    public static IEndpointRouteBuilder MapIntervalsSandbox(this IEndpointRouteBuilder app, SandboxStore store, SandboxFaults faults, SandboxRequestLog requests)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(requests);

        var routes = new ApiRouteTable();
        var group = app.MapGroup("/api/v1");
        group.AddEndpointFilter(new ApiPipeline(store, faults, requests));
        var map = new ApiMap(group, routes, "/api/v1");

        AthleteApi.Map(map, store);
        ActivityApi.Map(map, store);
        CurveApi.Map(map, store);
        WellnessApi.Map(map, store);
        EventApi.Map(map, store);
        LibraryApi.Map(map, store);
        GearApi.Map(map, store);
        map.Delete("/disconnect-app", context =>
        {
            var caller = Access.Caller(context);
            if (!caller.IsBearer)
            {
                return ApiResults.Error(401, "disconnect-app needs the application's bearer token, not an API key");
            }

            store.OAuth.Revoke(caller.CredentialKey["token:".Length..]);
            return ApiResults.Empty();
        });

        group.Map("/{**rest}", (HttpContext context) =>
        {
            var methods = routes.MethodsFor(context.Request.Path);
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                return ApiResults.Spring(context, 405, "Method Not Allowed");
            }

            return ApiResults.Spring(context, 404, "Not Found");
        });

        OAuthApi.Map(app, store);
        return app;
    }
}

/// <summary>Registers a handler and remembers its route for 405 detection.</summary>
internal sealed class ApiMap(RouteGroupBuilder group, ApiRouteTable routes, string prefix)
{
    public void Get(string pattern, Func<HttpContext, IResult> handler) => Add("GET", pattern, context => Task.FromResult(handler(context)));

    public void Get(string pattern, Func<HttpContext, Task<IResult>> handler) => Add("GET", pattern, handler);

    public void Put(string pattern, Func<HttpContext, Task<IResult>> handler) => Add("PUT", pattern, handler);

    public void Post(string pattern, Func<HttpContext, Task<IResult>> handler) => Add("POST", pattern, handler);

    public void Delete(string pattern, Func<HttpContext, IResult> handler) => Add("DELETE", pattern, context => Task.FromResult(handler(context)));

    /// <summary>Maps <c>path</c> and <c>path.{ext}</c> (the spec's <c>{ext}</c> suffix: empty, <c>.json</c> or <c>.csv</c>).</summary>
    public void GetWithExt(string pattern, Func<HttpContext, IResult> handler)
    {
        Get(pattern, handler);
        Get(pattern + ".{ext}", handler);
    }

    private void Add(string method, string pattern, Func<HttpContext, Task<IResult>> handler)
    {
        routes.Add(prefix, pattern, method);
        group.MapMethods(pattern, [method], (Delegate)handler);
    }
}
