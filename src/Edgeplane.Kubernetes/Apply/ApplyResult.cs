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

    /// <summary>
    /// Cluster API worker pools not written because their control plane is not Current yet; still tracked, written by a
    /// later apply. Not failures: <see cref="Succeeded"/> stays true.
    /// </summary>
    public IReadOnlyList<ApplyDeferral> Deferred { get; init; } = [];

    /// <summary>
    /// Objects the bundle no longer has that were left in place because the live object is annotated
    /// <c>edgeplane.dev/deletion-policy: Retain</c>; no longer tracked (orphaned on purpose). Not failures.
    /// </summary>
    public IReadOnlyList<Objects.ObjectRef> Retained { get; init; } = [];
}
