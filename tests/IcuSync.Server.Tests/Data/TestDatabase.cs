using Microsoft.Data.Sqlite;
using Npgsql;

namespace IcuSync.Server.Tests.Data;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a throwaway schema in the PostgreSQL database
/// named by ICUSYNC_TEST_POSTGRES (first on the search path, so the unqualified model lands in it; a schema costs
/// milliseconds where CREATE DATABASE costs seconds). Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private static int counter;

    private TestDatabase(string provider, string connectionString, string? file, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        File = file;
        PostgresName = postgresName;
    }

    /// <summary>Theory rows: every test that touches the database runs on both providers.</summary>
    public static TheoryData<string> Providers => new() { Sqlite, Postgres };

    public string Provider { get; }

    public string ConnectionString { get; }

    public string? File { get; }

    private string? PostgresName { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "icusync-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"accounts-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={file}", file, null);
        }

        var server = PostgresServer();
        var name = $"acct_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        return new TestDatabase(provider, builder.ConnectionString, null, name);
    }

    /// <summary>The server connection string, or a failure that says how to get one.</summary>
    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable("ICUSYNC_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "ICUSYNC_TEST_POSTGRES is not set, so the PostgreSQL rows of this test cannot run. Run scripts/test.sh, or `source scripts/services.sh && icusync_services_up` first.");

    public async ValueTask DisposeAsync()
    {
        if (File is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { File, File + "-wal", File + "-shm" })
            {
                try
                {
                    System.IO.File.Delete(path);
                }
                catch (IOException)
                {
                    // A lingering handle only leaves a file in the temp folder.
                }
            }

            return;
        }

        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }

        await using var connection = new NpgsqlConnection(PostgresServer());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{PostgresName}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
