namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A cluster with the objects of its desired bundle.</summary>
public sealed record ClusterDetailResponse(ClusterResponse Cluster, BundleSummaryResponse? DesiredBundle);
