namespace Edgeplane.Hub.Store;

/// <summary>
/// What an agent observed in its cluster. Reports carry a sequence number per cluster; the store keeps only
/// a report newer than the last one taken, so a retried or reordered report changes nothing.
/// </summary>
public sealed record ClusterStatusReport(
    string Cluster,
    long Sequence,
    DateTime ObservedAt,
    string? AppliedDigest,
    string? KubernetesVersion,
    string? Health,
    bool Drifted,
    IReadOnlyList<ClusterCondition> Conditions);

/// <summary>A condition in the Kubernetes habit: <c>Ready</c>/<c>True</c>/<c>Applied</c>/"…".</summary>
public sealed record ClusterCondition(string Type, string Status, string? Reason, string? Message);

/// <summary>What became of a status report.</summary>
public enum StatusReportOutcome
{
    /// <summary>Newer than the last one: stored.</summary>
    Recorded,

    /// <summary>Not newer than the last one taken: ignored.</summary>
    Stale,

    /// <summary>No such cluster (or removed): ignored.</summary>
    UnknownCluster,
}
