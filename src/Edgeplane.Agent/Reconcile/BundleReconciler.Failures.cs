using Edgeplane.Agent.Status;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>
    /// The one place failures are handled: remember the failure (the conditions come from it), retry with jittered
    /// exponential back-off unless it is stalled, and — when the wanted bundle could not even be obtained or parsed —
    /// keep the bundle applied earlier as it is, correcting its drift, so a site without its hub stays autonomous.
    /// </summary>
    private async Task HandleFailureAsync(ReconcileFailure failure, BundleDigest? desired, ReconcileTrigger triggers,
        CancellationToken cancellationToken)
    {
        _failure = failure;
        _stalledDigest = failure.Stalled ? desired : null;
        LogFailure(_logger, failure.Reason, failure.Message);
        _conditions.Reconciling(null);
        if (!failure.Stalled)
        {
            var wait = Jitter(_retryDelay);
            _queue.AddAfter(ReconcileTrigger.Retry, wait);
            _retryDelay = _retryDelay * 2 < _options.RetryMaxDelay ? _retryDelay * 2 : _options.RetryMaxDelay;
            _retryAt = _deps.Time.GetUtcNow() + wait;
        }
        if (failure.Reason is AgentReasons.BundleUnavailable or AgentReasons.BundleVerificationFailed or AgentReasons.BundleInvalid
            && _applied is not null && _applied.Digest != desired)
        {
            await KeepEarlierBundleAsync(triggers | ReconcileTrigger.Drift, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drift correction and health of the bundle applied before the one that cannot be had; its own failures are logged only.</summary>
    private async Task KeepEarlierBundleAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        if (_applied is null)
        {
            return;
        }
        try
        {
            await KeepAppliedAsync(triggers, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconcileFailure e)
        {
            LogFailure(_logger, e.Reason, "while keeping the applied bundle: " + e.Message);
        }
        if (!_queue.IsScheduled(ReconcileTrigger.Drift))
        {
            _queue.AddAfter(ReconcileTrigger.Drift, _options.DriftInterval);
        }
    }

    private void Succeeded()
    {
        _failure = null;
        _stalledDigest = null;
        _retryAt = null;
        _retryDelay = _options.RetryInitialDelay;
        _queue.Cancel(ReconcileTrigger.Retry);
    }

    private TimeSpan Jitter(TimeSpan delay) =>
        delay * (1 + (_options.JitterFraction * ((_deps.Random.NextDouble() * 2) - 1)));
}
