using Edgeplane.Agent.Targets;

namespace Edgeplane.Agent.State;

/// <summary>
/// What the agent must remember across restarts besides its identity, bundles and status outbox: the last target the
/// hub sent, the bundle last applied successfully, and whether the hub revoked the cluster. Immutable; replaced whole.
/// </summary>
public sealed record AgentCheckpoint
{
    /// <summary>The newest target received from the hub, or null before the first.</summary>
    public HubTarget? Target { get; init; }

    /// <summary>Digest of the bundle whose objects all applied last, or null.</summary>
    public string? AppliedDigest { get; init; }

    /// <summary>Revision of <see cref="AppliedDigest"/>.</summary>
    public string? AppliedRevision { get; init; }

    /// <summary>When <see cref="AppliedDigest"/> was applied.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>When the hub revoked this cluster (a Goodbye REVOKED or a refused call), else null.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>What the hub said when it revoked the cluster.</summary>
    public string? RevokedMessage { get; init; }
}
