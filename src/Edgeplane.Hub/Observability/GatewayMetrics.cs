using Prometheus;

namespace Edgeplane.Hub.Observability;

/// <summary>The gateway's Prometheus metrics, in the hub's registry (served at <c>/metrics</c>; listed in docs/gateway.md).</summary>
internal sealed class GatewayMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

    public GatewayMetrics(HubMetrics hub)
    {
        var factory = Metrics.WithCustomRegistry(hub.Registry);
        ConnectedAgents = factory.CreateGauge("edgeplane_gateway_connected_agents", "Agents with an open Connect stream on this hub process.");
        Connects = factory.CreateCounter("edgeplane_gateway_connects_total",
            "Connect streams, by outcome (accepted, admission_rejected, refused).", "outcome");
        AdmissionRejections = factory.CreateCounter("edgeplane_gateway_admission_rejections_total",
            "New connections, streams or calls turned away by admission control, by kind (stream, handshake; per-peer rates: enroll, renew, fetch_bundle).", "kind");
        TargetsPushed = factory.CreateCounter("edgeplane_gateway_targets_pushed_total", "Targets sent to agents (Welcome and TargetChanged).");
        PushLatency = factory.CreateHistogram("edgeplane_gateway_push_latency_seconds",
            "From a target change reaching the gateway to its TargetChanged written to the agent's stream.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        StatusReports = factory.CreateCounter("edgeplane_gateway_status_reports_total",
            "Status reports, by outcome (applied; duplicate: a sequence already stored, e.g. resent after a reconnect; unknown_cluster; failed).", "outcome");
        AckLatency = factory.CreateHistogram("edgeplane_gateway_status_ack_latency_seconds",
            "From a status report's arrival to the StatusAck written after it was stored.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        StatusBatchSize = factory.CreateHistogram("edgeplane_gateway_status_batch_size", "Status reports stored per transaction.",
            new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        BundleBytes = factory.CreateCounter("edgeplane_gateway_bundle_bytes_total", "Compressed bundle bytes sent to agents.");
        BundleFetches = factory.CreateCounter("edgeplane_gateway_bundle_fetches_total",
            "FetchBundle calls, by outcome (served, refused, not_found).", "outcome");
    }

    public Gauge ConnectedAgents { get; }

    public Counter Connects { get; }

    public Counter AdmissionRejections { get; }

    public Counter TargetsPushed { get; }

    public Histogram PushLatency { get; }

    public Counter StatusReports { get; }

    public Histogram AckLatency { get; }

    public Histogram StatusBatchSize { get; }

    public Counter BundleBytes { get; }

    public Counter BundleFetches { get; }
}
