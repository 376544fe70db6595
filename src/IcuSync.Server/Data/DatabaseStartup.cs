using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Data;

/// <summary>Applies the migrations of the configured provider before anything reads the database.</summary>
public static partial class DatabaseStartup
{
    /// <summary>
    /// Creates the SQLite folder if needed and applies pending migrations (SQLite or PostgreSQL).
    /// Safe to call from several instances at once: EF Core takes a migration lock.
    /// </summary>
    public static async Task MigrateIcuSyncDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IcuSync.Server.Data");
        var file = IcuSyncDbContextFactory.SqliteFilePath(options);
        if (file is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        var factory = services.GetRequiredService<IDbContextFactory<IcuSyncDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        if (file is not null)
        {
            // WAL lets readers (MCP calls) proceed while a writer holds the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Create the Data Protection key now, outside any request: keys live in this database, and SQLite has one writer.
        services.GetService<IDataProtectionProvider>()?.CreateProtector("IcuSync.Startup").Protect("ready");
        LogMigrated(logger, options.IsPostgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite, pending);
    }

    /// <summary>Host form of <see cref="MigrateIcuSyncDatabaseAsync(IServiceProvider, CancellationToken)"/>; call before <c>RunAsync</c>.</summary>
    public static Task UseIcuSyncDatabaseAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.MigrateIcuSyncDatabaseAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Database ready ({Provider}); applied {Count} migration(s)")]
    private static partial void LogMigrated(ILogger logger, string provider, int count);
}
