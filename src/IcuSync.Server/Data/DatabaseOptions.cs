using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IcuSync.Server.Data;

/// <summary>Which database holds accounts, tokens and Data Protection keys (configuration section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public const string DefaultSqliteConnectionString = "Data Source=data/icusync.db";

    /// <summary><c>sqlite</c> (default, a file under <c>data/</c>) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>A Microsoft.Data.Sqlite or Npgsql connection string; optional for SQLite.</summary>
    public string? ConnectionString { get; set; }

    internal bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    internal string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqliteConnectionString : ConnectionString;
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var provider = options.Provider?.Trim() ?? "";
        if (!provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase)
            && !provider.Equals(DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider is '{options.Provider}'. Use 'sqlite' (default, a file under data/) or 'postgres' with Database:ConnectionString.");
        }

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Database:ConnectionString is empty but Database:Provider is 'postgres'. Set it, e.g. 'Host=127.0.0.1;Database=icusync;Username=icusync;Password=…'.");
            }

            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                return ValidateOptionsResult.Fail(
                    "Database:ConnectionString is not a valid Npgsql connection string. Use the form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.");
            }

            return ValidateOptionsResult.Success;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.EffectiveConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                return ValidateOptionsResult.Fail(
                    "Database:ConnectionString has no 'Data Source'. Use e.g. 'Data Source=data/icusync.db', or leave it empty for that default.");
            }
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                "Database:ConnectionString is not a valid SQLite connection string. Use e.g. 'Data Source=data/icusync.db', or leave it empty for that default.");
        }

        return ValidateOptionsResult.Success;
    }
}
