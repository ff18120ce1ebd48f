using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Hub.Store;

/// <summary>
/// What an agent observed in its cluster. Reports carry a sequence number per cluster; the store keeps only
/// a report newer than the last one taken, so a retried or reordered report changes nothing.
/// </summary>
internal sealed record ClusterStatusReport(
    string Cluster,
    long Sequence,
    DateTime ObservedAt,
    string? AppliedDigest,
    string? KubernetesVersion,
    string? Health,
    bool Drifted,
    IReadOnlyList<ClusterCondition> Conditions)
{
    /// <summary>The agent's version.</summary>
    public string? AgentVersion { get; init; }

    /// <summary>Objects the agent reported health for (including those cut by the per-report limits).</summary>
    public int ObjectCount { get; init; }

    /// <summary>Objects whose health is Failed.</summary>
    public int ObjectsFailed { get; init; }

    /// <summary>Objects whose health is InProgress.</summary>
    public int ObjectsInProgress { get; init; }

    /// <summary>Objects that drifted from the desired state.</summary>
    public int DriftCount { get; init; }

    /// <summary>The change set, objects that are not Current and the drift entries, as JSON (bounded by the sender).</summary>
    public string? DetailsJson { get; init; }

    /// <summary>On a management cluster, the Cluster API Cluster objects it provisions, as its agent reported them.</summary>
    public IReadOnlyList<ProvisionedClusterReport> Provisioned { get; init; } = [];

    /// <summary>
    /// True when the report left nothing out (<c>truncated_objects</c> is 0): a provisioned cluster of this management
    /// cluster missing from <see cref="Provisioned"/> then has no Cluster object any more.
    /// </summary>
    public bool ProvisionedComplete { get; init; } = true;
}

/// <summary>What became of a status report.</summary>
internal enum StatusReportOutcome
{
    /// <summary>Newer than the last one: stored.</summary>
    Recorded,

    /// <summary>Not newer than the last one taken: ignored.</summary>
    Stale,

    /// <summary>No such cluster (or removed): ignored.</summary>
    UnknownCluster,
}
