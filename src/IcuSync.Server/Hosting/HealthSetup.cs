using System.Text.Json;
using IcuSync.Intervals;
using IcuSync.Sandbox;
using IcuSync.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Hosting;

/// <summary>
/// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> checks the database and that Intervals.icu
/// (or the sandbox) answers HTTP at all, so a load balancer stops sending traffic to an instance that cannot serve.
/// </summary>
public static class HealthSetup
{
    public static IServiceCollection AddIcuSyncHealthChecks(this IServiceCollection services)
    {
        services.AddHttpClient(IntervalsReachabilityCheck.ClientName, http => http.Timeout = TimeSpan.FromSeconds(3));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<IntervalsReachabilityCheck>("intervals", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapIcuSyncHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description, duration_ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        };
        if (report.Entries.Count == 0)
        {
            return context.Response.WriteAsync("{\"status\":\"live\"}", context.RequestAborted);
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

/// <summary>The database answers a trivial query.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<IcuSyncDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("database reachable")
                : HealthCheckResult.Unhealthy("database not reachable");
        }
        catch (Exception error) when (error is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database not reachable: " + error.GetType().Name);
        }
    }
}

/// <summary>Intervals.icu answers HTTP (any status: only the connection matters; no credential is sent).</summary>
internal sealed class IntervalsReachabilityCheck(
    IHttpClientFactory factory, IOptions<IntervalsClientOptions> options, SandboxServer? builtInSandbox = null) : IHealthCheck
{
    public const string ClientName = "icusync-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (builtInSandbox is { IsReady: false })
        {
            // The sandbox builds its data at its first request; a readiness probe counts as one. Calls made now are
            // answered (they wait for the data), but slowly: say so rather than claim full readiness.
            builtInSandbox.WarmUp();
            return builtInSandbox.Ready.IsFaulted
                ? HealthCheckResult.Unhealthy("built-in sandbox failed to start: " + builtInSandbox.Ready.Exception!.GetBaseException().GetType().Name)
                : HealthCheckResult.Degraded("built-in sandbox is still generating its demo data; Intervals.icu reads wait for it");
        }

        var http = factory.CreateClient(ClientName);
        try
        {
            using var response = await http.GetAsync(new Uri(options.Value.BaseAddress, "/api/v1/athlete/0"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HealthCheckResult.Healthy($"Intervals.icu answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Intervals.icu not reachable: " + error.GetType().Name);
        }
    }
}
