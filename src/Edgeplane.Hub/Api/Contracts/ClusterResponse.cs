namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One cluster: its declaration, desired/target/applied digests, status, and derived flags. <see cref="Converged"/> is the
/// hub's verdict that the cluster runs its desired bundle and is healthy (desired digest = applied digest, health
/// <c>Healthy</c>); <see cref="InSync"/> compares with the target, which a rollout may hold back.
/// </summary>
public sealed record ClusterResponse(
    string Name,
    string Layer,
    string? Region,
    string? Site,
    string? Provider,
    string? KubernetesVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Capabilities,
    DigestRef Desired,
    DigestRef Target,
    string? AppliedDigest,
    bool InSync,
    bool Offline,
    ClusterStatusResponse Status,
    AgentConnectionResponse Connection,
    ObjectHealthSummaryResponse Objects,
    bool Converged = false)
{
    /// <summary>The rollout run that failed, rolled back or was aborted while this cluster's target lagged its desired digest (it stays on its last good bundle until a newer commit); null otherwise.</summary>
    public long? HeldByRollout { get; init; }
}
