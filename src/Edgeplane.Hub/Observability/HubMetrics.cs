using Prometheus;

namespace Edgeplane.Hub.Observability;

/// <summary>
/// The hub's Prometheus metrics, in a registry of its own (so several hubs in one test process do not mix).
/// Served at <c>/metrics</c> with the HTTP metrics of prometheus-net.AspNetCore.
/// </summary>
internal sealed class HubMetrics
{
    public HubMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Revisions = factory.CreateCounter("edgeplane_hub_revisions_total",
            "Revisions processed, by outcome (applied, failed, held).", "outcome");
        RenderSeconds = factory.CreateHistogram("edgeplane_hub_render_duration_seconds",
            "Time to load, validate and render every cluster of one revision.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        StoreSeconds = factory.CreateHistogram("edgeplane_hub_store_duration_seconds",
            "Time to compress and store one revision's bundles and desired digests.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        RevisionPhaseSeconds = factory.CreateHistogram("edgeplane_hub_revision_phase_duration_seconds",
            "Time of each phase of processing one revision: checkout, load (parse and validate), render, plan (read the " +
            "stored desired state and compare), compress, store (one transaction), cleanup (delete the checkout).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 18), LabelNames = ["phase"] });
        Fetches = factory.CreateCounter("edgeplane_hub_fetches_total", "Fetches of the fleet repo, by outcome (ok, error).", "outcome");
        Webhooks = factory.CreateCounter("edgeplane_hub_webhooks_total",
            "Webhook deliveries, by provider and outcome (accepted, unsigned, badsignature, nodeliveryid, replayed, too_large, disabled, rate_limited).",
            "provider", "outcome");
        Clusters = factory.CreateGauge("edgeplane_hub_clusters",
            "Clusters by layer and state (total, in_sync, drifted, unhealthy, offline, unknown), counted at scrape time.", "layer", "state");
    }

    public CollectorRegistry Registry { get; }

    public Counter Revisions { get; }

    public Histogram RenderSeconds { get; }

    public Histogram StoreSeconds { get; }

    public Histogram RevisionPhaseSeconds { get; }

    public Counter Fetches { get; }

    public Counter Webhooks { get; }

    public Gauge Clusters { get; }
}
