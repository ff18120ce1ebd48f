using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;

namespace Edgeplane.Agent.Status;

/// <summary>
/// What the agent last saw in its cluster: the last apply's counts, each object's health, the last drift check, and the
/// CRDs whose prune is held back.
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

    public bool AllCurrent => Health.Count > 0 && Health.All(h => h.Status == HealthStatus.Current);

    public IEnumerable<ObjectHealth> Failed => Health.Where(h => h.Status == HealthStatus.Failed);

    public IEnumerable<ObjectHealth> NotCurrent => Health.Where(h => h.Status != HealthStatus.Current);
}
