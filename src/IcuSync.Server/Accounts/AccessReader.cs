using System.Data.Common;
using System.Globalization;
using IcuSync.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IcuSync.Server.Accounts;

/// <summary>
/// The two reads every MCP call starts with, each one plain command on a pooled connection of its own: the access stamp
/// (<see cref="AccessStamps"/>) and, when the principal is not cached, the token row by its digest. Through EF Core
/// the same reads cost several times more per call (an EF SQLite connection re-registers EF's SQL functions on every
/// open, and a compiled query built a delegate on every run), and the first LINQ query of a process compiles EF Core's
/// query pipeline: about a fifth of a cold start, paid by the first tools/list. The SQL names the tables and columns
/// as both providers' migrations create them; <c>AccessReaderTests</c> checks the results against EF Core's.
/// </summary>
internal sealed class AccessReader : IAsyncDisposable
{
    private const string StampSql = """SELECT "Version" FROM "AccessStamps" WHERE "Id" = 1""";

    private const string TokenSql = """
        SELECT t."Id", t."Hash", t."Kind", t."RevokedAt", t."LastUsedAt", t."SelectedAthleteId", t."InvitedCoachId",
               a."Id", a."Name", a."IntervalsAthleteId"
        FROM "McpTokens" AS t LEFT JOIN "AthleteAccounts" AS a ON a."Id" = t."AthleteAccountId"
        WHERE t."Hash" = @hash
        LIMIT 1
        """;

    private readonly Lazy<Func<DbConnection>> open;
    private readonly IAccessCommandObserver[] observers;
    private NpgsqlDataSource? postgres;

    public AccessReader(IOptions<DatabaseOptions> options, IEnumerable<IAccessCommandObserver> observers)
    {
        this.observers = [.. observers];
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
    public async Task<long> ReadStampAsync(CancellationToken cancellationToken)
    {
        await using var connection = open.Value();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StampSql;
        Observe(command);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The token whose digest is <paramref name="hash"/>, with its account's name and athlete id, or null.</summary>
    public async Task<TokenRecord?> FindTokenAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = open.Value();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TokenSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "hash";
        parameter.Value = hash;
        command.Parameters.Add(parameter);
        Observe(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new TokenRecord(
            reader.GetGuid(0),
            reader.GetFieldValue<byte[]>(1),
            Enum.Parse<McpTokenKind>(reader.GetString(2)),
            !reader.IsDBNull(3),
            reader.IsDBNull(4) ? null : Instant(reader.GetValue(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetGuid(6),
            reader.IsDBNull(7) ? null : reader.GetGuid(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9));
    }

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Observe(DbCommand command)
    {
        foreach (var observer in observers)
        {
            observer.Executing(command);
        }
    }

    // SQLite stores instants as UTC ticks (UtcTicksConverter); PostgreSQL as timestamp with time zone.
    private static DateTimeOffset Instant(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant,
        _ => throw new InvalidOperationException($"Unexpected stored instant of type {value.GetType().Name}."),
    };
}

/// <summary>
/// Sees each command <see cref="AccessReader"/> sends, just before it runs, as EF Core's interceptors see EF Core's: for
/// checks of what reaches the database (the token tests assert that only a token's digest does). None is registered by
/// default.
/// </summary>
internal interface IAccessCommandObserver
{
    void Executing(DbCommand command);
}

/// <summary>
/// A token row as <see cref="TokenPrincipalResolver"/> needs it: the token's own columns, and the name and Intervals.icu
/// athlete id of the account it belongs to (<see cref="AccountId"/> is null when it belongs to none, as invited-coach
/// tokens do).
/// </summary>
internal sealed record TokenRecord(
    Guid Id,
    byte[] Hash,
    McpTokenKind Kind,
    bool Revoked,
    DateTimeOffset? LastUsedAt,
    string? SelectedAthleteId,
    Guid? InvitedCoachId,
    Guid? AccountId,
    string? AccountName,
    string? AccountAthleteId);
