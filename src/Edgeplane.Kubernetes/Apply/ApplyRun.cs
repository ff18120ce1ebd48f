using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>The state of one <see cref="BundleApplier.ApplyAsync"/> call as its steps fill it in.</summary>
internal sealed class ApplyRun(ApplyRequest request)
{
    public ApplyRequest Request { get; } = request;

    public List<ChangeSetEntry> Entries { get; } = [];

    public List<ApplyFailure> Failures { get; } = [];

    public List<PruneBlock> PruneBlocked { get; } = [];

    public List<ApplyDeferral> Deferred { get; } = [];

    public List<Objects.ObjectRef> Retained { get; } = [];

    /// <summary>The inventory as read before this apply (empty when there was none).</summary>
    public InventorySnapshot Previous { get; set; } = InventorySnapshot.Empty(request.Cluster, request.Bundle);

    /// <summary>The inventory now stored in the cluster; null until it has been read.</summary>
    public InventorySnapshot? Stored { get; set; }

    /// <summary>Ends the run before anything was written: failed objects are Failed, the rest Skipped.</summary>
    public ApplyResult Stop(IReadOnlyList<ApplyFailure> failures, IEnumerable<ObjectRef> untouched)
    {
        Failures.AddRange(failures);
        var failed = failures.Where(f => f.Object is not null).Select(f => f.Object!.Value).ToHashSet();
        Entries.AddRange(failures.Where(f => f.Object is not null).Select(f => new ChangeSetEntry(f.Object!.Value, ChangeAction.Failed, f.Message)));
        Entries.AddRange(untouched.Where(o => !failed.Contains(o))
            .Select(o => new ChangeSetEntry(o, ChangeAction.Skipped, "not applied: the bundle failed validation")));
        return Result();
    }

    public ApplyResult Result() => new(new ChangeSet(Entries.ToList()), Stored, Failures.ToList()) { PruneBlocked = PruneBlocked.ToList(), Deferred = Deferred.ToList(), Retained = Retained.ToList() };
}
