namespace Edgeplane.Hub.Store;

/// <summary>What the hub knows of one cluster that decides its lifecycle phase, with the phase it has now.</summary>
/// <param name="Name">The cluster.</param>
/// <param name="Removed">An applied revision took it out of Git.</param>
/// <param name="RemovedBy">The revision that removed it (its target revision), when removed.</param>
/// <param name="ManagementCluster">The cluster that provisions it through Cluster API; null for a cluster that exists already.</param>
/// <param name="Observation">What its management cluster last reported about its Cluster object; null before any report.</param>
/// <param name="Enrolled">Its agent holds an identity: enrolled and not revoked.</param>
/// <param name="Converged">The hub's convergence verdict (<see cref="ConvergenceRule"/>).</param>
/// <param name="AppliedDigest">The bundle its agent last reported applied.</param>
/// <param name="Phase">The stored phase; null until first judged.</param>
/// <param name="Reason">The stored reason.</param>
/// <param name="Since">When it entered <paramref name="Phase"/>.</param>
/// <param name="TransitionsJson">When each phase was first reached (JSON), as stored.</param>
internal sealed record LifecycleFacts(
    string Name, bool Removed, string? RemovedBy, string? ManagementCluster, ProvisionedObservation? Observation, bool Enrolled, bool Converged,
    string? AppliedDigest, string? Phase, string? Reason, DateTime? Since, string? TransitionsJson);

/// <summary>A lifecycle write: the new phase and reason of a cluster, guarded by the ones it had when judged.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="OldPhase">The phase it had (null: never judged).</param>
/// <param name="OldReason">The reason it had.</param>
/// <param name="Phase">The phase it has now.</param>
/// <param name="Reason">Why.</param>
/// <param name="Since">When it entered <paramref name="Phase"/>.</param>
/// <param name="TransitionsJson">When each phase was first reached (JSON).</param>
internal sealed record LifecycleChange(string Cluster, string? OldPhase, string? OldReason, string Phase, string Reason, DateTime Since,
    string TransitionsJson)
{
    /// <summary>The phase changed (not only the reason): written to the audit log.</summary>
    public bool PhaseChanged => OldPhase != Phase;

    /// <summary>The audit entry's details: <c>Provisioning → Provisioned: control plane initialized on …</c>.</summary>
    public string AuditDetails => OldPhase is null ? $"{Phase}: {Reason}" : $"{OldPhase} → {Phase}: {Reason}";
}

/// <summary>A removed cluster whose identity is not revoked yet, and the revision that removed it.</summary>
internal sealed record RemovedCluster(string Name, string? RemovedBy);
