namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A cluster with the objects of its desired bundle and the detail of its agent's last status report (change set,
/// objects that are not Current, drift), null until the agent reports through the gateway.
/// </summary>
public sealed record ClusterDetailResponse(ClusterResponse Cluster, BundleSummaryResponse? DesiredBundle, AgentStatusDetails? StatusDetails = null);
