using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for the cluster registry: declarations, digests and observed status.</summary>
internal interface IClusterStore
{
    /// <summary>Clusters matching <paramref name="query"/>, by name.</summary>
    Task<Page<ClusterView>> ListClustersAsync(ClusterQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The fleet map: clusters matching <paramref name="query"/>, by name, with only their place and states (a cluster
    /// no gateway tracks is offline when it has not reported since <paramref name="offlineBefore"/>).
    /// </summary>
    Task<Page<ClusterMapRow>> ListMapAsync(ClusterQuery query, DateTime offlineBefore, CancellationToken cancellationToken);

    /// <summary>One cluster with its labels, or null.</summary>
    Task<ClusterView?> GetClusterAsync(string name, CancellationToken cancellationToken);

    /// <summary>The ids of the hub instances whose lease is live now (for <see cref="LinkRule.Live"/> in a query).</summary>
    Task<IReadOnlySet<string>> ListLiveInstancesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Counts by layer. Offline: the gateway marked the cluster Offline, or no gateway ever tracked it and it sent no
    /// status since <paramref name="offlineBefore"/>. Unknown: no live hub process vouches for its link
    /// (<see cref="LinkRule"/>), or no gateway ever tracked it and it sent a status since then.
    /// </summary>
    Task<FleetSummary> GetFleetSummaryAsync(DateTime offlineBefore, CancellationToken cancellationToken);

    /// <summary>The summary over the clusters <paramref name="workspaces"/> target only (null: every cluster).</summary>
    Task<FleetSummary> GetFleetSummaryAsync(DateTime offlineBefore, IReadOnlyList<string>? workspaces, CancellationToken cancellationToken);

    /// <summary>Records an agent's status report if it is newer than the last one taken (idempotent).</summary>
    Task<StatusReportOutcome> RecordStatusAsync(ClusterStatusReport report, CancellationToken cancellationToken);

    /// <summary>The current target of every cluster not removed (what a gateway sends agents that connect).</summary>
    Task<IReadOnlyList<ClusterTargetChange>> ListTargetsAsync(CancellationToken cancellationToken);
}
