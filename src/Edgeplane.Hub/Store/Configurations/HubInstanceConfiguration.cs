using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

internal sealed class HubInstanceConfiguration : IEntityTypeConfiguration<HubInstanceRecord>
{
    public void Configure(EntityTypeBuilder<HubInstanceRecord> builder)
    {
        builder.ToTable("hub_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(32);
        builder.Property(i => i.Name).HasMaxLength(HubInstance.MaxNameLength);
    }
}
