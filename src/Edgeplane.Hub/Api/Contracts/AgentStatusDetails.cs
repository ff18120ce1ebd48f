namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The detail of an agent's last status report kept with the cluster (<c>StatusDetailsJson</c>): the change set, the
/// objects that are not Current, and the drift entries, each list capped (<see cref="MaxObjects"/>,
/// <see cref="MaxDrift"/>); <see cref="TruncatedObjects"/> counts what the agent or the hub left out.
/// </summary>
public sealed record AgentStatusDetails(
    ChangeSetCounts ChangeSet,
    IReadOnlyList<ObjectHealthEntry> Objects,
    IReadOnlyList<DriftDetail> Drift,
    int TruncatedObjects,
    string? TargetDigest,
    DateTime? ReportedAt)
{
    /// <summary>Most non-Current objects kept.</summary>
    public const int MaxObjects = 200;

    /// <summary>Most drift entries kept.</summary>
    public const int MaxDrift = 200;

    /// <summary>Most field paths kept per drift entry.</summary>
    public const int MaxDriftFields = 32;
}

/// <summary>Counts of the last apply: created, configured, unchanged, deleted, skipped, failed.</summary>
public sealed record ChangeSetCounts(int Created, int Configured, int Unchanged, int Deleted, int Skipped, int Failed);

/// <summary>One object's health: <c>Current</c>, <c>InProgress</c>, <c>Failed</c> or <c>Unknown</c>, and why.</summary>
public sealed record ObjectHealthEntry(string ApiVersion, string Kind, string? Namespace, string Name, string Status, string? Message);

/// <summary>One drifted object and the field paths that differ from the desired state.</summary>
public sealed record DriftDetail(string ApiVersion, string Kind, string? Namespace, string Name, IReadOnlyList<string> Fields);
