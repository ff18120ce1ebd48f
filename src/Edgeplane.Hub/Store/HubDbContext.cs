using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// The hub's EF Core model, shared by the provider-specific contexts (<see cref="SqliteHubDbContext"/>,
/// <see cref="PostgresHubDbContext"/>), each with its own migration set.
/// </summary>
internal abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RevisionRecord> Revisions => Set<RevisionRecord>();

    public DbSet<RevisionError> RevisionErrors => Set<RevisionError>();

    public DbSet<RevisionChangeRecord> RevisionChanges => Set<RevisionChangeRecord>();

    public DbSet<BundleRecord> Bundles => Set<BundleRecord>();

    public DbSet<BundleIdentitiesRecord> BundleIdentities => Set<BundleIdentitiesRecord>();

    public DbSet<ClusterRecord> Clusters => Set<ClusterRecord>();

    public DbSet<ClusterLabel> ClusterLabels => Set<ClusterLabel>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();

    public DbSet<SourceStateRecord> SourceState => Set<SourceStateRecord>();

    public DbSet<BootstrapTokenEntity> BootstrapTokens => Set<BootstrapTokenEntity>();

    public DbSet<IssuedCertificateEntity> IssuedCertificates => Set<IssuedCertificateEntity>();

    public DbSet<ClusterIdentityEntity> ClusterIdentities => Set<ClusterIdentityEntity>();

    public DbSet<HubInstanceRecord> HubInstances => Set<HubInstanceRecord>();

    public DbSet<RolloutRecord> Rollouts => Set<RolloutRecord>();

    public DbSet<RolloutWaveRecord> RolloutWaves => Set<RolloutWaveRecord>();

    public DbSet<RolloutMemberRecord> RolloutMembers => Set<RolloutMemberRecord>();

    public DbSet<WorkspaceRecord> Workspaces => Set<WorkspaceRecord>();

    public DbSet<WorkspaceClusterRecord> WorkspaceClusters => Set<WorkspaceClusterRecord>();

    /// <summary>
    /// Serializes writers that must not interleave (recording fetches, processing revisions) across hub replicas.
    /// Call inside a transaction; released at its end.
    /// </summary>
    public abstract Task LockForWriteAsync(CancellationToken cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly,
            t => t.Namespace == typeof(HubDbContext).Namespace + ".Configurations");
    }
}
