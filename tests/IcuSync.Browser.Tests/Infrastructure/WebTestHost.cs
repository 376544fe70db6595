using IcuSync.Server.Accounts;
using IcuSync.Server.Hosting;
using IcuSync.Server.Tests.Infrastructure;

namespace IcuSync.Browser.Tests.Infrastructure;

/// <summary>
/// The real host on a loopback port with the in-process sandbox and a temporary SQLite file. Mail goes to the test SMTP
/// server (real SMTP) or to a pickup folder; every log line is captured, down to Trace level.
/// </summary>
public sealed class WebTestHost : IAsyncDisposable
{
    private WebTestHost(RunningServer server, string dataDirectory, LogCapture logs)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Logs = logs;
    }

    public RunningServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public string DataDirectory { get; }

    public string PickupDirectory => Path.Combine(DataDirectory, "mail");

    public LogCapture Logs { get; }

    public T Service<T>()
        where T : notnull => Server.App.Services.GetRequiredService<T>();

    /// <summary>The demo account of a sandbox athlete id (seeded at start-up).</summary>
    public async Task<AccountSummary> AccountAsync(string athleteId) =>
        await Service<AthleteAccountService>().FindAsync(athleteId, CancellationToken.None)
        ?? throw new InvalidOperationException($"No demo account for {athleteId}: the demo seeder did not run.");

    /// <param name="smtp">True: deliver mail to the test SMTP server; false: write .eml files to <see cref="PickupDirectory"/>.</param>
    /// <param name="settings">Extra configuration, e.g. <c>Intervals:BaseAddress</c> to run without the built-in sandbox.</param>
    public static async Task<WebTestHost> StartAsync(bool smtp, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("icusync-web-").FullName;
        var url = $"http://127.0.0.1:{TestServices.FreePort()}";
        var config = new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["PublicBaseUrl"] = url,
            ["PublicBaseUrl:BaseUrl"] = url,
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "icusync.db")}",
            ["Smtp:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
            ["Sandbox:Seed"] = "42",
            // Every browser test posts forms from 127.0.0.1 to one shared host: lift the per-address form limit.
            ["RateLimits:FormsPerIpBurst"] = "100000",
            ["RateLimits:FormsPerIpPerMinute"] = "100000",
        };
        if (smtp)
        {
            config["Smtp:Host"] = "127.0.0.1";
            config["Smtp:Port"] = TestServices.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            config["Smtp:Security"] = "None";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var logs = new LogCapture();
        var server = await ServerApp.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        return new WebTestHost(server, dataDirectory, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans its temp folder.
        }
    }
}
