using Edgeplane.Agent.Link;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Targets;
using Edgeplane.Protocol;

namespace Edgeplane.Agent;

/// <summary>
/// One agent as it is now, for displays and tests: its conditions, target and applied bundle, what it observed in its
/// cluster, the hub link, and the status outbox.
/// </summary>
public sealed record AgentSnapshot
{
    /// <summary>The cluster id (the certificate's CN).</summary>
    public required string Cluster { get; init; }

    /// <summary>Ready, and Reconciling/Stalled while true.</summary>
    public required IReadOnlyList<AgentCondition> Conditions { get; init; }

    /// <summary>The newest target from the hub, or null before the first.</summary>
    public HubTarget? Target { get; init; }

    /// <summary>The bundle whose objects all applied last.</summary>
    public string? AppliedDigest { get; init; }

    /// <summary>The revision of <see cref="AppliedDigest"/>.</summary>
    public string? AppliedRevision { get; init; }

    /// <summary>The cluster's <c>/version</c> gitVersion.</summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>The counts of the last apply.</summary>
    public ChangeCounts? ChangeSet { get; init; }

    /// <summary>Objects whose health is known.</summary>
    public int Objects { get; init; }

    /// <summary>Objects that are Current.</summary>
    public int ObjectsCurrent { get; init; }

    /// <summary>Objects that Failed.</summary>
    public int ObjectsFailed { get; init; }

    /// <summary>Objects the last drift check found drifted.</summary>
    public int Drifted { get; init; }

    /// <summary>The hub link.</summary>
    public required HubLinkStatus Link { get; init; }

    /// <summary>The last status sequence handed out.</summary>
    public ulong LastStatusSequence { get; init; }

    /// <summary>The highest sequence the hub acknowledged.</summary>
    public ulong LastAckedSequence { get; init; }

    /// <summary>Reports waiting for acknowledgement.</summary>
    public int PendingReports { get; init; }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public AgentCondition? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);

    /// <summary>True when <c>Ready</c> is True.</summary>
    public bool IsReady => Condition(ConditionTypes.Ready)?.IsTrue == true;

    /// <summary>True when <c>Stalled</c> is True.</summary>
    public bool IsStalled => Condition(ConditionTypes.Stalled)?.IsTrue == true;

    /// <summary>True when the hub revoked the cluster: the agent stopped and needs a new bootstrap token.</summary>
    public bool IsRevoked => Condition(ConditionTypes.Stalled) is { IsTrue: true, Reason: AgentReasons.ClusterRevoked };

    /// <summary>True when the hub's target is applied and Ready.</summary>
    public bool IsConverged => IsReady && Target is { IsEmpty: false } t && t.Digest == AppliedDigest;
}
