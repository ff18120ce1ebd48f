using System.Text.Json.Nodes;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.KubeSim;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Agent.Tests.Reconcile;

/// <summary>
/// A management cluster's agent: it reports the Cluster API clusters its bundle provisions as their Cluster objects say
/// (the test writes their status as Cluster API's controllers would), and applies a cluster's worker pools only once its
/// control plane runs the version (KubeSim's control-plane rollout runs on a fake clock here).
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
    public async Task Report_ProvisionedCluster_FollowsItsClusterObject_FromPendingToDeleting_ThenGone()
    {
        _bed.AddCluster("mgmt");
        var cluster = Cluster("p1", "Delete");
        _bed.Target("mgmt", TestBundles.Build("mgmt", [TestBundles.Namespace(Ns), .. Crds(), cluster, TestBundles.ConfigMap(Ns, "own")]));
        var agent = await _bed.StartAgentAsync("mgmt");
        await _bed.WaitAsync(() => Provisioned() is { Cluster: "p1", Phase: "" }, "the Cluster object reported before its controller wrote a status",
            () => string.Join("; ", agent.Snapshot.Conditions));
        var entry = Provisioned()!;
        Assert.Equal((Ns, "p1", false, false, 0, (Google.Protobuf.WellKnownTypes.Timestamp?)null),
            (entry.Namespace, entry.Name, entry.InfrastructureProvisioned, entry.ControlPlaneInitialized, entry.Conditions.Count, entry.DeletionTimestamp));

        await WriteStatusAsync("p1", """
            {"phase":"Provisioning","initialization":{"infrastructureProvisioned":true},
             "conditions":[{"type":"Available","status":"False","reason":"NotAvailable","message":"control plane not initialized","lastTransitionTime":"2026-12-01T10:00:00Z"},
                           {"type":"InfrastructureReady","status":"True","reason":"Ready","lastTransitionTime":"2026-12-01T09:58:00Z"},
                           {"type":"Paused","status":"False","reason":"NotPaused"},
                           {"type":"RemoteConnectionProbe","status":"True","reason":"Healthy"}]}
            """);
        agent.RequestReconcile();

        await _bed.WaitAsync(() => Provisioned() is { Phase: "Provisioning" }, "Provisioning reported");
        entry = Provisioned()!;
        Assert.True(entry.InfrastructureProvisioned);
        Assert.False(entry.ControlPlaneInitialized);
        // The lifecycle conditions first, in their order, then any other that is False; True ones of other types are left out.
        Assert.Equal(["InfrastructureReady", "Available", "Paused"], entry.Conditions.Select(c => c.Type));
        var available = entry.Conditions[1];
        Assert.Equal((ConditionStatus.False, "NotAvailable", "control plane not initialized", DateTime.Parse("2026-12-01T10:00:00Z").ToUniversalTime()),
            (available.Status, available.Reason, available.Message, available.LastTransitionTime.ToDateTime()));

        await AddFinalizerAsync("p1"); // what Cluster API does: deletion waits for the infrastructure to go
        _bed.Target("mgmt", TestBundles.Build("mgmt", [TestBundles.Namespace(Ns), .. Crds(), TestBundles.ConfigMap(Ns, "own")], revision: "rev-2"));

        await _bed.WaitAsync(() => Provisioned() is { DeletionTimestamp: not null }, "the pruned Cluster reported while it is being deleted");
        await RemoveFinalizerAsync("p1");
        agent.RequestReconcile();

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { ProvisionedClusters.Count: 0, TruncatedObjects: 0 } r && r.Objects.Count > 0,
            "a complete report without it once it is gone");
    }

    [Fact]
    public async Task Report_RetainedClusterLeavesTheBundle_KeptAndStillReported()
    {
        _bed.AddCluster("mgmt");
        _bed.Target("mgmt", TestBundles.Build("mgmt", [TestBundles.Namespace(Ns), .. Crds(), Cluster("p1", "Retain"), TestBundles.ConfigMap(Ns, "own")]));
        var agent = await _bed.StartAgentAsync("mgmt");
        await _bed.WaitAsync(() => Provisioned() is not null, "the Cluster object reported");

        var second = _bed.Target("mgmt", TestBundles.Build("mgmt", [TestBundles.Namespace(Ns), .. Crds(), TestBundles.ConfigMap(Ns, "own")], revision: "rev-2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == second && agent.Snapshot.IsConverged,
            "the bundle without the cluster applied", () => string.Join("; ", agent.Snapshot.Conditions));
        var report = _bed.Hub.LastReport("mgmt")!;
        Assert.Equal(0u, report.ChangeSet.Deleted);
        Assert.Equal(0u, report.ChangeSet.Failed);
        Assert.Equal("p1", Assert.Single(report.ProvisionedClusters).Cluster);
        Assert.NotNull(await ReadAsync("cluster.x-k8s.io", "clusters", "p1"));
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
        await SettleAsync(agent, first);

        var upgrade = _bed.Target("mgmt", Upgrade("v1.31.2", "rev-2"));

        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == upgrade && ReadyReason() == AgentReasons.WaitingForControlPlane,
            "the upgrade's workers wait", () => string.Join("; ", agent.Snapshot.Conditions));
        var ready = _bed.Hub.LastReport("mgmt")!.Conditions.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal($"{upgrade} (revision rev-2): 1 Cluster API worker pool(s) wait for their control plane to be Current: "
            + "MachineDeployment.cluster.x-k8s.io capi/p1-workers waits for KubeadmControlPlane.controlplane.cluster.x-k8s.io capi/p1-cp: "
            + "rolling out v1.31.2 (status.version v1.30.4)", ready.Message);
        Assert.Contains(_bed.Hub.LastReport("mgmt")!.Conditions, c => c is { Type: ConditionTypes.Reconciling, Status: ConditionStatus.True, Reason: AgentReasons.WaitingForControlPlane });
        Assert.Equal("v1.30.4", WorkerVersion(await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers")));

        _simTime.Advance(TimeSpan.FromHours(1));

        await _bed.WaitAsync(async () => WorkerVersion(await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers")) == "v1.31.2",
            "the workers written once the control plane runs v1.31.2");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged, "Ready", () => string.Join("; ", agent.Snapshot.Conditions));
    }

    /// <summary>Lets the control plane finish, reports the workers ready as Cluster API would, and waits for Ready.</summary>
    private async Task SettleAsync(AgentHost agent, string digest)
    {
        _simTime.Advance(TimeSpan.FromHours(1));
        await _bed.WaitAsync(async () => await ReadAsync("cluster.x-k8s.io", "machinedeployments", "p1-workers") is not null, "the workers created");
        await WriteStatusAsync("p1-workers", """{"replicas":2,"readyReplicas":2,"upToDateReplicas":2}""", "machinedeployments");
        agent.RequestReconcile();
        await _bed.WaitAsync(() => _bed.Hub.LastReport("mgmt") is { } r && r.AppliedDigest == digest && agent.Snapshot.IsConverged, "the first version Ready",
            () => string.Join("; ", agent.Snapshot.Conditions));
    }

    private ProvisionedCluster? Provisioned() => _bed.Hub.LastReport("mgmt")?.ProvisionedClusters.SingleOrDefault();

    private string? ReadyReason() => _bed.Hub.LastReport("mgmt")?.Conditions.SingleOrDefault(c => c.Type == ConditionTypes.Ready)?.Reason;

    private static byte[] Upgrade(string version, string revision)
    {
        var plane = TestBundles.Parse($$$"""
            {"apiVersion":"controlplane.cluster.x-k8s.io/v1beta2","kind":"KubeadmControlPlane",
             "metadata":{"name":"p1-cp","namespace":"{{{Ns}}}","labels":{"cluster.x-k8s.io/cluster-name":"p1"}},"spec":{"replicas":1,"version":"{{{version}}}"}}
            """);
        var workers = TestBundles.Parse($$$"""
            {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"MachineDeployment","metadata":{"name":"p1-workers","namespace":"{{{Ns}}}"},
             "spec":{"clusterName":"p1","replicas":2,"selector":{"matchLabels":{}},"template":{"spec":{"clusterName":"p1","version":"{{{version}}}"} } } }
            """);
        return TestBundles.Build("mgmt", [TestBundles.Namespace(Ns), .. Crds(), plane, workers], revision: revision);
    }

    private static JsonObject Cluster(string name, string deletionPolicy) => TestBundles.Parse($$$"""
        {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster",
         "metadata":{"name":"{{{name}}}","namespace":"{{{Ns}}}","labels":{"edgeplane.dev/cluster":"{{{name}}}"},
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

    private Task WriteStatusAsync(string name, string status, string plural = "clusters") =>
        _bed.Client("mgmt").CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch($$"""{"status":{{status}}}""", V1Patch.PatchType.MergePatch), "cluster.x-k8s.io", "v1beta2", Ns, plural, name);

    private Task AddFinalizerAsync(string name) => _bed.Client("mgmt").CustomObjects.PatchNamespacedCustomObjectAsync(
        new V1Patch("""{"metadata":{"finalizers":["cluster.cluster.x-k8s.io"]}}""", V1Patch.PatchType.MergePatch), "cluster.x-k8s.io", "v1beta2", Ns, "clusters", name);

    private Task RemoveFinalizerAsync(string name) => _bed.Client("mgmt").CustomObjects.PatchNamespacedCustomObjectAsync(
        new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "cluster.x-k8s.io", "v1beta2", Ns, "clusters", name);

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
