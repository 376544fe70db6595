using IcuSync.Intervals;
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

        // The MCP URL carries a secret token: keep request paths out of the framework's request logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        configure?.Invoke(builder);

        SandboxServer? sandbox = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration["Intervals:BaseAddress"]))
        {
            sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                Seed = builder.Configuration.GetValue("Sandbox:Seed", 42),
                DatasetPath = builder.Configuration["Sandbox:Dataset"],
            }, cancellationToken);
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
        builder.Services.AddIcuSyncMcpServer().WithHttpTransport(options => options.Stateless = true);

        var app = builder.Build();
        await app.Services.MigrateIcuSyncDatabaseAsync(cancellationToken);
        app.UseIcuSyncWeb();
        app.UseMiddleware<McpTokenMiddleware>();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapMcp("/mcp/{token}");
        app.MapIcuSyncWeb();

        await app.StartAsync(cancellationToken);

        IReadOnlyList<DemoPrincipalUrl> demo = [];
        if (sandbox is not null)
        {
            using var scope = app.Services.CreateScope();
            demo = (await scope.ServiceProvider.GetRequiredService<IDemoSeeder>().SeedAsync(cancellationToken)).Principals;
        }

        return new RunningServer(app, sandbox, demo);
    }

    /// <summary>Everything the host registers, shared by the HTTP server and the admin command.</summary>
    public static IServiceCollection AddIcuSyncServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddHybridCache();
        services.AddIntervalsClient(options => configuration.GetSection("Intervals").Bind(options));
        services.AddIcuSyncAccounts(configuration);
        services.AddScoped<ICallerContext, HttpCallerContext>();
        services.AddCoaching();
        return services;
    }
}
