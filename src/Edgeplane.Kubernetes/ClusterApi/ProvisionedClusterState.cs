namespace Edgeplane.Kubernetes.ClusterApi;

/// <summary>
/// One Cluster API <c>Cluster</c> object on a management cluster, as its controllers report it (v1beta2 status; the
/// v1beta1 fields where they differ).
/// </summary>
/// <param name="Cluster">The fleet cluster it provisions (its <c>edgeplane.dev/provisioned-cluster</c> label).</param>
/// <param name="Namespace">The object's namespace.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Phase"><c>status.phase</c> (Pending, Provisioning, Provisioned, Deleting, Failed, Unknown), or null before the controller wrote one.</param>
/// <param name="InfrastructureProvisioned"><c>status.initialization.infrastructureProvisioned</c>.</param>
/// <param name="ControlPlaneInitialized"><c>status.initialization.controlPlaneInitialized</c>: the workload cluster's API server answers.</param>
/// <param name="Conditions">The conditions that matter for its lifecycle, at most <see cref="ProvisionedClusterReader.MaxConditions"/>.</param>
/// <param name="DeletionTimestamp"><c>metadata.deletionTimestamp</c>, set once the Cluster is being deleted.</param>
public sealed record ProvisionedClusterState(
    string Cluster,
    string Namespace,
    string Name,
    string? Phase,
    bool InfrastructureProvisioned,
    bool ControlPlaneInitialized,
    IReadOnlyList<ObservedCondition> Conditions,
    DateTimeOffset? DeletionTimestamp);

/// <summary>A status condition of a live object as written by its controller.</summary>
/// <param name="Type">E.g. <c>Available</c>.</param>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">PascalCase reason, when given.</param>
/// <param name="Message">Human-readable detail, when given.</param>
/// <param name="LastTransitionTime">When the status last changed, when given.</param>
public sealed record ObservedCondition(string Type, string Status, string? Reason, string? Message, DateTimeOffset? LastTransitionTime);
