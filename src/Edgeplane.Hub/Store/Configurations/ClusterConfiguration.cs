using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<ClusterRecord>, IEntityTypeConfiguration<ClusterLabel>
{
    public void Configure(EntityTypeBuilder<ClusterRecord> builder)
    {
        builder.ToTable("clusters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(253);
        builder.Property(c => c.Layer).HasMaxLength(63);
        builder.Property(c => c.Region).HasMaxLength(63);
        builder.Property(c => c.Site).HasMaxLength(253);
        builder.Property(c => c.Provider).HasMaxLength(63);
        builder.Property(c => c.KubernetesVersion).HasMaxLength(32);
        builder.Property(c => c.ObservedKubernetesVersion).HasMaxLength(32);
        builder.Property(c => c.Health).HasMaxLength(32);
        foreach (var digest in new[] { nameof(ClusterRecord.DesiredDigest), nameof(ClusterRecord.DesiredContentDigest),
            nameof(ClusterRecord.TargetDigest), nameof(ClusterRecord.AppliedDigest) })
        {
            builder.Property(digest).HasMaxLength(80);
        }
        builder.Property(c => c.DesiredRevision).HasMaxLength(64);
        builder.Property(c => c.TargetRevision).HasMaxLength(64);
        builder.Property(c => c.AgentVersion).HasMaxLength(64);
        builder.Property(c => c.Availability).HasMaxLength(16);
        builder.Property(c => c.AvailabilityReason).HasMaxLength(64);
        builder.Property(c => c.AgentSession).HasMaxLength(64);
        builder.Property(c => c.OwnerInstance).HasMaxLength(32);
        builder.Property(c => c.ManagementCluster).HasMaxLength(253);
        builder.Property(c => c.LifecyclePhase).HasMaxLength(16);
        builder.Property(c => c.LifecycleReason).HasMaxLength(1024);
        builder.HasIndex(c => c.ManagementCluster);
        builder.HasIndex(c => new { c.Layer, c.Name });
        builder.HasIndex(c => c.Region);
        builder.HasIndex(c => c.Site);
        builder.HasMany(c => c.Labels).WithOne().HasForeignKey(l => l.ClusterName).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ClusterLabel> builder)
    {
        builder.ToTable("cluster_labels");
        builder.HasKey(l => new { l.ClusterName, l.Key });
        builder.Property(l => l.Key).HasMaxLength(317);
        builder.Property(l => l.Value).HasMaxLength(63);
        builder.HasIndex(l => new { l.Key, l.Value });
    }
}
