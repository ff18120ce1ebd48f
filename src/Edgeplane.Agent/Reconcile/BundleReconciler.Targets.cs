using Edgeplane.Agent.Targets;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>Takes every target the link posts, in order, beside the passes (a long apply never holds a target back).</summary>
    private async Task ReceiveTargetsAsync(CancellationToken cancellationToken)
    {
        await foreach (var target in _deps.Targets.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                Accept(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The checkpoint holds the target; the next change that saves writes it too.
                LogCheckpointNotSaved(_logger, e.Message);
                _queue.Add(ReconcileTrigger.Target);
            }
        }
    }

    /// <summary>
    /// A target from the hub. Ignored when its generation is older than one seen before (replays and reordering never roll
    /// the cluster back); otherwise remembered on disk and reconciled.
    /// </summary>
    private void Accept(HubTarget target)
    {
        ulong? stale = null;
        var changed = _deps.Checkpoint.Update(c =>
        {
            if (c.Target is { } known && target.Generation < known.Generation)
            {
                stale = known.Generation;
                return null;
            }
            return c.Target == target ? null : c with { Target = target };
        });
        if (stale is { } known)
        {
            LogStaleTarget(_logger, target.Generation, known);
        }
        if (!changed)
        {
            return;
        }
        LogTarget(_logger, target.Digest.Length == 0 ? "(none)" : target.Digest, target.Revision, target.Generation);
        _queue.Add(ReconcileTrigger.Target);
    }
}
