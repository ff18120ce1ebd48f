namespace Edgeplane.Hub.Store;

/// <summary>The desired state of one cluster as stored now (the input of the next revision's plan).</summary>
internal sealed record DesiredCluster(string Name, string? Digest, string? ContentDigest, int ObjectCount)
{
    /// <summary>The Kubernetes version the last applied revision declared for the cluster.</summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>
    /// The Kubernetes version the cluster's target still carries while an active rollout has not judged it yet (its
    /// <c>FromKubernetesVersion</c>); null when no active rollout holds it.
    /// </summary>
    public string? UnjudgedFromKubernetesVersion { get; init; }

    /// <summary>The cluster that provisions it through Cluster API (its objects are in that cluster's bundle); null when none does.</summary>
    public string? ManagementCluster { get; init; }
}
