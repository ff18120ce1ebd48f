namespace Edgeplane.Hub.Api.Contracts;

/// <summary>One cluster: its declaration, desired/target/applied digests, status, and derived flags.</summary>
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
    ObjectHealthSummaryResponse Objects);
