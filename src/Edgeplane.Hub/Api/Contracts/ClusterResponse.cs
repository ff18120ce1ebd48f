namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One cluster: its declaration, desired/target/applied digests, status, and derived flags. <see cref="Converged"/> is the
/// hub's verdict that the cluster runs its desired bundle and is healthy (desired digest = applied digest, health
/// <c>Healthy</c>); <see cref="InSync"/> compares with the target, which a rollout may hold back.
/// </summary>
public sealed record ClusterResponse(
    string Name,
    string Layer,
    string? Region,
    string? Site,
    string? Provider,
    string? KubernetesVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Capabilities,
    DigestRef Desired,
    DigestRef Target,
    string? AppliedDigest,
    bool InSync,
    bool Offline,
    ClusterStatusResponse Status,
    AgentConnectionResponse Connection,
    ObjectHealthSummaryResponse Objects,
    bool Converged = false)
{
    /// <summary>The rollout run that failed, rolled back or was aborted while this cluster's target lagged its desired digest (it stays on its last good bundle until a newer commit); null otherwise.</summary>
    public long? HeldByRollout { get; init; }

    /// <summary>How a management cluster creates this cluster through Cluster API (<c>spec.provisioning</c>); null for a cluster that exists already.</summary>
    public ProvisioningResponse? Provisioning { get; init; }

    /// <summary>Where the cluster is in its life: phase, reason, since, and when each phase was first reached.</summary>
    public LifecycleResponse? Lifecycle { get; init; }
}

/// <summary>A cluster's provisioning through Cluster API.</summary>
/// <param name="Template">The ClusterTemplate it is made from.</param>
/// <param name="ManagementCluster">The cluster whose bundle carries its Cluster API objects.</param>
/// <param name="Namespace">Namespace of those objects in the management cluster.</param>
public sealed record ProvisioningResponse(string Template, string ManagementCluster, string Namespace)
{
    /// <summary><c>Retain</c> (taking the cluster out of Git keeps the real cluster) or <c>Delete</c> (an approved removal deletes it).</summary>
    public string DeletionPolicy { get; init; } = "Retain";
}
