using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Prune;

namespace Edgeplane.Kubernetes.Apply;

public sealed partial class BundleApplier
{
    private async Task<bool> ReadInventoryAsync(ApplyRun run, int objectCount, CancellationToken cancellationToken)
    {
        var request = run.Request;
        try
        {
            var stored = await _inventory.ReadAsync(request.Bundle, cancellationToken).ConfigureAwait(false);
            if (stored is not null && stored.Cluster != request.Cluster)
            {
                run.Failures.Add(new ApplyFailure(null, ApplyPhase.Inventory, 0, ApplyFailure.Reasons.ForeignInventory,
                    $"the inventory of bundle \"{request.Bundle}\" belongs to cluster \"{stored.Cluster}\", not \"{request.Cluster}\""));
                return false;
            }
            run.Previous = stored ?? run.Previous;
            run.Stored = run.Previous;
        }
        catch (KubeApiException ex)
        {
            run.Failures.Add(ApplyFailure.From(ex, ApplyPhase.Inventory));
            return false;
        }
        catch (InvalidDataException ex)
        {
            run.Failures.Add(new ApplyFailure(null, ApplyPhase.Inventory, 0, "InvalidInventory", ex.Message));
            return false;
        }
        if (objectCount == 0 && run.Previous.Entries.Count > 0 && !request.AllowPruneToEmpty)
        {
            run.Failures.Add(new ApplyFailure(null, ApplyPhase.Validate, 0, ApplyFailure.Reasons.PruneToEmptyRefused,
                $"the bundle has no objects but its inventory tracks {run.Previous.Entries.Count}; refusing to prune everything "
                + "(set AllowPruneToEmpty to allow it)"));
            return false;
        }
        return true;
    }

    /// <summary>
    /// Before writing any object, adds the bundle's objects to the stored inventory (keeping the old digest), so an
    /// apply cut short — crash, failure — never leaves an object Edgeplane created without a record of it.
    /// </summary>
    private async Task<bool> RecordIntentAsync(ApplyRun run, BundlePlan plan, CancellationToken cancellationToken)
    {
        var previous = run.Previous;
        var known = previous.Entries.Select(e => e.Object).ToHashSet();
        var union = previous.Entries.Concat(plan.All.Select(o => o.Entry).Where(e => !known.Contains(e.Object))).ToList();
        try
        {
            _inventory.CheckSize(union);
        }
        catch (InvalidDataException ex)
        {
            run.Failures.Add(new ApplyFailure(null, ApplyPhase.Validate, 0, ApplyFailure.Reasons.LimitExceeded, ex.Message));
            return false;
        }
        return await StoreAsync(run, previous with { Entries = union }, cancellationToken).ConfigureAwait(false);
    }

    private async Task PruneAndRecordAsync(ApplyRun run, List<InventoryEntry> desired, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var keep = desired.Select(e => e.Object).ToHashSet();
        var candidates = run.Previous.Entries.Where(e => !keep.Contains(e.Object)).ToList();
        var stillTracked = new List<InventoryEntry>();
        if (!request.Prune)
        {
            run.Entries.AddRange(candidates.Select(c => new ChangeSetEntry(c.Object, ChangeAction.Skipped, "not pruned: prune is disabled")));
        }
        else if (candidates.Count > 0)
        {
            var outcome = await new Pruner(_connection, request.Cluster, request.Bundle).PruneAsync(candidates, cancellationToken)
                .ConfigureAwait(false);
            run.Entries.AddRange(outcome.Entries);
            run.Failures.AddRange(outcome.Failures);
            run.PruneBlocked.AddRange(outcome.Blocked);
            run.Retained.AddRange(outcome.Retained);
            // In inventory order, so that a prune held back again rewrites nothing.
            var held = outcome.StillTracked.ToHashSet();
            stillTracked = run.Previous.Entries.Where(held.Contains).ToList();
        }
        var final = new InventorySnapshot(request.Cluster, request.Bundle, request.Digest, request.Revision, [.. desired, .. stillTracked]);
        await StoreAsync(run, final, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> StoreAsync(ApplyRun run, InventorySnapshot snapshot, CancellationToken cancellationToken)
    {
        if (run.Stored is { } stored && stored.SameAs(snapshot))
        {
            return true;
        }
        try
        {
            await _inventory.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
            run.Stored = snapshot;
            return true;
        }
        catch (KubeApiException ex)
        {
            run.Failures.Add(ApplyFailure.From(ex, ApplyPhase.Inventory));
            return false;
        }
        catch (InvalidDataException ex)
        {
            run.Failures.Add(new ApplyFailure(null, ApplyPhase.Inventory, 0, ApplyFailure.Reasons.LimitExceeded, ex.Message));
            return false;
        }
    }
}
