namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// Counts by layer and in total, the revision desired now, the last failed/held revision, and the source.
/// <see cref="Converged"/>: clusters (all layers) whose desired bundle is applied and healthy, as
/// <see cref="ClusterResponse.Converged"/> decides it.
/// </summary>
public sealed record FleetSummaryResponse(
    IReadOnlyList<LayerSummary> Layers,
    LayerSummary Total,
    RevisionResponse? CurrentRevision,
    RevisionResponse? LastError,
    SourceResponse Source,
    int Converged = 0);
