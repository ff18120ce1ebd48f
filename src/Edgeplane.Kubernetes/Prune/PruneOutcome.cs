using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Inventory;

namespace Edgeplane.Kubernetes.Prune;

/// <summary>What a prune did, and which entries stay in the inventory (failed deletions, namespaces and CRDs kept).</summary>
internal sealed record PruneOutcome(List<ChangeSetEntry> Entries, List<ApplyFailure> Failures, List<InventoryEntry> StillTracked,
    List<PruneBlock> Blocked)
{
    /// <summary>Objects left in place because they are annotated to be retained; no longer tracked.</summary>
    public List<Objects.ObjectRef> Retained { get; } = [];
}
