using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Health;
using Edgeplane.KubeSim;
using k8s;
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

    /// <summary>
    /// Writes the status Cluster API's controllers report for a running cluster on the bundle's Cluster objects and worker
    /// pools that have none yet (a KubeSim without a Cluster API simulation leaves them bare): Cluster provisioned and
    /// Available, every worker replica ready and up to date.
    /// </summary>
    public async Task ReportClusterApiRunningAsync(IEnumerable<JsonObject> objects)
    {
        foreach (var obj in objects.Where(o => ((string?)o["apiVersion"])?.StartsWith("cluster.x-k8s.io/", StringComparison.Ordinal) == true))
        {
            var kind = (string)obj["kind"]!;
            var version = ((string)obj["apiVersion"]!)["cluster.x-k8s.io/".Length..];
            var (ns, name) = ((string)obj["metadata"]!["namespace"]!, (string)obj["metadata"]!["name"]!);
            var plural = kind.ToLowerInvariant() + "s";
            var live = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("cluster.x-k8s.io", version, ns, plural, name);
            JsonObject? status = (kind, live["status"]) switch
            {
                ("Cluster", null) => new JsonObject
                {
                    ["phase"] = "Provisioned",
                    ["initialization"] = new JsonObject { ["infrastructureProvisioned"] = true, ["controlPlaneInitialized"] = true },
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "Available" }),
                },
                ("MachineDeployment" or "MachinePool", null) => new JsonObject
                {
                    ["replicas"] = (long?)obj["spec"]?["replicas"] ?? 1,
                    ["readyReplicas"] = (long?)obj["spec"]?["replicas"] ?? 1,
                    ["upToDateReplicas"] = (long?)obj["spec"]?["replicas"] ?? 1,
                },
                _ => null,
            };
            if (status is not null)
            {
                await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new k8s.Models.V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
                    "cluster.x-k8s.io", version, ns, plural, name);
            }
        }
    }

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
