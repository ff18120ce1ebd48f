using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.KubeSim;
using k8s;

namespace Edgeplane.Kubernetes.Tests.Support;

/// <summary>A test's own virtual cluster: the KubeSim handle, a plain client (for out-of-band changes) and the engine.</summary>
public sealed class TestCluster
{
    public TestCluster(KubeSimCluster sim, ClusterConnectionOptions? options, TimeProvider? time, Random? random,
        DelegatingHandler? handler = null)
    {
        Sim = sim;
        Client = sim.CreateClient();
        var engineClient = handler is null
            ? sim.CreateClient()
            : new k8s.Kubernetes(new KubernetesClientConfiguration { Host = sim.Uri.ToString().TrimEnd('/') }, handler);
        Connection = new ClusterConnection(engineClient, options ?? FastRetries, time, random ?? new Random(7));
    }

    /// <summary>Retries that do not slow tests down: short back-off, few attempts.</summary>
    public static ClusterConnectionOptions FastRetries { get; } = new()
    {
        Retry = new Edgeplane.Kubernetes.Api.RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    public KubeSimCluster Sim { get; }

    public string Name => Sim.Name;

    /// <summary>A client that is not the engine's, for reads and out-of-band changes.</summary>
    public k8s.Kubernetes Client { get; }

    public ClusterConnection Connection { get; }

    public BundleApplier Applier(ApplierOptions? options = null) => new(Connection, options);

    public HealthChecker Health() => new(Connection);

    public DriftDetector Drift(ApplierOptions? options = null) => new(Connection, options);

    public InventoryStore Inventory() => new(Connection);

    public ApplyRequest Request(string bundle, params JsonObject[] objects) =>
        new() { Cluster = Name, Bundle = bundle, Objects = objects, Digest = "sha256:test", Revision = "rev-1" };

    public Task<ApplyResult> ApplyAsync(string bundle, params JsonObject[] objects) => Applier().ApplyAsync(Request(bundle, objects));
}
