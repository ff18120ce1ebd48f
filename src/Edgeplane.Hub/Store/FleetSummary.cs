using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Counts per layer, the revision that is desired now, the last failed or held revision, and the converged clusters.</summary>
public sealed record FleetSummary(IReadOnlyList<LayerSummary> Layers, RevisionRecord? Current, RevisionRecord? LastError, int Converged = 0);

/// <summary>Cluster counts of one layer.</summary>
public sealed record LayerSummary(string Layer, int Clusters, int InSync, int Drifted, int Unhealthy, int Offline);
