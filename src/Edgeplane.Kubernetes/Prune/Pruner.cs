using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Prune;

/// <summary>
/// Deletes objects the previous inventory has and the new bundle does not — only those whose live labels say Edgeplane
/// owns them for this cluster and bundle. Namespaced objects go first, then cluster-scoped ones, then CRDs and
/// Namespaces; a Namespace still holding anything else is kept, and so is a CRD whose kind still has objects that are not
/// pruned now (<see cref="PruneBlock"/>). An object whose live annotations say
/// <c>edgeplane.dev/deletion-policy: Retain</c> is never deleted: it is left in place and no longer tracked (a
/// provisioned cluster's Cluster API objects, so the real cluster outlives its removal from Git). Deletion is
/// Background; already-gone objects are fine.
/// </summary>
internal sealed class Pruner(ClusterConnection connection, string cluster, string bundle)
{
    public async Task<PruneOutcome> PruneAsync(IReadOnlyList<InventoryEntry> candidates, CancellationToken cancellationToken)
    {
        var outcome = new PruneOutcome([], [], [], []);
        var pruning = candidates.Select(c => c.Object).ToHashSet();
        foreach (var entry in DeletionOrder(candidates))
        {
            try
            {
                await PruneOneAsync(entry, pruning, outcome, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex)
            {
                var failure = ApplyFailure.From(ex, ApplyPhase.Prune, entry.Object);
                outcome.Failures.Add(failure);
                outcome.Entries.Add(new ChangeSetEntry(entry.Object, ChangeAction.Failed, failure.Message));
                outcome.StillTracked.Add(entry);
            }
        }
        return outcome;
    }

    private async Task PruneOneAsync(InventoryEntry entry, HashSet<ObjectRef> pruning, PruneOutcome outcome, CancellationToken cancellationToken)
    {
        var obj = entry.Object;
        var mapping = await connection.Discovery.TryResolveAsync(entry.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        var live = mapping is null ? null : await connection.Api.GetAsync(mapping, obj, cancellationToken).ConfigureAwait(false);
        if (mapping is null || live is null)
        {
            outcome.Entries.Add(new ChangeSetEntry(obj, ChangeAction.Skipped, "already gone"));
            return;
        }
        if (OwnershipProblem(live) is { } problem)
        {
            outcome.Entries.Add(new ChangeSetEntry(obj, ChangeAction.Skipped, $"not pruned: {problem}"));
            return;
        }
        if (Retains(live))
        {
            outcome.Entries.Add(new ChangeSetEntry(obj, ChangeAction.Skipped,
                $"retained ({EdgeplaneMetadata.DeletionPolicyAnnotation}: {EdgeplaneMetadata.DeletionPolicyRetain}): left in place and no longer tracked"));
            outcome.Retained.Add(obj);
            return;
        }
        if (await HeldBackAsync(entry, live, pruning, outcome, cancellationToken).ConfigureAwait(false))
        {
            outcome.StillTracked.Add(entry);
            return;
        }
        var deleted = await connection.Api.DeleteAsync(mapping, obj, cancellationToken).ConfigureAwait(false);
        outcome.Entries.Add(deleted ? new ChangeSetEntry(obj, ChangeAction.Deleted) : new ChangeSetEntry(obj, ChangeAction.Skipped, "already gone"));
    }

    /// <summary>
    /// True (with a Skipped entry) when deleting the object would take objects that are not this bundle's to lose with it:
    /// a Namespace that holds any, or a CustomResourceDefinition with instances left (unless its live object opts in).
    /// </summary>
    private async Task<bool> HeldBackAsync(InventoryEntry entry, JsonObject live, HashSet<ObjectRef> pruning, PruneOutcome outcome,
        CancellationToken cancellationToken)
    {
        var obj = entry.Object;
        if (WellKnown.IsNamespace(obj.Group, obj.Kind))
        {
            var foreign = await new NamespaceContents(connection, cluster, bundle).FindForeignAsync(obj.Name, pruning, cancellationToken)
                .ConfigureAwait(false);
            if (foreign.Count > 0)
            {
                outcome.Entries.Add(new ChangeSetEntry(obj, ChangeAction.Skipped,
                    $"not pruned: the namespace holds objects Edgeplane does not own for this bundle: {string.Join(", ", foreign)}"));
                return true;
            }
        }
        else if (WellKnown.IsCrd(obj.Group, obj.Kind)
            && ObjectJson.Annotation(live, EdgeplaneMetadata.PruneWithInstancesAnnotation) != EdgeplaneMetadata.PruneWithInstancesValue
            && await new CrdInstances(connection, cluster, bundle).FindForeignAsync(obj, live, pruning, cancellationToken).ConfigureAwait(false)
                is { } block)
        {
            outcome.Entries.Add(new ChangeSetEntry(obj, ChangeAction.Skipped, $"not pruned ({PruneBlock.Reason}): {block.Message}; {PruneBlock.Remedy}"));
            outcome.Blocked.Add(block);
            return true;
        }
        return false;
    }

    /// <summary>Why the live object is not this bundle's to delete, or null when it is.</summary>
    private string? OwnershipProblem(JsonObject live)
    {
        if (ObjectJson.Annotation(live, EdgeplaneMetadata.ReconcileAnnotation) == EdgeplaneMetadata.ReconcileDisabledValue)
        {
            return $"{EdgeplaneMetadata.ReconcileAnnotation}: {EdgeplaneMetadata.ReconcileDisabledValue} is set";
        }
        return OwnedBy(live, cluster, bundle)
            ? null
            : $"its labels do not mark it as Edgeplane's for cluster \"{cluster}\" and bundle \"{bundle}\"";
    }

    /// <summary>The live labels say the object is Edgeplane's for this cluster and bundle.</summary>
    internal static bool OwnedBy(JsonObject live, string cluster, string bundle) =>
        ObjectJson.Label(live, EdgeplaneMetadata.ManagedByLabel) == EdgeplaneMetadata.ManagedByValue
        && ObjectJson.Label(live, EdgeplaneMetadata.ClusterLabel) == cluster
        && ObjectJson.Label(live, EdgeplaneMetadata.BundleLabel) == bundle;

    /// <summary>The live object asks to outlive its removal from the bundle (<see cref="EdgeplaneMetadata.DeletionPolicyAnnotation"/>: Retain).</summary>
    internal static bool Retains(JsonObject live) =>
        ObjectJson.Annotation(live, EdgeplaneMetadata.DeletionPolicyAnnotation) == EdgeplaneMetadata.DeletionPolicyRetain;

    /// <summary>The reverse of the apply stages, and within each the reverse of the inventory order.</summary>
    private static IEnumerable<InventoryEntry> DeletionOrder(IReadOnlyList<InventoryEntry> candidates)
    {
        static int Rank(InventoryEntry e) =>
            WellKnown.IsNamespace(e.Object.Group, e.Object.Kind) || WellKnown.IsCrd(e.Object.Group, e.Object.Kind) ? 2
            : e.Object.Namespace is null ? 1
            : 0;
        return candidates.Reverse().OrderBy(Rank);
    }
}
