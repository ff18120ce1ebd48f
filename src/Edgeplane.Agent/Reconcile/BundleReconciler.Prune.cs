using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>
    /// Finishes the prune of the applied bundle when the last one held something back (a CRD whose kind still had
    /// objects), and once at start (the observation is not kept on disk): what was held back is pruned as soon as the
    /// reason is gone, without waiting for a new target. Writes no object of the bundle.
    /// </summary>
    private async Task RetryPruneAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        if ((triggers & ReconcileTrigger.Startup) == 0 && _observation.PruneBlocked.Count == 0)
        {
            return;
        }
        var bundle = _applied!;
        ApplyResult result;
        using (await _deps.Gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await new BundleApplier(_deps.Connection, _options.Applier).RetryPruneAsync(RequestFor(bundle), cancellationToken)
                .ConfigureAwait(false);
        }
        _observation = _observation with { PruneBlocked = result.PruneBlocked };
        if (result.ChangeSet.Entries.Count > 0)
        {
            LogApplied(_logger, bundle.Digest.ToString(), "prune retried: " + result.ChangeSet, result.Failures.Count);
        }
        ThrowIfFailed(result, $"pruning what {bundle.Digest} no longer has");
    }
}
