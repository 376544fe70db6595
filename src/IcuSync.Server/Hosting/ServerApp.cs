using IcuSync.Intervals;
using Microsoft.AspNetCore.HttpOverrides;
using IcuSync.Sandbox;
using IcuSync.Server.Accounts;
using IcuSync.Server.Data;
using IcuSync.Server.Coaching;
using IcuSync.Server.Mcp;
using IcuSync.Server.Web;

namespace IcuSync.Server.Hosting;

/// <summary>A started IcuSync host: the web app, and the in-process sandbox when no Intervals.icu is configured.</summary>
public sealed class RunningServer(WebApplication app, SandboxServer? sandbox, IReadOnlyList<DemoPrincipalUrl> demoUrls) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public SandboxServer? Sandbox { get; } = sandbox;

    public IReadOnlyList<DemoPrincipalUrl> DemoUrls { get; } = demoUrls;

    public Uri BaseAddress => new(App.Urls.First());

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }
}

/// <summary>Builds and starts the host. <c>Program.cs</c>, the tests and the benchmarks all start it through here.</summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<RunningServer> StartAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables("ICUSYNC_");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The MCP URL carries a secret token: keep request paths out of the framework's request logs. None, not Warning:
        // while this category is enabled at all, hosting opens a log scope holding RequestPath on every request.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        configure?.Invoke(builder);
        ConfigureLogFormat(builder);
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = builder.Configuration.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(30)));
        builder.AddIcuSyncTelemetry();

        SandboxServer? sandbox = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration["Intervals:BaseAddress"]))
        {
            var sandboxOptions = new SandboxOptions
            {
                Seed = builder.Configuration.GetValue("Sandbox:Seed", 42),
                DatasetPath = builder.Configuration["Sandbox:Dataset"],
                RateLimitPerSecond = builder.Configuration.GetValue("Sandbox:RateLimitPerSecond", 10),
                RateLimitBurst = builder.Configuration.GetValue("Sandbox:RateLimitBurst", 10),
            };
            // Generated data is not needed to start serving (only to answer Intervals.icu reads), so it is built in the
            // background while the host starts; reads that come earlier wait for it. A dataset folder is loaded before
            // starting, so that a bad folder stops the start with its message.
            sandbox = sandboxOptions.DatasetPath is null
                ? SandboxServer.Open(sandboxOptions, cancellationToken)
                : await SandboxServer.StartAsync(sandboxOptions, cancellationToken);
            builder.Services.AddSingleton(sandbox);
            builder.Configuration["Intervals:BaseAddress"] = sandbox.BaseAddress.ToString();
            builder.Configuration["Intervals:Sandbox"] = "true";
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["PublicBaseUrl"]))
        {
            var listen = builder.Configuration["urls"] ?? DefaultUrl;
            builder.Configuration["PublicBaseUrl"] = listen.Split(';')[0].TrimEnd('/');
        }

        builder.Services.AddIcuSyncServices(builder.Configuration);
        builder.Services.AddIcuSyncWeb(builder.Configuration);
        builder.Services.AddIcuSyncMcpServer().WithToolTelemetry().WithHttpTransport(options => options.Stateless = true);
        builder.Services.AddIcuSyncRateLimits(builder.Configuration);
        builder.Services.AddIcuSyncHealthChecks();
        if (builder.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? ["127.0.0.1", "::1"])
                {
                    options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }

        // Last, after Razor Pages' antiforgery registered Data Protection (and its key-ring loader) once more.
        builder.Services.SkipKeyRingPreload();
        var app = builder.Build();
        var started = false;
        try
        {
            await app.Services.MigrateIcuSyncDatabaseAsync(cancellationToken);
            if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
            {
                app.UseForwardedHeaders();
            }

            app.UseRateLimiter();
            app.UseIcuSyncWeb();
            app.UseMcpOriginCheck();
            app.UseMcpRequestLimits();
            app.UseMiddleware<McpTokenMiddleware>();
            app.MapIcuSyncHealth();
            app.MapPrometheusScrapingEndpoint(app.Configuration["Telemetry:PrometheusPath"] ?? "/metrics");
            app.MapMcp("/mcp/{token}");
            app.MapIcuSyncWeb();

            await app.StartAsync(cancellationToken);
            started = true;
            IReadOnlyList<DemoPrincipalUrl> demo = [];
            // Demo principals are seeded on the built-in sandbox, or on an external sandbox flagged with Intervals:Sandbox=true
            // (several instances sharing one database and one sandbox seed the same accounts and tokens).
            if (sandbox is not null || app.Configuration.GetValue("Intervals:Sandbox", false))
            {
                using var scope = app.Services.CreateScope();
                demo = (await scope.ServiceProvider.GetRequiredService<IDemoSeeder>().SeedAsync(cancellationToken)).Principals;
            }

            return new RunningServer(app, sandbox, demo);
        }
        catch
        {
            // A taken address, a bad setting, or a stop signal before the start finished (the demo seeding runs while the
            // server already answers): stop gracefully what was started, draining calls already admitted, and release
            // what was opened so far (the sandbox is not owned by the container) before passing the error on.
            if (started)
            {
                await app.StopAsync(CancellationToken.None);
            }

            await app.DisposeAsync();
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Logs are JSON lines (one object per event, scopes included) when <c>Logging:Format</c> is <c>json</c>, or by default
    /// when standard output is not a terminal (a service, a container); plain text on a terminal.
    /// </summary>
    private static void ConfigureLogFormat(WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"];
        var json = format is null ? Console.IsOutputRedirected : format.Equals("json", StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
        }
    }

    /// <summary>Everything the host registers, shared by the HTTP server and the admin command.</summary>
    public static IServiceCollection AddIcuSyncServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        // A year of activities can exceed HybridCache's 1 MB default; such reads would silently go uncached.
        services.AddHybridCache(options => options.MaximumPayloadBytes = 16 * 1024 * 1024);
        var redis = configuration["Redis:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // HybridCache uses any registered IDistributedCache as its second level.
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = configuration["Redis:InstanceName"] ?? "icusync:";
            });
        }

        services.AddIntervalsClient(options => configuration.GetSection("Intervals").Bind(options));
        services.AddIcuSyncAccounts(configuration);
        services.AddScoped<ICallerContext, HttpCallerContext>();
        services.AddCoaching();
        return services;
    }
}
