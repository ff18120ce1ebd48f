using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Counts by layer and in total, the revision desired now, the last failed/held revision, and the source.</summary>
public sealed record FleetSummaryResponse(
    IReadOnlyList<LayerSummary> Layers,
    LayerSummary Total,
    RevisionResponse? CurrentRevision,
    RevisionResponse? LastError,
    SourceResponse Source);
