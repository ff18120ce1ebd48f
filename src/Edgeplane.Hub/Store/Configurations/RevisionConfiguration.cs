using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class RevisionConfiguration
    : IEntityTypeConfiguration<RevisionRecord>, IEntityTypeConfiguration<RevisionError>, IEntityTypeConfiguration<RevisionChangeRecord>
{
    public void Configure(EntityTypeBuilder<RevisionRecord> builder)
    {
        builder.ToTable("revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Sha).HasMaxLength(64);
        builder.HasIndex(r => r.Sha).IsUnique();
        builder.HasIndex(r => r.State);
        builder.Property(r => r.Author).HasMaxLength(256);
        builder.Property(r => r.Message).HasMaxLength(StoreLimits.MaxCommitMessage);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(StoreLimits.MaxReason);
        builder.Property(r => r.RewroteFrom).HasMaxLength(64);
        builder.Property(r => r.ApprovedBy).HasMaxLength(128);
        builder.Property(r => r.BaseSha).HasMaxLength(64);
        builder.HasMany(r => r.Errors).WithOne().HasForeignKey(e => e.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RevisionError> builder)
    {
        builder.ToTable("revision_errors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.File).HasMaxLength(1024);
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.Property(e => e.Message).HasMaxLength(StoreLimits.MaxErrorMessage);
    }

    public void Configure(EntityTypeBuilder<RevisionChangeRecord> builder)
    {
        builder.ToTable("revision_changes");
        builder.HasKey(c => new { c.RevisionId, c.Cluster });
        builder.Property(c => c.Cluster).HasMaxLength(253);
        builder.Property(c => c.FromDigest).HasMaxLength(80);
        builder.Property(c => c.ToDigest).HasMaxLength(80);
        builder.HasOne<RevisionRecord>().WithMany().HasForeignKey(c => c.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}
