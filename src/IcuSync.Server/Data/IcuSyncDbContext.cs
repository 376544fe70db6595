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

    public DbSet<AccessStamp> AccessStamps => Set<AccessStamp>();

    /// <summary>
    /// Saves, and when the changes touch access (see <see cref="Accounts.AccessStamps.Guards"/>) moves the access
    /// stamp on in the same transaction, so every instance drops the principals it resolved before the change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!Accounts.AccessStamps.Guards(ChangeTracker))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await Accounts.AccessStamps.BumpAsync(this, cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return count;
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!Accounts.AccessStamps.Guards(ChangeTracker))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var ownTransaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        Accounts.AccessStamps.Bump(this);
        ownTransaction?.Commit();
        return count;
    }

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
        modelBuilder.ApplyConfiguration(new AccessStampConfiguration());
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
