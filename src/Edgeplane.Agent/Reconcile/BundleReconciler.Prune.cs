using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>
    /// Finishes the prune of the applied bundle when the last one held something back (a CRD whose kind still had
    /// objects), and once at start (the observation is not kept on disk): what was held back is pruned as soon as the
    /// reason is gone, without waiting for a new target. Writes no object of the bundle. Not while the applied bundle is
    /// only kept because the target cannot be obtained.
    /// </summary>
    private async Task RetryPruneAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        var bundle = _applied!;
        if ((triggers & ReconcileTrigger.Startup) == 0 && _observation.PruneBlocked.Count == 0)
        {
            return;
        }
        if (Target is { IsEmpty: false } target && target.Digest != bundle.Digest.ToString())
        {
            // Kept only while the wanted bundle cannot be had: its apply may have recorded objects this one lacks.
            return;
        }
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
        Conclude(result, $"pruning what {bundle.Digest} no longer has");
    }
}
