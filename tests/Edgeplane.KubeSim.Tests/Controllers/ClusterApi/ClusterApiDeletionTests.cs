using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using static Edgeplane.KubeSim.Tests.Infrastructure.CapiSim;

namespace Edgeplane.KubeSim.Tests.Controllers.ClusterApi;

/// <summary>Deleting a Cluster deletes its machines, control plane and infrastructure, then its workload cluster, after the delete delay.</summary>
public sealed class ClusterApiDeletionTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Cluster_Deleted_RemovesEverythingAfterTheDelay()
    {
        await using var sim = await StartAsync();
        await sim.ProvisionAsync("edge-d");
        var workloadUri = sim.Server.ClusterUri("edge-d");

        await sim.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("cluster.x-k8s.io", "v1beta2", Namespace, "clusters", "edge-d");
        var deleting = await sim.WaitAsync("Cluster", "edge-d", c => Phase(c) == "Deleting");
        await sim.AdvanceAsync(Delays.Delete - Second);
        var hostedAlmost = sim.Server.Clusters.ContainsKey("edge-d");
        await sim.AdvanceAsync(Second);
        using var http = new HttpClient();
        var workload = await http.GetAsync(new Uri($"{workloadUri}/api/v1/namespaces"));

        Assert.Equal("True", Condition(deleting, "Deleting"));
        Assert.True(hostedAlmost);
        Assert.False(sim.Server.Clusters.ContainsKey("edge-d"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, workload.StatusCode);
        foreach (var (kind, name) in new[] { ("Cluster", "edge-d"), ("KubeadmControlPlane", "edge-d-control-plane"), ("OpenStackCluster", "edge-d"), ("MachineDeployment", "edge-d-workers") })
        {
            await ApiError.StatusOf(() => sim.GetAsync(kind, name), 404);
        }
        await ApiError.StatusOf(() => sim.Client.CoreV1.ReadNamespacedSecretAsync("edge-d-kubeconfig", Namespace), 404);
    }

    [Fact]
    public async Task Cluster_DeletedWithRetainPolicy_KeepsTheWorkloadCluster()
    {
        await using var sim = await StartAsync();
        foreach (var obj in CapiManifests.KubeadmCluster("edge-r", "v1.31.4"))
        {
            if (obj["kind"]!.GetValue<string>() == "Cluster")
            {
                obj["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["edgeplane.dev/deletion-policy"] = "Retain" };
            }
            await sim.CreateAsync(obj);
        }
        await sim.AdvanceAsync(Delays.Provision + Delays.ControlPlane);

        await sim.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("cluster.x-k8s.io", "v1beta2", Namespace, "clusters", "edge-r");
        await sim.AdvanceAsync(Delays.Delete);

        await ApiError.StatusOf(() => sim.GetAsync("Cluster", "edge-r"), 404);
        await ApiError.StatusOf(() => sim.GetAsync("KubeadmControlPlane", "edge-r-control-plane"), 404);
        Assert.True(sim.Server.Clusters.ContainsKey("edge-r"));
    }

    [Fact]
    public async Task Cluster_DeletedBeforeItsControlPlaneInitialized_LeavesAVirtualClusterOfThatNameAlone()
    {
        await using var sim = await StartAsync();
        sim.Server.AddCluster("edge-x");
        sim.Management.Faults.NeverReadyControlPlane("edge-x");
        foreach (var obj in CapiManifests.KubeadmCluster("edge-x", "v1.31.4"))
        {
            await sim.CreateAsync(obj);
        }
        await sim.AdvanceAsync(Delays.Provision + Delays.ControlPlane);

        await sim.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("cluster.x-k8s.io", "v1beta2", Namespace, "clusters", "edge-x");
        await sim.AdvanceAsync(Delays.Delete);

        await ApiError.StatusOf(() => sim.GetAsync("Cluster", "edge-x"), 404);
        Assert.True(sim.Server.Clusters.ContainsKey("edge-x"));
    }

    [Fact]
    public async Task Cluster_ManagingItself_IsProvisionedAndNeverRemovesItsOwnServer()
    {
        await using var sim = await StartAsync();
        await sim.CreateAsync(CapiManifests.Cluster("mgmt", infrastructureKind: null));
        await sim.CreateAsync(CapiManifests.ControlPlane("mgmt", "v1.32.2"));
        await sim.AdvanceAsync(Delays.ControlPlane);
        var provisioned = await sim.WaitAsync("Cluster", "mgmt", c => Phase(c) == "Provisioned");

        await sim.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("cluster.x-k8s.io", "v1beta2", Namespace, "clusters", "mgmt");
        await sim.AdvanceAsync(Delays.Delete);

        Assert.Equal("v1.32.2", sim.Management.Version);
        Assert.Equal("True", Condition(provisioned, "Available"));
        await ApiError.StatusOf(() => sim.GetAsync("Cluster", "mgmt"), 404);
        Assert.True(sim.Server.Clusters.ContainsKey("mgmt"));
    }
}
