namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Cluster counts of one layer.</summary>
public sealed record LayerSummary(string Layer, int Clusters, int InSync, int Drifted, int Unhealthy, int Offline);
