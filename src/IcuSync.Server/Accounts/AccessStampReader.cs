using System.Data.Common;
using IcuSync.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IcuSync.Server.Accounts;

/// <summary>
/// Reads the access stamp (<see cref="AccessStamps"/>) on every MCP call with one plain command on a pooled connection
/// of its own. Through EF Core the same read cost several times more: an EF SQLite connection re-registers EF's SQL
/// functions on every open, and the compiled query built a delegate on every run.
/// </summary>
internal sealed class AccessStampReader : IAsyncDisposable
{
    private const string Sql = """SELECT "Version" FROM "AccessStamps" WHERE "Id" = 1""";

    private readonly Lazy<Func<DbConnection>> open;
    private NpgsqlDataSource? postgres;

    public AccessStampReader(IOptions<DatabaseOptions> options)
    {
        open = new Lazy<Func<DbConnection>>(() =>
        {
            var database = options.Value;
            if (database.IsPostgres)
            {
                postgres = NpgsqlDataSource.Create(database.ConnectionString!);
                return postgres.CreateConnection;
            }

            var connectionString = database.EffectiveConnectionString;
            return () => new SqliteConnection(connectionString);
        });
    }

    /// <summary>The current version of the stamp (0 if the row is missing, which migrations prevent).</summary>
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = open.Value();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
