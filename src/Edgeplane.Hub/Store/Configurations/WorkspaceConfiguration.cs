using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Edgeplane.Hub.Store.Configurations;

/// <summary>The workspace directory's tables, and the scope and lifetime columns of API tokens.</summary>
internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<WorkspaceRecord>, IEntityTypeConfiguration<WorkspaceClusterRecord>,
    IEntityTypeConfiguration<ApiTokenRecord>
{
    public void Configure(EntityTypeBuilder<WorkspaceRecord> builder)
    {
        builder.ToTable("workspaces");
        builder.HasKey(w => w.Name);
        builder.Property(w => w.Name).HasMaxLength(253);
        builder.Property(w => w.Revision).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<WorkspaceClusterRecord> builder)
    {
        builder.ToTable("workspace_clusters");
        builder.HasKey(w => new { w.Workspace, w.Cluster });
        builder.Property(w => w.Workspace).HasMaxLength(253);
        builder.Property(w => w.Cluster).HasMaxLength(253);
        builder.HasIndex(w => w.Cluster);
    }

    /// <summary>Only the columns added for scoped tokens; the table itself is configured with the audit log.</summary>
    public void Configure(EntityTypeBuilder<ApiTokenRecord> builder)
    {
        builder.Property(t => t.Subject).HasMaxLength(TokenLimits.MaxSubjectLength);
        builder.Property(t => t.Workspace).HasMaxLength(253);
        builder.Property(t => t.Description).HasMaxLength(TokenLimits.MaxDescriptionLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(TokenLimits.MaxSubjectLength);
        builder.HasIndex(t => t.Workspace);
    }
}
