using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using k8s;
using k8s.Autorest;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>Most nodes one read lists (a larger cluster is judged on the first page).</summary>
    private const int MaxNodesListed = 5000;

    /// <summary>
    /// The applied bundle is the one wanted: check drift when due (and retry a prune that was held back), and keep polling
    /// health while it settles.
    /// </summary>
    private async Task KeepAppliedAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        if (_observation.Deferred.Count > 0)
        {
            await FinishDeferredAsync(triggers, cancellationToken).ConfigureAwait(false);
        }
        else if ((triggers & (ReconcileTrigger.Startup | ReconcileTrigger.Drift | ReconcileTrigger.Retry)) != 0)
        {
            await CheckDriftAsync(cancellationToken).ConfigureAwait(false);
            await RetryPruneAsync(triggers, cancellationToken).ConfigureAwait(false);
            await PollHealthAsync(cancellationToken).ConfigureAwait(false);
        }
        else if ((triggers & ReconcileTrigger.Health) != 0)
        {
            await PollHealthAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Drift check of the applied bundle by server-side dry run; under <c>spec.drift: correct</c> the drifted objects (and
    /// only those) are re-applied, deleted ones recreated. Objects it rewrote get their health watched again.
    /// </summary>
    private async Task CheckDriftAsync(CancellationToken cancellationToken)
    {
        var bundle = _applied!;
        _queue.AddAfter(ReconcileTrigger.Drift, _options.DriftInterval);
        var request = new DriftRequest
        {
            Cluster = _deps.Cluster,
            Bundle = bundle.Document.Name,
            Objects = bundle.Document.Objects,
            Policy = bundle.Document.Drift.ToPolicy(),
        };
        DriftReport report;
        using (await _deps.Gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            report = await new DriftDetector(_deps.Connection, _options.Applier).DetectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var waiting = report.Deferred.Select(d => d.Object).ToHashSet();
        // A worker pool that waits for its control plane is not drift: it is the upgrade in its order.
        _observation = _observation with { Drift = report.Drifted.Where(d => !waiting.Contains(d.Object)).ToList(), Deferred = report.Deferred };
        if (report.HasDrift)
        {
            LogDrift(_logger, report.Drifted.Count, report.Drifted.Count(d => d.Corrected), string.Join("; ", report.Drifted.Take(5)));
        }
        if (report.Drifted.Any(d => d.Corrected))
        {
            _healthSince = _deps.Time.GetUtcNow();
        }
        if (report.Failures.Count > 0)
        {
            var unreachable = report.Failures.All(f => f.Reason is "Unreachable" or "Timeout" or "ServiceUnavailable" or "TooManyRequests");
            throw new ReconcileFailure(unreachable ? AgentReasons.ClusterUnreachable : AgentReasons.DriftCorrectionFailed,
                $"drift check of {bundle.Digest} failed for {report.Failures.Count} object(s): " +
                string.Join("; ", report.Failures.Take(5).Select(f => f.ToString())));
        }
    }

    /// <summary>
    /// Step 5: reads every object's health. While objects are InProgress it polls again every
    /// <see cref="ReconcilerOptions.HealthPollInterval"/>, bounded by <see cref="ReconcilerOptions.HealthTimeout"/> from the apply (or
    /// from the moment healthy objects degraded); it stops at once when all are Current or one Failed.
    /// </summary>
    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        var bundle = _applied!;
        var health = await new HealthChecker(_deps.Connection).CheckAsync(bundle.Document.Objects, cancellationToken).ConfigureAwait(false);
        var wasCurrent = _observation.AllCurrent;
        _observation = _observation with { Health = health };
        var now = _deps.Time.GetUtcNow();
        if (_observation.AllCurrent || _observation.Failed.Any() || health.Count == 0)
        {
            _healthSince = null;
            _queue.Cancel(ReconcileTrigger.Health);
            return;
        }
        if (_healthSince is null && wasCurrent)
        {
            _healthSince = now;
        }
        if (_healthSince is { } since && now - since >= _options.HealthTimeout)
        {
            _healthSince = null;
        }
        if (_healthSince is not null)
        {
            _queue.AddAfter(ReconcileTrigger.Health, _options.HealthPollInterval);
        }
    }

    /// <summary>
    /// The cluster's <c>/version</c>, for the status report: read at the end of the pass at start, on a new target, while
    /// objects are still progressing (an upgrade Plan is until its nodes run the version; the version moves under it) and
    /// on every drift check, so a rollout gate that waits for a Kubernetes version sees it within one health poll.
    /// Failures keep the last known version. The nodes are listed with it (at most <see cref="MaxNodesListed"/>) for the
    /// <c>NodesReady</c> condition.
    /// </summary>
    private async Task RefreshKubernetesVersionAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        const ReconcileTrigger refresh = ReconcileTrigger.Startup | ReconcileTrigger.Target | ReconcileTrigger.Drift | ReconcileTrigger.Health;
        if (_observation.KubernetesVersion is not null && (triggers & refresh) == 0)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Cluster.RequestTimeout);
        try
        {
            var version = await _deps.Connection.Client.Version.GetCodeAsync(timeout.Token).ConfigureAwait(false);
            _observation = _observation with { KubernetesVersion = version.GitVersion };
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogVersionUnknown(_logger, e.Message);
            return;
        }
        try
        {
            var nodes = await _deps.Connection.Client.CoreV1.ListNodeAsync(limit: MaxNodesListed, cancellationToken: timeout.Token).ConfigureAwait(false);
            _observation = _observation with { Nodes = NodeReadiness.Of(nodes.Items.ToList(), _observation.KubernetesVersion!) };
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _observation = _observation with { Nodes = NodeReadiness.Unknown(e.Message) };
        }
    }
}
