using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.ClusterApi;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;

namespace Edgeplane.Agent.Status;

/// <summary>
/// What the agent last saw in its cluster: the last apply's counts, each object's health, the last drift check, the
/// CRDs whose prune is held back, the worker pools that wait for their control plane, and (on a management cluster) the
/// Cluster API clusters it provisions.
/// </summary>
internal sealed record ClusterObservation
{
    public static ClusterObservation Empty { get; } = new();

    public ChangeCounts? ChangeSet { get; init; }

    public IReadOnlyList<ObjectHealth> Health { get; init; } = [];

    /// <summary>What the latest drift check found (corrected entries included; cleared by the next clean check).</summary>
    public IReadOnlyList<ObjectDrift> Drift { get; init; } = [];

    public string? KubernetesVersion { get; init; }

    /// <summary>The nodes as last read with <see cref="KubernetesVersion"/>; null before the first read.</summary>
    public NodeReadiness? Nodes { get; init; }

    /// <summary>CRDs the last apply (or prune retry) did not prune because objects of their kind would go with them.</summary>
    public IReadOnlyList<PruneBlock> PruneBlocked { get; init; } = [];

    /// <summary>Cluster API worker pools the last apply (or drift correction) held back until their control plane is Current.</summary>
    public IReadOnlyList<ApplyDeferral> Deferred { get; init; } = [];

    /// <summary>
    /// On a management cluster, the Cluster API Cluster objects its bundle provisions, as last read; null before the first
    /// read (and on clusters that provision none).
    /// </summary>
    public IReadOnlyList<ProvisionedClusterState>? Provisioned { get; init; }

    /// <summary>Cluster objects beyond the per-report limit, left out of <see cref="Provisioned"/>.</summary>
    public int ProvisionedOmitted { get; init; }

    public bool AllCurrent => Health.Count > 0 && Health.All(h => h.Status == HealthStatus.Current);

    public IEnumerable<ObjectHealth> Failed => Health.Where(h => h.Status == HealthStatus.Failed);

    public IEnumerable<ObjectHealth> NotCurrent => Health.Where(h => h.Status != HealthStatus.Current);
}
