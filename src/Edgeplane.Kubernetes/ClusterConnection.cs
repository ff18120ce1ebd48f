using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Discovery;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.Kubernetes;

/// <summary>
/// One cluster as the engine sees it: the official client, the retry/timeout policy, the clock and a discovery cache
/// shared by <see cref="Apply.BundleApplier"/>, <see cref="Health.HealthChecker"/>, <see cref="Drift.DriftDetector"/>
/// and <see cref="Inventory.InventoryStore"/>. Thread-safe; make one per cluster and keep it.
/// </summary>
public sealed class ClusterConnection
{
    /// <param name="client">A client for the cluster; a server URL with a path prefix is fine.</param>
    /// <param name="options">Timeouts, retries and paging; defaults when null.</param>
    /// <param name="time">Drives back-off, timeouts and waits; a fake clock makes them testable.</param>
    /// <param name="random">Source of back-off jitter.</param>
    /// <param name="loggerFactory">Where the engine's logs go; none when null.</param>
    public ClusterConnection(IKubernetes client, ClusterConnectionOptions? options = null, TimeProvider? time = null,
        Random? random = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
        Options = options ?? new ClusterConnectionOptions();
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Api = new KubeApi(client, Options, new RetryPolicy(Options.Retry, Time, random ?? Random.Shared), Time);
        Discovery = new DiscoveryCache(Api);
    }

    /// <summary>The official client this connection speaks through.</summary>
    public IKubernetes Client { get; }

    /// <summary>Timeouts, retries and paging in force.</summary>
    public ClusterConnectionOptions Options { get; }

    /// <summary>The clock behind back-off, timeouts and waits.</summary>
    public TimeProvider Time { get; }

    /// <summary>The logger factory the engine's parts log through.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Kind → resource mapping, refreshed when a kind is not found.</summary>
    public DiscoveryCache Discovery { get; }

    internal KubeApi Api { get; }
}
