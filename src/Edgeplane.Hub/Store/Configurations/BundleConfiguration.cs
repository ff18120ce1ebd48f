using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class BundleConfiguration : IEntityTypeConfiguration<BundleRecord>, IEntityTypeConfiguration<BundleIdentitiesRecord>
{
    public void Configure(EntityTypeBuilder<BundleRecord> builder)
    {
        builder.ToTable("bundles");
        builder.HasKey(b => b.Digest);
        builder.Property(b => b.Digest).HasMaxLength(80);
        builder.Property(b => b.ContentDigest).HasMaxLength(80);
        builder.Property(b => b.Encoding).HasMaxLength(16);
        builder.HasIndex(b => b.ContentDigest);
    }

    public void Configure(EntityTypeBuilder<BundleIdentitiesRecord> builder)
    {
        builder.ToTable("bundle_identities");
        builder.HasKey(b => b.Digest);
        builder.Property(b => b.Digest).HasMaxLength(80);
    }
}
