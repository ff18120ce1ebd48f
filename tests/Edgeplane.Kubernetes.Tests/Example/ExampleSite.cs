using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using Edgeplane.KubeSim;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// A KubeSim server of its own with one virtual cluster named like the rendered cluster (the bundle's ownership labels
/// name it). Its controllers run on a fake clock and report workloads, VMs and Flux objects ready only after
/// <see cref="ControllerDelay"/>; the engine runs on the real clock, as an agent would.
/// </summary>
public sealed class ExampleSite : IAsyncDisposable
{
    public static readonly TimeSpan ControllerDelay = TimeSpan.FromSeconds(30);

    private ExampleSite(KubeSimServer server, FakeTimeProvider time, KubeSimCluster cluster)
    {
        Server = server;
        Time = time;
        Sim = cluster;
        Client = cluster.CreateClient();
        Connection = new ClusterConnection(cluster.CreateClient());
    }

    public KubeSimServer Server { get; }

    /// <summary>The clock of KubeSim's controllers.</summary>
    public FakeTimeProvider Time { get; }

    public KubeSimCluster Sim { get; }

    /// <summary>A client that is not the engine's, for reads and out-of-band changes.</summary>
    public k8s.Kubernetes Client { get; }

    public ClusterConnection Connection { get; }

    public static async Task<ExampleSite> StartAsync(string cluster, string? version = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var delays = KubeSimDelays.All(ControllerDelay) with { CrdEstablished = TimeSpan.Zero };
        var server = await KubeSimServer.StartAsync(new KubeSimOptions { Port = 0, TimeProvider = time, Delays = delays });
        return new ExampleSite(server, time, server.AddCluster(cluster, version));
    }

    /// <summary>
    /// The engine's options here: a control plane the fake clock holds back is looked at once, not waited for on the
    /// real clock (its worker pools are deferred to the next apply).
    /// </summary>
    public static ApplierOptions Options { get; } = new() { ControlPlaneWait = TimeSpan.Zero };

    public Task<ApplyResult> ApplyAsync(ApplyRequest request) => new BundleApplier(Connection, Options).ApplyAsync(request);

    public Task<IReadOnlyList<ObjectHealth>> CheckAsync(IEnumerable<JsonObject> objects) => new HealthChecker(Connection).CheckAsync(objects);

    /// <summary>Lets the controllers' delay pass on their clock, then waits (real clock, bounded) for every object to be Current.</summary>
    public Task<HealthWaitResult> AdvanceAndWaitHealthyAsync(IEnumerable<JsonObject> objects)
    {
        Time.Advance(ControllerDelay + TimeSpan.FromSeconds(1));
        return new HealthChecker(Connection).WaitAsync(objects,
            new HealthWaitOptions { Timeout = TimeSpan.FromSeconds(60), PollInterval = TimeSpan.FromMilliseconds(50) });
    }

    public Task<DriftReport> DetectDriftAsync(ApplyRequest request, DriftPolicy policy) =>
        new DriftDetector(Connection).DetectAsync(new DriftRequest { Cluster = request.Cluster, Bundle = request.Bundle, Objects = request.Objects, Policy = policy });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
