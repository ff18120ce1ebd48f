namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A cluster with the objects of its desired bundle and the detail of its agent's last status report (change set,
/// objects that are not Current, drift), null until the agent reports through the gateway. The bundle's objects are
/// also grouped by the fleet resource that produced them, each group with its health: <see cref="AddOns"/>,
/// <see cref="Applications"/>, <see cref="NetworkFunctions"/> and <see cref="OtherSources"/> (each at most
/// <see cref="ClusterComponentResponse.MaxComponents"/>; <see cref="TruncatedComponents"/> counts what was left out). A
/// workspace-scoped caller gets only its workspaces' applications, network functions and workspace objects.
/// </summary>
public sealed record ClusterDetailResponse(ClusterResponse Cluster, BundleSummaryResponse? DesiredBundle, AgentStatusDetails? StatusDetails = null)
{
    /// <summary>The platform add-ons in the desired bundle, in apply order of their first object.</summary>
    public IReadOnlyList<ClusterComponentResponse> AddOns { get; init; } = [];

    /// <summary>The workspaces' Applications in the desired bundle.</summary>
    public IReadOnlyList<ClusterComponentResponse> Applications { get; init; } = [];

    /// <summary>The workspaces' NetworkFunctions (CNFs and VNFs) in the desired bundle.</summary>
    public IReadOnlyList<ClusterComponentResponse> NetworkFunctions { get; init; } = [];

    /// <summary>Every other source of objects: a workspace's namespaces and access, a cluster's upgrade plans or provisioned clusters.</summary>
    public IReadOnlyList<ClusterComponentResponse> OtherSources { get; init; } = [];

    /// <summary>Components left out of the four lists above by <see cref="ClusterComponentResponse.MaxComponents"/>.</summary>
    public int TruncatedComponents { get; init; }
}
