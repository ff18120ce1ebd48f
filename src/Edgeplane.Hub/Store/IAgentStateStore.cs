namespace Edgeplane.Hub.Store;

/// <summary>
/// Persistence port of the agent gateway: status reports in batches, and each cluster's connection state
/// (availability, owning stream, last contact). Every method is one transaction.
/// </summary>
internal interface IAgentStateStore
{
    /// <summary>
    /// Records many status reports in one transaction, each only if its sequence is higher than the last one taken
    /// for its cluster (idempotent, like <see cref="IClusterStore.RecordStatusAsync"/>). Outcomes in input order.
    /// </summary>
    Task<IReadOnlyList<StatusReportOutcome>> RecordStatusBatchAsync(
        IReadOnlyList<ClusterStatusReport> reports, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one batch of connection-state writes: claims first (a stream takes ownership of its cluster's
    /// state), then availability changes (each only if its stream still owns the cluster), then last-seen times.
    /// Returns the clusters whose availability change was ignored because another stream owns them now.
    /// </summary>
    Task<IReadOnlyList<string>> WriteAgentStateAsync(AgentStateBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Marks Offline every cluster still Online, Degraded or Unknown whose agent no gateway has seen since
    /// <paramref name="seenBefore"/> (its gateway replica stopped, and the agent did not come back). Returns how many.
    /// </summary>
    Task<int> MarkUnseenOfflineAsync(DateTime seenBefore, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The stored connection state of every cluster a gateway has seen (availability not null), except the clusters another
    /// registered hub instance than <paramref name="instance"/> serves: a replica takes over only what nobody serves.
    /// </summary>
    Task<IReadOnlyList<StoredAvailability>> ListAvailabilityAsync(string instance, CancellationToken cancellationToken);
}

/// <summary>Connection-state writes collected by the gateway between two flushes.</summary>
/// <param name="Claims">Streams that opened: they own their cluster's state from now on.</param>
/// <param name="Changes">Availability changes decided by the gateway.</param>
/// <param name="Seen">Clusters whose agent was heard from since the last flush.</param>
/// <param name="SeenAt">The time written as their last-seen.</param>
/// <param name="Instance">The hub instance (<see cref="HubInstance.Id"/>) whose streams made the claims.</param>
internal sealed record AgentStateBatch(
    IReadOnlyList<AgentClaim> Claims, IReadOnlyList<AvailabilityChange> Changes, IReadOnlyList<string> Seen, DateTime SeenAt, string Instance)
{
    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => Claims.Count == 0 && Changes.Count == 0 && Seen.Count == 0;
}

/// <summary>A stream of <paramref name="Cluster"/> opened: <paramref name="Session"/> owns its connection state now.</summary>
internal sealed record AgentClaim(string Cluster, string Session, string? AgentVersion, DateTime At);

/// <summary>The availability of <paramref name="Cluster"/> changed, as decided by the owner <paramref name="Session"/>.</summary>
internal sealed record AvailabilityChange(string Cluster, string Session, string Availability, DateTime Since, string Reason);

/// <summary>A cluster's stored connection state.</summary>
internal sealed record StoredAvailability(string Cluster, string Availability, DateTime Since, string? Reason, string? Session, DateTime? LastSeen);
