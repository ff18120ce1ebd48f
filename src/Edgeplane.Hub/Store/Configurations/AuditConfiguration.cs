using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<ApiTokenRecord>,
    IEntityTypeConfiguration<SourceStateRecord>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(128);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(256);
        builder.Property(a => a.Outcome).HasMaxLength(32);
        builder.Property(a => a.Details).HasMaxLength(StoreLimits.MaxReason);
        builder.Property(a => a.Credential).HasMaxLength(AuditActor.MaxCredential);
        builder.Property(a => a.Source).HasMaxLength(AuditActor.MaxSource);
        builder.Property(a => a.Workspace).HasMaxLength(AuditActor.MaxWorkspace);
        builder.HasIndex(a => a.Time);
        builder.HasIndex(a => a.Actor);
        builder.HasIndex(a => a.Workspace);
    }

    public void Configure(EntityTypeBuilder<ApiTokenRecord> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(32);
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.Property(t => t.Role).HasMaxLength(32);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SourceStateRecord> builder)
    {
        builder.ToTable("source_state");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Head).HasMaxLength(64);
        builder.Property(s => s.LastFetchError).HasMaxLength(StoreLimits.MaxReason);
    }
}
