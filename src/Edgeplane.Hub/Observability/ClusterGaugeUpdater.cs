using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Observability;

/// <summary>Fills the clusters-by-state gauge from the store just before each scrape.</summary>
internal sealed class ClusterGaugeUpdater(HubMetrics metrics, IClusterStore store, HubOptions options, TimeProvider time)
{
    public void Register() => metrics.Registry.AddBeforeCollectCallback(UpdateAsync);

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        var summary = await store.GetFleetSummaryAsync(time.GetUtcNow().UtcDateTime - options.OfflineAfter, cancellationToken)
            .ConfigureAwait(false);
        foreach (var layer in summary.Layers)
        {
            metrics.Clusters.WithLabels(layer.Layer, "total").Set(layer.Clusters);
            metrics.Clusters.WithLabels(layer.Layer, "in_sync").Set(layer.InSync);
            metrics.Clusters.WithLabels(layer.Layer, "drifted").Set(layer.Drifted);
            metrics.Clusters.WithLabels(layer.Layer, "unhealthy").Set(layer.Unhealthy);
            metrics.Clusters.WithLabels(layer.Layer, "offline").Set(layer.Offline);
            metrics.Clusters.WithLabels(layer.Layer, "unknown").Set(layer.Unknown);
        }
    }
}
