using IcuSync.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace IcuSync.Server.Tests.Infrastructure;

/// <summary>
/// The real host on a loopback port, on the in-process sandbox, with its own database
/// (a temporary SQLite file, or a fresh schema on the test PostgreSQL).
/// </summary>
public sealed class IcuSyncTestHost : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private IcuSyncTestHost(RunningServer server, string dataDirectory)
    {
        Server = server;
        _dataDirectory = dataDirectory;
    }

    public RunningServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public string DataDirectory => _dataDirectory;

    /// <summary>The demo MCP URL printed for a principal whose label contains <paramref name="who"/>.</summary>
    public string DemoUrl(string who) =>
        Server.DemoUrls.First(d => d.Who.Contains(who, StringComparison.OrdinalIgnoreCase)).McpUrl;

    public static async Task<IcuSyncTestHost> StartAsync(
        string provider = "sqlite",
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("icusync-test-").FullName;
        var port = TestServices.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var config = new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["PublicBaseUrl"] = url,
            ["Smtp:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
            ["Sandbox:Seed"] = "42",

            // Tests fire calls far faster than a person; the rate-limit tests set their own low limits.
            ["RateLimits:McpPerTokenBurst"] = "100000",
            ["RateLimits:McpPerTokenPerSecond"] = "100000",
            ["RateLimits:McpPerIpBurst"] = "100000",
            ["RateLimits:McpPerIpPerSecond"] = "100000",
            ["RateLimits:FormsPerIpBurst"] = "100000",
            ["RateLimits:FormsPerIpPerMinute"] = "100000",
        };
        if (provider == "postgres")
        {
            config["Database:Provider"] = "postgres";
            config["Database:ConnectionString"] = FreshPostgresDatabase();
        }
        else
        {
            config["Database:Provider"] = "sqlite";
            config["Database:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "icusync.db")}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var server = await ServerApp.StartAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        }, cancellationToken);
        return new IcuSyncTestHost(server, dataDirectory);
    }

    /// <summary>Connects the SDK's real MCP client over Streamable HTTP.</summary>
    public static async Task<McpClient> ConnectAsync(string mcpUrl, CancellationToken cancellationToken = default)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(mcpUrl),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        return await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite's pool; the temp folder is cleaned by the OS.
        }
    }

    public static string FreshPostgresDatabase()
    {
        // One database per host keeps parallel test classes independent.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString);
        var name = $"icusync_{Guid.NewGuid():N}"[..30];
        using (var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }
}
