using System.Text.Json.Nodes;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.KubeSim;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Agent.Tests.Reconcile;

/// <summary>
/// A management cluster's agent: it reports the Cluster API clusters its bundle provisions as their Cluster objects say,
/// and applies a cluster's worker pools only once its control plane runs the version. KubeSim simulates Cluster API
/// (provisioning, upgrades, deletion) on a fake clock here, so each step happens when the test lets time pass.
/// </summary>
public sealed class ClusterApiTests : IAsyncLifetime
{
    private const string Ns = "capi";
    private readonly FakeTimeProvider _simTime = new(DateTimeOffset.UtcNow);
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync(simOptions: new KubeSimOptions
    {
        TimeProvider = _simTime,
        Delays = KubeSimDelays.All(TimeSpan.FromMinutes(1)) with { CrdEstablished = TimeSpan.Zero },
    });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Report_ProvisionedCluster_FollowsItsClusterObject_ProvisioningProvisionedDeletingGone()
    {
        _bed.AddCluster("mgmt");
        _bed.Target("mgmt", TestBundles.Build("mgmt", [.. Base(), Cluster("p1", "Delete"), Plane("v1.30.4", "Delete")]));
        var agent = await _bed.StartAgentAsync("mgmt");
        await _bed.WaitAsync(() => Provisioned() is { Cluster: "p1", Phase: "Provisioning" }, "the Cluster reported while Cluster API provisions it",
            () => $"{Provisioned()}; {string.Join("; ", agent.Snapshot.Conditions)}");
        var entry = Provisioned()!;
        Assert.Equal((Ns, "p1", false), (entry.Namespace, entry.Name, entry.ControlPlaneInitialized));

        _simTime.Advance(TimeSpan.FromHours(1)); // every simulated provisioning step is due

        await _bed.WaitAsync(() => Provisioned() is { Phase: "Provisioned", ControlPlaneInitialized: true }, "Provisioned reported",
            () => $"{Provisioned()}; {string.Join("; ", agent.Snapshot.Conditions)}");
        entry = Provisioned()!;
        Assert.True(entry.InfrastructureProvisioned);
        // The lifecycle conditions first, in their order (any other only when False).
        Assert.Equal(["InfrastructureReady", "ControlPlaneInitialized", "ControlPlaneAvailable", "Available"], entry.Conditions.Select(c => c.Type));
        Assert.All(entry.Conditions, c => Assert.Equal(ConditionStatus.True, c.Status));
        Assert.All(entry.Conditions, c => Assert.NotNull(c.LastTransitionTime));

        _bed.Target("mgmt", TestBundles.Build("mgmt", Base(), revision: "rev-2")); // deletionPolicy Delete: pruned

        await _bed.WaitAsync(() => Provisioned() is { DeletionTimestamp: not null }, "the pruned Cluster reported while Cluster API deletes it",
            () => $"{Provisioned()}; {string.Join("; ", agent.Snapshot.Conditions)}");
        _simTime.Advance(TimeSpan.FromHours(1)); // the simulated deletion finishes and releases the finalizer
        await _bed.WaitAsync(async () => await ReadAsync("cluster.x-k8s.io", "clusters", "p1") is null, "the Cluster gone");
        agent.RequestReconcile();

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { ProvisionedClusters.Count: 0, TruncatedObjects: 0 } r && r.Objects.Count > 0,
            "a complete report without it once it is gone");
    }

    [Fact]
    public async Task Report_RetainedClusterLeavesTheBundle_KeptAndStillReported()
    {
        _bed.AddCluster("mgmt");
        _bed.Target("mgmt", TestBundles.Build("mgmt", [.. Base(), Cluster("p1", "Retain"), Plane("v1.30.4")]));
        var agent = await _bed.StartAgentAsync("mgmt");
        await _bed.WaitAsync(() => Provisioned() is not null, "the Cluster object reported");

        var second = _bed.Target("mgmt", TestBundles.Build("mgmt", Base(), revision: "rev-2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == second && agent.Snapshot.IsConverged,
            "the bundle without the cluster applied", () => string.Join("; ", agent.Snapshot.Conditions));
        var report = _bed.Hub.LastReport("mgmt")!;
        Assert.Equal((0u, 0u), (report.ChangeSet.Deleted, report.ChangeSet.Failed));
        var kept = Assert.Single(report.ProvisionedClusters);
        Assert.Equal(("p1", (Google.Protobuf.WellKnownTypes.Timestamp?)null), (kept.Cluster, kept.DeletionTimestamp));
        Assert.NotNull(await ReadAsync("cluster.x-k8s.io", "clusters", "p1"));
        Assert.NotNull(await ReadAsync("controlplane.cluster.x-k8s.io", "kubeadmcontrolplanes", "p1-cp"));
    }

    [Fact]
    public async Task Upgrade_WorkersWaitForTheControlPlane_ReportedAsWaiting_ThenWrittenOnceItRunsTheVersion()
    {
        _bed.AddCluster("mgmt");
        var first = _bed.Target("mgmt", Upgrade("v1.30.4", "rev-1"));
        var agent = await _bed.StartAgentAsync("mgmt", o => o with { Applier = o.Applier with { ControlPlaneWait = TimeSpan.Zero } });
        await _bed.WaitAsync(() => ReadyReason() == AgentReasons.WaitingForControlPlane, "the new cluster's workers wait for its control plane",
            () => string.Join("; ", agent.Snapshot.Conditions));
        Assert.Null(await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers"));
        _simTime.Advance(TimeSpan.FromHours(1)); // provisioned: the control plane initializes at v1.30.4
        await _bed.WaitAsync(async () => await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers") is not null, "the workers created");
        _simTime.Advance(TimeSpan.FromHours(1)); // and scaled up
        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == first && agent.Snapshot.IsConverged, "the first version Ready",
            () => string.Join("; ", agent.Snapshot.Conditions));

        var upgrade = _bed.Target("mgmt", Upgrade("v1.31.2", "rev-2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == upgrade && ReadyReason() == AgentReasons.WaitingForControlPlane,
            "the upgrade's workers wait", () => string.Join("; ", agent.Snapshot.Conditions));
        var ready = _bed.Hub.LastReport("mgmt")!.Conditions.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal($"{upgrade} (revision rev-2): 1 Cluster API worker pool(s) wait for their control plane to be Current: "
            + "MachineDeployment.cluster.x-k8s.io capi/p1-workers waits for KubeadmControlPlane.controlplane.cluster.x-k8s.io capi/p1-cp: "
            + "rolling out v1.31.2 (status.version v1.30.4)", ready.Message);
        Assert.Contains(_bed.Hub.LastReport("mgmt")!.Conditions,
            c => c is { Type: ConditionTypes.Reconciling, Status: ConditionStatus.True, Reason: AgentReasons.WaitingForControlPlane });
        Assert.Equal("v1.30.4", WorkerVersion(await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers")));

        _simTime.Advance(TimeSpan.FromHours(1)); // the control plane's rollout finishes

        await _bed.WaitAsync(async () => WorkerVersion(await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers")) == "v1.31.2",
            "the workers written once the control plane runs v1.31.2", () => string.Join("; ", agent.Snapshot.Conditions));
        _simTime.Advance(TimeSpan.FromHours(1)); // and their own rollout
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "Ready", () => string.Join("; ", agent.Snapshot.Conditions));
    }

    private ProvisionedCluster? Provisioned() => _bed.Hub.LastReport("mgmt")?.ProvisionedClusters.SingleOrDefault();

    private string? ReadyReason() => _bed.Hub.LastReport("mgmt")?.Conditions.SingleOrDefault(c => c.Type == ConditionTypes.Ready)?.Reason;

    private static byte[] Upgrade(string version, string revision)
    {
        var workers = TestBundles.Parse($$$"""
            {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"MachineDeployment","metadata":{"name":"p1-workers","namespace":"{{{Ns}}}"},
             "spec":{"clusterName":"p1","replicas":2,"selector":{"matchLabels":{}},"template":{"spec":{"clusterName":"p1","version":"{{{version}}}"} } } }
            """);
        return TestBundles.Build("mgmt", [.. Base(), Cluster("p1", "Retain"), Plane(version), workers], revision: revision);
    }

    private static JsonObject[] Base() => [TestBundles.Namespace(Ns), .. Crds(), TestBundles.ConfigMap(Ns, "own")];

    private static JsonObject Plane(string version, string deletionPolicy = "Retain") => TestBundles.Parse($$$"""
        {"apiVersion":"controlplane.cluster.x-k8s.io/v1beta2","kind":"KubeadmControlPlane",
         "metadata":{"name":"p1-cp","namespace":"{{{Ns}}}","annotations":{"edgeplane.dev/deletion-policy":"{{{deletionPolicy}}}"}},
         "spec":{"replicas":1,"version":"{{{version}}}"}}
        """);

    /// <summary>A provisioned cluster's Cluster object as the renderer writes it: labelled with the fleet cluster, annotated with its deletion policy.</summary>
    private static JsonObject Cluster(string name, string deletionPolicy) => TestBundles.Parse($$$"""
        {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster",
         "metadata":{"name":"{{{name}}}","namespace":"{{{Ns}}}","labels":{"edgeplane.dev/provisioned-cluster":"{{{name}}}"},
                     "annotations":{"edgeplane.dev/deletion-policy":"{{{deletionPolicy}}}"}},
         "spec":{"controlPlaneRef":{"apiGroup":"controlplane.cluster.x-k8s.io","kind":"KubeadmControlPlane","name":"{{{name}}}-cp"} } }
        """);

    private static IEnumerable<JsonObject> Crds() =>
    [
        Crd("cluster.x-k8s.io", "Cluster", "clusters"), Crd("cluster.x-k8s.io", "MachineDeployment", "machinedeployments"),
        Crd("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", "kubeadmcontrolplanes"),
    ];

    private static JsonObject Crd(string group, string kind, string plural) => TestBundles.Parse($$$"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"{{{plural}}}.{{{group}}}"},
         "spec":{"group":"{{{group}}}","names":{"kind":"{{{kind}}}","listKind":"{{{kind}}}List","plural":"{{{plural}}}","singular":"{{{kind.ToLowerInvariant()}}}"},
                 "scope":"Namespaced","versions":[{"name":"v1beta2","served":true,"storage":true,"subresources":{"status":{}},
                 "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true} } }]} }
        """);

    private async Task<JsonObject?> ReadAsync(string group, string plural, string name)
    {
        try
        {
            return await _bed.Client("mgmt").CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(group, "v1beta2", Ns, plural, name);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string? WorkerVersion(JsonObject? workers) => (string?)workers?["spec"]?["template"]?["spec"]?["version"];
}
