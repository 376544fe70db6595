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
        // A restart on an up-to-date database is the common case. One query answers it, and skipping MigrateAsync
        // skips its lock, its second history read and its model-snapshot comparison: about a quarter of a cold start.
        var state = await ReadStateAsync(db, cancellationToken);
        var pending = 0;
        if (!state.UpToDate)
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (file is not null && !state.UpToDate)
        {
            // WAL lets readers (MCP calls) proceed while a writer holds the file. The mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (!state.HasDataProtectionKey)
        {
            // Create the Data Protection key now, outside any request: keys live in this database, and SQLite has one
            // writer. Once a key exists the ring is only read, so it is left to load on first use, off the start path.
            services.GetService<IDataProtectionProvider>()?.CreateProtector("IcuSync.Startup").Protect("ready");
        }

        LogMigrated(logger, options.IsPostgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite, pending);
    }

    /// <summary>
    /// Whether every migration in the assembly is recorded as applied (same count, same latest id), and whether a Data
    /// Protection key exists, read with plain SQL (no model needed). Any failure, such as a missing table on a new
    /// database, answers "not up to date" and the full migration path runs.
    /// </summary>
    private static async Task<(bool UpToDate, bool HasDataProtectionKey)> ReadStateAsync(IcuSyncDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        try
        {
            if (opened)
            {
                // A PostgreSQL database that does not exist yet fails here; MigrateAsync creates it.
                await connection.OpenAsync(cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText =
                """SELECT COUNT(*), MAX("MigrationId"), (SELECT COUNT(*) FROM "DataProtectionKeys") FROM "__EFMigrationsHistory";""";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(1, cancellationToken))
            {
                return (false, false);
            }

            var upToDate = known.Count > 0 && reader.GetInt64(0) == known.Count && reader.GetString(1) == known[^1];
            return (upToDate, upToDate && reader.GetInt64(2) > 0);
        }
        catch (System.Data.Common.DbException)
        {
            return (false, false);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
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
