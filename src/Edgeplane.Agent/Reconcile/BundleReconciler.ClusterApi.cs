using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.ClusterApi;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Protocol;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>
    /// The applied bundle's worker pools wait for their control plane (<see cref="ApplyDeferral"/>). A drift check,
    /// start or retry applies the bundle again (which converges everything and looks at the control planes once more);
    /// a health poll applies it again as soon as every control plane they wait for is Current. Meanwhile health is
    /// polled as usual: the rolling control plane keeps it going.
    /// </summary>
    private async Task FinishDeferredAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        var bundle = _applied!;
        if ((triggers & (ReconcileTrigger.Startup | ReconcileTrigger.Drift | ReconcileTrigger.Retry)) != 0)
        {
            _queue.AddAfter(ReconcileTrigger.Drift, _options.DriftInterval);
        }
        else
        {
            await PollHealthAsync(cancellationToken).ConfigureAwait(false);
            var current = _observation.Health.Where(h => h.Status == HealthStatus.Current).Select(h => h.Object).ToHashSet();
            if (!_observation.Deferred.All(d => current.Contains(d.WaitsFor)))
            {
                return;
            }
        }
        await ApplyBundleAsync(bundle, cancellationToken).ConfigureAwait(false);
        _healthSince = _deps.Time.GetUtcNow();
        await PollHealthAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs the worker pools held back and the objects retained by the last apply.</summary>
    private void LogHeldBack(ApplyResult result)
    {
        if (result.Deferred.Count > 0)
        {
            LogDeferred(_logger, string.Join("; ", result.Deferred));
        }
        if (result.Retained.Count > 0)
        {
            LogRetained(_logger, string.Join(", ", result.Retained));
        }
    }

    /// <summary>
    /// On a management cluster, the Cluster API Cluster objects its bundle provisions (labelled
    /// <c>edgeplane.dev/provisioned-cluster</c> with the fleet cluster they make), for the status report: read when <c>/version</c> is (start, new target, health polls, drift checks),
    /// and only where there are any: the applied bundle has such an object, or the last read found some (a retained or
    /// deleting one outlives the bundle). A failed read keeps the last one.
    /// </summary>
    private async Task RefreshProvisionedClustersAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        const ReconcileTrigger refresh = ReconcileTrigger.Startup | ReconcileTrigger.Target | ReconcileTrigger.Drift | ReconcileTrigger.Health;
        if ((triggers & refresh) == 0 || !(ProvisionsClusters(_applied) || _observation.Provisioned is { Count: > 0 }))
        {
            return;
        }
        try
        {
            var bundle = _applied?.Document.Name ?? _deps.Cluster;
            var (clusters, omitted) = await new ProvisionedClusterReader(_deps.Connection)
                .ReadAsync(_deps.Cluster, bundle, ProtocolLimits.MaxProvisionedClustersPerStatus, cancellationToken).ConfigureAwait(false);
            _observation = _observation with { Provisioned = clusters, ProvisionedOmitted = omitted };
        }
        catch (KubeApiException e)
        {
            LogProvisionedUnknown(_logger, e.Message);
        }
    }

    /// <summary>True when the bundle has a Cluster API Cluster labelled with the fleet cluster it provisions.</summary>
    private static bool ProvisionsClusters(LoadedBundle? bundle) =>
        bundle is not null && bundle.Document.Objects.Any(o =>
            ObjectRef.Of(o) is { Group: HealthRules.ClusterApiGroup, Kind: "Cluster" }
            && o["metadata"]?["labels"]?[EdgeplaneMetadata.ProvisionedClusterLabel] is not null);
}
