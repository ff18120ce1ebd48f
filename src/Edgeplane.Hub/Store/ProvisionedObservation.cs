namespace Edgeplane.Hub.Store;

/// <summary>
/// What a management cluster's agent last reported about one provisioned cluster's Cluster API Cluster object (stored
/// with the provisioned cluster, as JSON).
/// </summary>
/// <param name="ReportedBy">The management cluster whose report it was.</param>
/// <param name="ObservedAt">When the hub stored the report.</param>
/// <param name="Object">The Cluster object as reported; null when a complete report no longer had it (it is gone).</param>
internal sealed record ProvisionedObservation(string ReportedBy, DateTime ObservedAt, ProvisionedClusterReport? Object);

/// <summary>One Cluster API Cluster object as a management cluster's agent reports it (<c>StatusReport.provisioned_clusters</c>).</summary>
/// <param name="Cluster">The fleet cluster it provisions.</param>
/// <param name="Namespace">Its namespace on the management cluster.</param>
/// <param name="Name">Its name.</param>
/// <param name="Phase"><c>status.phase</c>, or null when not reported yet.</param>
/// <param name="InfrastructureProvisioned"><c>status.initialization.infrastructureProvisioned</c>.</param>
/// <param name="ControlPlaneInitialized"><c>status.initialization.controlPlaneInitialized</c>.</param>
/// <param name="Conditions">Its lifecycle conditions (bounded by the protocol).</param>
/// <param name="DeletionTimestamp">Set while the object is being deleted.</param>
internal sealed record ProvisionedClusterReport(string Cluster, string Namespace, string Name, string? Phase, bool InfrastructureProvisioned,
    bool ControlPlaneInitialized, IReadOnlyList<ProvisionedCondition> Conditions, DateTime? DeletionTimestamp)
{
    /// <summary>Equal content (records compare lists by reference).</summary>
    public bool SameAs(ProvisionedClusterReport? other) =>
        other is not null && this with { Conditions = [] } == other with { Conditions = [] } && Conditions.SequenceEqual(other.Conditions);
}

/// <summary>A condition of a Cluster API Cluster object.</summary>
internal sealed record ProvisionedCondition(string Type, string Status, string? Reason, string? Message, DateTime? LastTransitionTime);
