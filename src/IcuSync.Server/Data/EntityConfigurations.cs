using IcuSync.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcuSync.Server.Data;

internal sealed class AthleteAccountConfiguration : IEntityTypeConfiguration<AthleteAccount>
{
    public void Configure(EntityTypeBuilder<AthleteAccount> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Email).HasMaxLength(254).IsRequired();
        builder.HasIndex(a => a.Email).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.Property(a => a.IntervalsAthleteId).HasMaxLength(64);
        builder.HasIndex(a => a.IntervalsAthleteId).IsUnique();
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        builder.Property(a => a.CredentialKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ProtectedCredential).HasMaxLength(4000);
        builder.Property(a => a.CredentialScopes).HasMaxLength(500);
        builder.Property(a => a.Plan).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class InvitedCoachConfiguration : IEntityTypeConfiguration<InvitedCoach>
{
    public void Configure(EntityTypeBuilder<InvitedCoach> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Email).HasMaxLength(254).IsRequired();
        builder.HasIndex(c => c.Email).IsUnique();
    }
}

internal sealed class CoachInviteConfiguration : IEntityTypeConfiguration<CoachInvite>
{
    public void Configure(EntityTypeBuilder<CoachInvite> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => new { i.AthleteAccountId, i.InvitedCoachId }).IsUnique();
        builder.HasIndex(i => i.InvitedCoachId);
        builder.HasOne(i => i.AthleteAccount).WithMany().HasForeignKey(i => i.AthleteAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.InvitedCoach).WithMany().HasForeignKey(i => i.InvitedCoachId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Grants).WithOne().HasForeignKey(g => g.InviteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoachGrantConfiguration : IEntityTypeConfiguration<CoachGrant>
{
    public void Configure(EntityTypeBuilder<CoachGrant> builder)
    {
        builder.HasKey(g => new { g.InviteId, g.Tool });
        builder.Property(g => g.Tool).HasMaxLength(64);
    }
}

internal sealed class McpTokenConfiguration : IEntityTypeConfiguration<McpToken>
{
    public void Configure(EntityTypeBuilder<McpToken> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.OwnerKey).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Hash).HasMaxLength(32).IsRequired();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.ProtectedValue).HasMaxLength(2000).IsRequired();
        builder.Property(t => t.SelectedAthleteId).HasMaxLength(64);

        // One live token per owner: concurrent issuers cannot both succeed. The quoted identifiers work on SQLite and PostgreSQL.
        builder.HasIndex(t => t.OwnerKey).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        builder.HasIndex(t => t.AthleteAccountId);
        builder.HasIndex(t => t.InvitedCoachId);
        builder.HasOne<AthleteAccount>().WithMany().HasForeignKey(t => t.AthleteAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InvitedCoach>().WithMany().HasForeignKey(t => t.InvitedCoachId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfirmationLinkConfiguration : IEntityTypeConfiguration<ConfirmationLink>
{
    public void Configure(EntityTypeBuilder<ConfirmationLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Hash).HasMaxLength(32).IsRequired();
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<InvitedCoach>().WithMany().HasForeignKey(l => l.InvitedCoachId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Event).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.AthleteAccountId);
        builder.HasIndex(e => e.InvitedCoachId);
    }
}

internal sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> builder)
    {
        builder.HasKey(r => new { r.CoachAccountId, r.AthleteId });
        builder.Property(r => r.AthleteId).HasMaxLength(64);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Permission).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<AthleteAccount>().WithMany().HasForeignKey(r => r.CoachAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RateLimitHitConfiguration : IEntityTypeConfiguration<RateLimitHit>
{
    public void Configure(EntityTypeBuilder<RateLimitHit> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Key).HasMaxLength(80).IsRequired();
        builder.HasIndex(h => new { h.Key, h.At });
        builder.HasIndex(h => h.At);
    }
}

internal sealed class AccessStampConfiguration : IEntityTypeConfiguration<AccessStamp>
{
    public void Configure(EntityTypeBuilder<AccessStamp> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new AccessStamp { Id = AccessStamps.RowId, Version = 0 });
    }
}
