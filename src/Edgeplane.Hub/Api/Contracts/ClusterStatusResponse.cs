namespace Edgeplane.Hub.Api.Contracts;

/// <summary>What the cluster's agent last reported (empty until an agent reports).</summary>
public sealed record ClusterStatusResponse(
    DateTime? LastSeen, string? Health, bool Drifted, string? KubernetesVersion, IReadOnlyList<ClusterCondition> Conditions);
