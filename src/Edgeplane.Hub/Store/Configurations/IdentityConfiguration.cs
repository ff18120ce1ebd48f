using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<BootstrapTokenEntity>,
    IEntityTypeConfiguration<IssuedCertificateEntity>, IEntityTypeConfiguration<ClusterIdentityEntity>
{
    public void Configure(EntityTypeBuilder<BootstrapTokenEntity> builder)
    {
        builder.ToTable("bootstrap_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(32);
        builder.Property(t => t.SecretHash).HasMaxLength(32);
        builder.Property(t => t.Cluster).HasMaxLength(63);
        builder.HasIndex(t => t.Cluster);
    }

    public void Configure(EntityTypeBuilder<IssuedCertificateEntity> builder)
    {
        builder.ToTable("issued_certificates");
        builder.HasKey(c => c.Serial);
        builder.Property(c => c.Serial).HasMaxLength(64);
        builder.Property(c => c.Cluster).HasMaxLength(63);
        builder.Property(c => c.CertificateDer).HasMaxLength(8192);
        builder.Property(c => c.RenewedAs).HasMaxLength(64);
        builder.HasIndex(c => c.Cluster);
    }

    public void Configure(EntityTypeBuilder<ClusterIdentityEntity> builder)
    {
        builder.ToTable("cluster_identities");
        builder.HasKey(c => c.Cluster);
        builder.Property(c => c.Cluster).HasMaxLength(63);
        builder.Property(c => c.RevocationReason).HasMaxLength(StoreLimits.MaxReason);
    }
}
