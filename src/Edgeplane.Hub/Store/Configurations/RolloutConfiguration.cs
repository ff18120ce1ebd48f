using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class RolloutConfiguration :
    IEntityTypeConfiguration<RolloutRecord>, IEntityTypeConfiguration<RolloutWaveRecord>, IEntityTypeConfiguration<RolloutMemberRecord>
{
    public void Configure(EntityTypeBuilder<RolloutRecord> builder)
    {
        builder.ToTable("rollouts");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Sha).HasMaxLength(64);
        builder.Property(r => r.Policy).HasMaxLength(63);
        builder.Property(r => r.State).HasMaxLength(24);
        builder.Property(r => r.Reason).HasMaxLength(StoreLimits.MaxReason);
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => r.Sha);
        builder.HasMany(r => r.Waves).WithOne().HasForeignKey(w => w.RolloutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RolloutId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RolloutWaveRecord> builder)
    {
        builder.ToTable("rollout_waves");
        builder.HasKey(w => new { w.RolloutId, w.Index });
        builder.Property(w => w.Name).HasMaxLength(63);
        builder.Property(w => w.State).HasMaxLength(24);
    }

    public void Configure(EntityTypeBuilder<RolloutMemberRecord> builder)
    {
        builder.ToTable("rollout_members");
        builder.HasKey(m => new { m.RolloutId, m.Cluster });
        builder.Property(m => m.Cluster).HasMaxLength(253);
        builder.Property(m => m.State).HasMaxLength(24);
        builder.Property(m => m.FromDigest).HasMaxLength(80);
        builder.Property(m => m.ToDigest).HasMaxLength(80);
        builder.Property(m => m.RollbackDigest).HasMaxLength(80);
        builder.Property(m => m.RollbackRevision).HasMaxLength(64);
        builder.Property(m => m.FromKubernetesVersion).HasMaxLength(32);
        builder.Property(m => m.ToKubernetesVersion).HasMaxLength(32);
        builder.Property(m => m.Reason).HasMaxLength(StoreLimits.MaxReason);
        builder.HasIndex(m => m.Cluster);
    }
}
