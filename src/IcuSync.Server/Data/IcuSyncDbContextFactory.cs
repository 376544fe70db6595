using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace IcuSync.Server.Data;

/// <summary>
/// Creates the provider-specific <see cref="IcuSyncDbContext"/> chosen by <see cref="DatabaseOptions"/>. Contexts are
/// pooled: every MCP call resolves its token through a few short-lived contexts, and building a context's internal
/// services each time was a measurable part of a cached tool call. Disposing a context returns it, reset, to the pool.
/// </summary>
internal sealed class IcuSyncDbContextFactory : IDbContextFactory<IcuSyncDbContext>
{
    private readonly Lazy<Func<IcuSyncDbContext>> create;

    public IcuSyncDbContextFactory(IOptions<DatabaseOptions> options, IEnumerable<IInterceptor> interceptors)
    {
        var interceptorList = interceptors.ToArray();
        create = new Lazy<Func<IcuSyncDbContext>>(() => Build(options.Value, interceptorList));
    }

    public IcuSyncDbContext CreateDbContext() => create.Value();

    private static Func<IcuSyncDbContext> Build(DatabaseOptions options, IInterceptor[] interceptors)
    {
        if (options.IsPostgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresIcuSyncDbContext>()
                .UseNpgsql(options.ConnectionString)
                .AddInterceptors(interceptors)
                .Options;
            return new PooledDbContextFactory<PostgresIcuSyncDbContext>(postgres).CreateDbContext;
        }

        var sqlite = new DbContextOptionsBuilder<SqliteIcuSyncDbContext>()
            .UseSqlite(options.EffectiveConnectionString)
            .AddInterceptors(interceptors)
            .Options;
        return new PooledDbContextFactory<SqliteIcuSyncDbContext>(sqlite).CreateDbContext;
    }

    /// <summary>The SQLite file the connection string names, or null for in-memory databases.</summary>
    internal static string? SqliteFilePath(DatabaseOptions options)
    {
        if (options.IsPostgres)
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(options.EffectiveConnectionString);
        return builder.DataSource is ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource);
    }
}
