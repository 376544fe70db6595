using IcuSync.Intervals;
using ModelContextProtocol.Server;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IcuSync.Server.Hosting;

/// <summary>
/// OpenTelemetry for the host: ASP.NET Core, HttpClient, the Intervals.icu client and IcuSync's own tool and cache
/// instruments; a Prometheus scrape endpoint, and OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or
/// <c>Telemetry:OtlpEndpoint</c>) is set.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The route template reported for MCP requests instead of their path, which holds the token.</summary>
    public const string McpRoute = "/mcp/{token}";

    public static WebApplicationBuilder AddIcuSyncTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("icusync", serviceVersion: Mcp.McpSetup.ServerVersion))
            .WithTracing(tracing => tracing
                .AddSource(IcuSyncTelemetry.SourceName, IntervalsTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
                    options.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Path.StartsWithSegments("/mcp"))
                        {
                            activity.SetTag("url.path", McpRoute);
                            activity.DisplayName = $"{request.Method} {McpRoute}";
                        }

                        activity.SetTag("url.query", null);
                    };
                })
                .AddHttpClientInstrumentation(options =>
                    options.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.query", null)))
            .WithMetrics(metrics => metrics
                .AddMeter(IcuSyncTelemetry.MeterName, IntervalsTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentationIfAvailable()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Times every tool call and counts it by tool and outcome.</summary>
    public static IMcpServerBuilder WithToolTelemetry(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            var tool = context.Params?.Name ?? "unknown";
            using var activity = IcuSyncTelemetry.Source.StartActivity("tools/call " + tool);
            activity?.SetTag("mcp.tool.name", tool);
            var started = TimeProvider.System.GetTimestamp();
            var ok = false;
            try
            {
                var result = await next(context, cancellationToken);
                ok = result.IsError is not true;
                return result;
            }
            finally
            {
                activity?.SetTag("mcp.tool.outcome", ok ? "ok" : "error");
                IcuSyncTelemetry.RecordToolCall(tool, ok, TimeProvider.System.GetElapsedTime(started));
            }
        }));

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime");
}
