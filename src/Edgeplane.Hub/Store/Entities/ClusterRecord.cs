namespace Edgeplane.Hub.Store.Entities;

/// <summary>
/// One cluster: what Git declares, the desired/target/applied digests, and what its agent last observed.
/// </summary>
internal sealed class ClusterRecord
{
    public required string Name { get; set; }

    // Declared in Git.
    public required string Layer { get; set; }

    public string? Region { get; set; }

    public string? Site { get; set; }

    public string? Provider { get; set; }

    public string? KubernetesVersion { get; set; }

    /// <summary>Capabilities as a JSON array of strings.</summary>
    public string CapabilitiesJson { get; set; } = "[]";

    public List<ClusterLabel> Labels { get; set; } = [];

    /// <summary>How a management cluster creates it (<c>ClusterProvisioning</c> as JSON); null for a cluster that exists already.</summary>
    public string? ProvisioningJson { get; set; }

    /// <summary>Set when an approved revision removed the cluster from Git; the row stays for history.</summary>
    public bool Removed { get; set; }

    // Desired (from Git), target (what the rollout allows now), applied (reported).
    public string? DesiredDigest { get; set; }

    public string? DesiredContentDigest { get; set; }

    public string? DesiredRevision { get; set; }

    public int DesiredObjectCount { get; set; }

    public string? TargetDigest { get; set; }

    public string? TargetRevision { get; set; }

    public DateTime? TargetChangedAt { get; set; }

    /// <summary>Increases with every change of the target (removal included); agents ignore an older generation.</summary>
    public long TargetGeneration { get; set; }

    public string? AppliedDigest { get; set; }

    // Observed by the agent.
    public DateTime? LastSeen { get; set; }

    public string? ObservedKubernetesVersion { get; set; }

    public string? Health { get; set; }

    public bool Drifted { get; set; }

    /// <summary>Conditions as a JSON array of <c>{type,status,reason,message}</c>.</summary>
    public string ConditionsJson { get; set; } = "[]";

    /// <summary>Sequence number of the last status report taken; older or repeated reports are ignored.</summary>
    public long StatusSequence { get; set; }

    // From the last status report, beyond the fields above (written by the gateway).
    public string? AgentVersion { get; set; }

    /// <summary>Objects in the applied bundle the agent reported health for (including truncated ones).</summary>
    public int ObjectCount { get; set; }

    public int ObjectsFailed { get; set; }

    public int ObjectsInProgress { get; set; }

    public int DriftCount { get; set; }

    /// <summary>The change set, objects that are not Current, and drift entries of the last report (JSON, bounded).</summary>
    public string? StatusDetailsJson { get; set; }

    // Connection state, decided by the gateway with hysteresis (docs/gateway.md, "Availability").

    /// <summary>
    /// <c>Online</c>, <c>Degraded</c>, <c>Offline</c> or <c>Unknown</c>; null when no gateway has seen the cluster's agent.
    /// Online and Degraded hold only while <see cref="OwnerInstance"/> holds a live lease (<see cref="LinkRule"/>).
    /// </summary>
    public string? Availability { get; set; }

    public DateTime? AvailabilitySince { get; set; }

    /// <summary>PascalCase reason of the last availability change, e.g. <c>HeartbeatsMissed</c>.</summary>
    public string? AvailabilityReason { get; set; }

    /// <summary>Add-on versions and the Kubernetes version the revision declares (JSON object, name → version), for "what changed".</summary>
    public string VersionsJson { get; set; } = "{}";

    /// <summary>The rollout run that failed, rolled back or was aborted while this cluster's target lagged its desired digest; cleared when the target moves again.</summary>
    public long? HeldByRollout { get; set; }

    /// <summary>The gateway stream that owns the cluster's connection state; writes from older streams are ignored.</summary>
    public string? AgentSession { get; set; }

    /// <summary>The hub process (<see cref="HubInstanceRecord.Id"/>) that serves <see cref="AgentSession"/>.</summary>
    public string? OwnerInstance { get; set; }
}
