using IcuSync.Server.Data;
using IcuSync.Server.Tests.Accounts;
using IcuSync.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IcuSync.Server.Tests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public void The_model_has_no_pending_changes_for_sqlite()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add <Name> --context SqliteIcuSyncDbContext' (see docs/accounts.md).");
    }

    [Fact]
    public void The_model_has_no_pending_changes_for_postgres()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run 'dotnet ef migrations add <Name> --context PostgresIcuSyncDbContext' (see docs/accounts.md).");
    }

    [Fact]
    public void Each_provider_has_its_own_migration_set_with_the_same_names()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.Equal(sqliteMigrations.Select(m => m[15..]), postgresMigrations.Select(m => m[15..]));
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_up_applies_every_migration_and_a_second_run_changes_nothing(string provider)
    {
        await using var host = await AccountsTestHost.StartAsync(provider);
        await using var db = await host.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(host.Ct);

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(host.Ct));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(host.Ct));
        Assert.Equal(0, await db.AthleteAccounts.CountAsync(host.Ct));
        Assert.Equal(0, await db.RateLimitHits.CountAsync(host.Ct));

        await host.Services.MigrateIcuSyncDatabaseAsync(host.Ct);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(host.Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Data_protection_keys_live_in_the_database_and_are_shared_by_every_instance(string provider)
    {
        await using var first = await AccountsTestHost.StartAsync(provider);
        var secret = first.Get<IDataProtectionProvider>().CreateProtector("test").Protect("shared secret");

        await using var second = await first.StartAnotherInstanceAsync();

        Assert.Equal("shared secret", second.Get<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        await using var db = await first.Get<IDbContextFactory<IcuSyncDbContext>>().CreateDbContextAsync(first.Ct);
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync(first.Ct));
        Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_restart_leaves_the_key_ring_unread_until_its_first_use(string provider)
    {
        await using var first = await AccountsTestHost.StartAsync(provider);
        var secret = first.Get<IDataProtectionProvider>().CreateProtector("test").Protect("kept");
        var commands = new DbCommandRecorder();

        await using var restarted = await first.StartAnotherInstanceAsync(s => s.AddSingleton<IInterceptor>(commands));

        Assert.DoesNotContain(commands.Commands, c => c.Text.Contains("DataProtectionKeys", StringComparison.Ordinal) && !c.Text.Contains("__EFMigrationsHistory", StringComparison.Ordinal));
        Assert.Equal("kept", restarted.Get<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        Assert.Contains(commands.Commands, c => c.Text.Contains("DataProtectionKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_sqlite_folder_is_created_at_start_up()
    {
        var folder = Path.Combine(Path.GetTempPath(), "icusync-tests", "nested-" + Guid.NewGuid().ToString("N"), "data");
        try
        {
            await using var host = await AccountsTestHost.StartAsync(
                TestDatabase.Sqlite,
                settings => settings["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "icusync.db")}");

            Assert.True(File.Exists(Path.Combine(folder, "icusync.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void The_default_sqlite_file_is_data_icusync_db_under_the_working_folder()
    {
        var path = IcuSyncDbContextFactory.SqliteFilePath(new DatabaseOptions());

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "icusync.db"), path);
        Assert.Null(IcuSyncDbContextFactory.SqliteFilePath(new DatabaseOptions { ConnectionString = "Data Source=:memory:" }));
        Assert.Null(IcuSyncDbContextFactory.SqliteFilePath(new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=x" }));
    }
}
