namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The cluster's agent link as the gateway decides it: <c>Online</c>, <c>Degraded</c> or <c>Offline</c> (with hysteresis,
/// see docs/gateway.md), or <c>Unknown</c> when no live hub process vouches for it (a hub restarted or a replica is gone,
/// and the agent is not back yet); since when and why; the agent's version, when the hub last heard from it, and the
/// sequence of the last status report stored. Only <c>Online</c> and <c>Degraded</c> mean a live link.
/// </summary>
public sealed record AgentConnectionResponse(
    string State, DateTime? Since, string? Reason, string? AgentVersion, DateTime? LastSeen, long LastStatusSequence);
