using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcuSync.Server.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIcuSyncDbContext>
{
    public SqliteIcuSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIcuSyncDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context; generating migrations never connects.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIcuSyncDbContext>
{
    public PostgresIcuSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIcuSyncDbContext>().UseNpgsql("Host=127.0.0.1;Database=icusync_design").Options);
}
