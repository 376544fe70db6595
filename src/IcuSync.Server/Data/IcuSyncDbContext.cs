using IcuSync.Server.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IcuSync.Server.Data;

/// <summary>
/// The one EF Core model. Each database provider has a thin subclass (<see cref="SqliteIcuSyncDbContext"/>,
/// <see cref="PostgresIcuSyncDbContext"/>) so each keeps its own generated migration set, and its own generated compiled
/// model (<c>Data/CompiledModels</c>), which EF Core uses instead of building the model at every start.
/// After a model change, regenerate both (docs/accounts.md).
/// </summary>
public abstract class IcuSyncDbContext : DbContext, IDataProtectionKeyContext
{
    protected IcuSyncDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AthleteAccount> AthleteAccounts => Set<AthleteAccount>();

    public DbSet<InvitedCoach> InvitedCoaches => Set<InvitedCoach>();

    public DbSet<CoachInvite> CoachInvites => Set<CoachInvite>();

    public DbSet<CoachGrant> CoachGrants => Set<CoachGrant>();

    public DbSet<McpToken> McpTokens => Set<McpToken>();

    public DbSet<ConfirmationLink> ConfirmationLinks => Set<ConfirmationLink>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();

    public DbSet<RateLimitHit> RateLimitHits => Set<RateLimitHit>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new AthleteAccountConfiguration());
        modelBuilder.ApplyConfiguration(new InvitedCoachConfiguration());
        modelBuilder.ApplyConfiguration(new CoachInviteConfiguration());
        modelBuilder.ApplyConfiguration(new CoachGrantConfiguration());
        modelBuilder.ApplyConfiguration(new McpTokenConfiguration());
        modelBuilder.ApplyConfiguration(new ConfirmationLinkConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new RosterEntryConfiguration());
        modelBuilder.ApplyConfiguration(new RateLimitHitConfiguration());
    }
}

/// <summary>The SQLite flavour of <see cref="IcuSyncDbContext"/> (migrations in <c>Data/Migrations/Sqlite</c>).</summary>
public sealed class SqliteIcuSyncDbContext(DbContextOptions<SqliteIcuSyncDbContext> options) : IcuSyncDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: EF stores DateTimeOffset as text and cannot compare or order it in SQL.
        // UTC ticks keep expiry and rate-limit windows as plain integer comparisons.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>The PostgreSQL flavour of <see cref="IcuSyncDbContext"/> (migrations in <c>Data/Migrations/Postgres</c>).</summary>
public sealed class PostgresIcuSyncDbContext(DbContextOptions<PostgresIcuSyncDbContext> options) : IcuSyncDbContext(options);
