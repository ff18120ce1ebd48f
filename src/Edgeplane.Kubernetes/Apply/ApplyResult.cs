using Edgeplane.Kubernetes.Inventory;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// The outcome of <see cref="BundleApplier.ApplyAsync"/>: what happened per object, the inventory now stored in the
/// cluster (null when the apply stopped before it could be read), and every failure. Failures never throw out of the
/// applier; cancellation does.
/// </summary>
public sealed record ApplyResult(ChangeSet ChangeSet, InventorySnapshot? Inventory, IReadOnlyList<ApplyFailure> Failures)
{
    /// <summary>True when every object was applied and every prune done (or deliberately held back).</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>CustomResourceDefinitions not pruned because objects of their kind would go with them; still tracked.</summary>
    public IReadOnlyList<PruneBlock> PruneBlocked { get; init; } = [];
}
