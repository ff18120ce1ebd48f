using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Counts per layer, the revision that is desired now, the last failed or held revision, and the converged clusters.</summary>
internal sealed record FleetSummary(IReadOnlyList<LayerSummary> Layers, RevisionView? Current, RevisionView? LastError, int Converged = 0);
