using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using static Edgeplane.KubeSim.Tests.Infrastructure.CapiSim;

namespace Edgeplane.KubeSim.Tests.Controllers.ClusterApi;

/// <summary>
/// A Cluster API Cluster in a management cluster provisions: its infrastructure after the provision delay, then its
/// control plane, which creates a virtual cluster named like the Cluster and publishes its kubeconfig Secret.
/// </summary>
public sealed class ClusterApiProvisioningTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Cluster_Created_ProvisionsInOrderAndPublishesAWorkingKubeconfig()
    {
        await using var sim = await StartAsync();
        await using var watch = await RawWatch.OpenAsync(new Uri($"{sim.Management.Uri}/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters?watch=1"));
        var phases = new List<string>();

        foreach (var obj in CapiManifests.KubeadmCluster("edge-1", "v1.32.1"))
        {
            await sim.CreateAsync(obj);
        }
        await ReadPhasesUntilAsync(watch, phases, "Provisioning");
        await sim.Management.WhenControllersIdleAsync();
        var secretBefore = await ApiError.StatusOf(() => sim.Client.CoreV1.ReadNamespacedSecretAsync("edge-1-kubeconfig", "default"), 404);
        await sim.AdvanceAsync(Delays.Provision);
        var infrastructureReady = await sim.GetAsync("Cluster", "edge-1");
        var openStack = await sim.GetAsync("OpenStackCluster", "edge-1");
        await sim.AdvanceAsync(Delays.ControlPlane - Second);
        var hostedEarly = sim.Server.Clusters.ContainsKey("edge-1");
        await sim.AdvanceAsync(Second);
        await ReadPhasesUntilAsync(watch, phases, "Provisioned");
        var cluster = await sim.GetAsync("Cluster", "edge-1");
        var controlPlane = await sim.GetAsync("KubeadmControlPlane", "edge-1-control-plane");
        var workers = await sim.WaitAsync("MachineDeployment", "edge-1-workers", m => Phase(m) == "Running");
        var secret = await sim.Client.CoreV1.ReadNamespacedSecretAsync("edge-1-kubeconfig", "default");
        using var workload = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(secret.Data["value"])));

        Assert.Equal(["Provisioning", "Provisioned"], phases); // Pending only for a Cluster without references, as in Cluster API
        Assert.Equal("NotFound", secretBefore["reason"]!.GetValue<string>());
        Assert.Equal(("True", "Provisioning", false), (Condition(infrastructureReady, "InfrastructureReady"), Phase(infrastructureReady), hostedEarly));
        Assert.Equal("False", Condition(infrastructureReady, "ControlPlaneInitialized"));
        Assert.True(openStack["status"]!["ready"]!.GetValue<bool>());
        Assert.True(openStack["status"]!["initialization"]!["provisioned"]!.GetValue<bool>());
        Assert.Equal(["cluster.cluster.x-k8s.io"], cluster["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("{\"infrastructureProvisioned\":true,\"controlPlaneInitialized\":true}", cluster["status"]!["initialization"]!.ToJsonString());
        Assert.All(new[] { "InfrastructureReady", "ControlPlaneInitialized", "ControlPlaneAvailable", "Available" }, c => Assert.Equal("True", Condition(cluster, c)));
        Assert.Equal("2026-01-01T00:00:10Z", ConditionOf(cluster, "InfrastructureReady")!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:30Z", ConditionOf(cluster, "ControlPlaneInitialized")!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(("v1.32.1", 3, true), (controlPlane["status"]!["version"]!.GetValue<string>(), controlPlane["status"]!["readyReplicas"]!.GetValue<int>(),
            controlPlane["status"]!["initialization"]!["controlPlaneInitialized"]!.GetValue<bool>()));
        Assert.Equal((2, "[{\"version\":\"v1.32.1\",\"replicas\":2}]"), (workers["status"]!["readyReplicas"]!.GetValue<int>(), workers["status"]!["versions"]!.ToJsonString()));
        Assert.Equal(("cluster.x-k8s.io/secret", "edge-1"), (secret.Type, secret.Metadata.Labels["cluster.x-k8s.io/cluster-name"]));
        Assert.Equal(("KubeadmControlPlane", "edge-1-control-plane"), (secret.Metadata.OwnerReferences[0].Kind, secret.Metadata.OwnerReferences[0].Name));
        Assert.Equal(sim.Server.ClusterUri("edge-1").ToString().TrimEnd('/'), workload.BaseUri.ToString().TrimEnd('/'));
        Assert.Equal("v1.32.1", (await workload.Version.GetCodeAsync()).GitVersion);
        Assert.Contains("kube-system", (await workload.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task Cluster_WithoutReferences_StaysPending()
    {
        await using var sim = await StartAsync();
        var cluster = CapiManifests.Cluster("bare");
        cluster["spec"] = new JsonObject();

        await sim.CreateAsync(cluster);
        await sim.AdvanceAsync(TimeSpan.FromMinutes(10));
        var after = await sim.WaitAsync("Cluster", "bare", c => Phase(c) is not null);

        Assert.Equal("Pending", Phase(after));
        Assert.Equal("False", Condition(after, "ControlPlaneInitialized"));
        Assert.Equal("the Cluster has no spec.controlPlaneRef (KubeSim simulates no control-plane Machines)",
            ConditionOf(after, "ControlPlaneInitialized")!["message"]!.GetValue<string>());
        Assert.False(sim.Server.Clusters.ContainsKey("bare"));
    }

    [Fact]
    public async Task Cluster_NamedLikeAnExistingVirtualCluster_AdoptsIt()
    {
        await using var sim = await StartAsync();
        var existing = sim.Server.AddCluster("edge-2", version: "v1.31.4", nodes: 2);
        using var existingClient = existing.CreateClient();
        await existingClient.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("kept"), "default");

        await sim.ProvisionAsync("edge-2", "v1.32.0");
        var nodes = await existingClient.CoreV1.ListNodeAsync();

        Assert.Same(existing, sim.Server.Clusters["edge-2"]);
        Assert.Equal("kept", (await existingClient.CoreV1.ReadNamespacedConfigMapAsync("kept", "default")).Metadata.Name);
        Assert.Equal("v1.32.0", (await existingClient.Version.GetCodeAsync()).GitVersion);
        Assert.Equal(["v1.32.0", "v1.31.4"], nodes.Items.OrderBy(n => n.Metadata.Name).Select(n => n.Status.NodeInfo.KubeletVersion)); // only the control-plane node
    }

    [Theory]
    [InlineData("KThreesControlPlane", null, "v1.30.2+k3s2", "v1.30.2")]                          // build metadata is not served
    [InlineData("GCPManagedControlPlane", "GCPManagedCluster", "v1.31.1", "v1.31.1")]                // a control plane kind of the infrastructure group
    [InlineData("KubeadmControlPlane", "OpenStackCluster", "1.30", "v1.31.4")]                       // not a version KubeSim can serve: its default
    public async Task Cluster_AnyControlPlaneKind_ProvisionsServingItsVersion(string controlPlaneKind, string? infrastructureKind, string version, string served)
    {
        await using var sim = await StartAsync();
        await sim.CreateAsync(CapiManifests.Cluster("any", controlPlaneKind, infrastructureKind));
        await sim.CreateAsync(CapiManifests.ControlPlane("any", version, controlPlaneKind));
        if (infrastructureKind is not null)
        {
            await sim.CreateAsync(CapiManifests.Infrastructure("any", infrastructureKind));
        }

        await sim.AdvanceAsync(Delays.Provision);
        await sim.AdvanceAsync(Delays.ControlPlane);
        await sim.WaitAsync("Cluster", "any", c => Phase(c) == "Provisioned");
        var controlPlane = await sim.GetAsync(controlPlaneKind, "any-control-plane");

        Assert.Equal(version, controlPlane["status"]!["version"]!.GetValue<string>());
        Assert.Equal(served, sim.Server.Clusters["any"].Version);
    }

    [Fact]
    public async Task MachinePool_RunsOnceTheControlPlaneIsInitialized()
    {
        await using var sim = await StartAsync();
        var pool = CapiManifests.MachineDeployment("pool", "v1.31.4", replicas: 4);
        pool["kind"] = "MachinePool";
        pool["metadata"]!["name"] = "pool-pool-0";
        foreach (var obj in new[] { CapiManifests.Cluster("pool"), CapiManifests.Infrastructure("pool"), CapiManifests.ControlPlane("pool", "v1.31.4"), pool })
        {
            await sim.CreateAsync(obj);
        }

        await sim.AdvanceAsync(Delays.Provision);
        var waiting = await sim.WaitAsync("MachinePool", "pool-pool-0", p => Phase(p) is not null);
        await sim.AdvanceAsync(Delays.ControlPlane);
        var running = await sim.WaitAsync("MachinePool", "pool-pool-0", p => Phase(p) == "Running");

        Assert.Equal(("Provisioning", 0), (Phase(waiting), waiting["status"]!["readyReplicas"]!.GetValue<int>()));
        Assert.Equal("waiting for the control plane of Cluster \"pool\" to be initialized", ConditionOf(waiting, "Available")!["message"]!.GetValue<string>());
        Assert.Equal((4, "[{\"version\":\"v1.31.4\",\"replicas\":4}]"), (running["status"]!["readyReplicas"]!.GetValue<int>(), running["status"]!["versions"]!.ToJsonString()));
    }

    [Fact]
    public async Task Cluster_V1Beta1_ProvisionsWithTheV1Beta1ReadyFlags()
    {
        await using var sim = await StartAsync();
        await sim.CreateAsync(CapiManifests.ClusterV1Beta1("old"));
        await sim.CreateAsync(CapiManifests.ControlPlane("old", "v1.31.4"));
        await sim.CreateAsync(CapiManifests.Infrastructure("old"));

        await sim.AdvanceAsync(Delays.Provision + Delays.ControlPlane);
        var cluster = await sim.Client.GetAsync("cluster.x-k8s.io", "v1beta1", "clusters", "default", "old");

        Assert.Equal(("cluster.x-k8s.io/v1beta1", "Provisioned"), (cluster["apiVersion"]!.GetValue<string>(), Phase(cluster)));
        Assert.True(cluster["status"]!["infrastructureReady"]!.GetValue<bool>());
        Assert.True(cluster["status"]!["controlPlaneReady"]!.GetValue<bool>());
        Assert.True(sim.Server.Clusters.ContainsKey("old"));
    }

    [Fact]
    public async Task ControlPlane_CreatedBeforeItsCluster_WaitsThenProvisions()
    {
        await using var sim = await StartAsync();
        await sim.CreateAsync(CapiManifests.ControlPlane("late", "v1.31.4"));
        await sim.AdvanceAsync(TimeSpan.FromMinutes(5));
        var waiting = await sim.WaitAsync("KubeadmControlPlane", "late-control-plane", k => Condition(k, "Ready") is not null);

        await sim.CreateAsync(CapiManifests.Cluster("late"));
        await sim.CreateAsync(CapiManifests.Infrastructure("late"));
        await sim.AdvanceAsync(Delays.Provision);
        await sim.AdvanceAsync(Delays.ControlPlane);
        var cluster = await sim.WaitAsync("Cluster", "late", c => Phase(c) == "Provisioned");

        Assert.Equal(("False", "WaitingForCluster"), (Condition(waiting, "Ready"), ConditionOf(waiting, "Ready")!["reason"]!.GetValue<string>()));
        Assert.False(waiting["status"]!["initialized"]!.GetValue<bool>());
        Assert.Equal("True", Condition(cluster, "ControlPlaneInitialized"));
    }

    [Fact]
    public async Task Cluster_OnAManagementClusterAddedAtRuntime_Provisions()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Server.BaseUri };
        var added = await http.PostAsJsonAsync("_sim/clusters", new { name = "mgmt-2" });
        var management = sim.Server.Clusters["mgmt-2"];
        using var client = management.CreateClient();
        await InstallCrdsAsync(client);

        foreach (var obj in CapiManifests.KubeadmCluster("edge-9", "v1.31.4"))
        {
            await client.CreateAsync(CapiManifests.Resource(obj).Group, CapiManifests.Resource(obj).Version, CapiManifests.Resource(obj).Plural, "default", obj);
        }
        sim.Time.Advance(Delays.Provision);
        await management.WhenControllersIdleAsync();
        sim.Time.Advance(Delays.ControlPlane);
        await management.WhenControllersIdleAsync();
        var cluster = await client.GetAsync("cluster.x-k8s.io", "v1beta2", "clusters", "default", "edge-9");
        var listed = await http.GetFromJsonAsync<JsonObject>("_sim/clusters");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("Provisioned", Phase(cluster));
        Assert.Contains("edge-9", listed!["clusters"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cluster_ServerRestartedFromItsDataOnAnotherPort_KubeconfigFollows()
    {
        var data = Directory.CreateTempSubdirectory("capi-data-").FullName;
        try
        {
            var options = new KubeSimOptions { DataDirectory = data, ClusterApiDelays = ClusterApiDelays.All(TimeSpan.Zero) };
            Uri before;
            await using (var first = await KubeSimServer.StartAsync(options))
            {
                var management = first.AddCluster("mgmt");
                using var client = management.CreateClient();
                await InstallCrdsAsync(client);
                foreach (var obj in CapiManifests.KubeadmCluster("edge-p", "v1.31.4"))
                {
                    await client.CreateAsync(CapiManifests.Resource(obj).Group, CapiManifests.Resource(obj).Version, CapiManifests.Resource(obj).Plural, "default", obj);
                }
                await management.WhenControllersIdleAsync();
                before = first.ClusterUri("edge-p");
            }
            using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, before.Port); // the next server cannot take the old port
            blocker.Start();

            await using var second = await KubeSimServer.StartAsync(options);
            await second.Clusters["mgmt"].WhenControllersIdleAsync();
            using var restored = second.Clusters["mgmt"].CreateClient();
            var secret = await restored.CoreV1.ReadNamespacedSecretAsync("edge-p-kubeconfig", "default");
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(secret.Data["value"]));
            using var workload = new Kubernetes(config);

            Assert.NotEqual(before, second.ClusterUri("edge-p"));
            Assert.Equal(second.ClusterUri("edge-p").ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
            Assert.Equal("v1.31.4", (await workload.Version.GetCodeAsync()).GitVersion);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task ReadPhasesUntilAsync(RawWatch watch, List<string> phases, string phase)
    {
        while (phases.LastOrDefault() != phase)
        {
            var change = await watch.NextAsync() ?? throw new HttpOperationException("the watch of Clusters ended");
            if (change["object"]?["status"]?["phase"]?.GetValue<string>() is { } seen && seen != phases.LastOrDefault())
            {
                phases.Add(seen);
            }
        }
    }
}
