using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Controllers;

/// <summary>
/// A Cluster API KubeadmControlPlane in a management cluster moves the version of the workload cluster it manages, when
/// the same server hosts it: the workload cluster's /version and control-plane nodes after the control-plane delay.
/// </summary>
public sealed class ControlPlaneControllerTests
{
    [Fact]
    public async Task KubeadmControlPlane_NamedByItsCluster_MovesTheWorkloadClusterAfterDelay()
    {
        await using var sim = await StartAsync();
        var work = sim.Server.AddCluster("work", nodes: 2);
        using var workClient = work.CreateClient();
        await sim.Client.CreateAsync("cluster.x-k8s.io", "v1beta1", "clusters", "default", CapiCluster("work", "work-control-plane"));

        await sim.Client.CreateAsync("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes", "default", ControlPlane("work-control-plane", "v1.32.0"));
        var rolling = await KcpAsync(sim, "work-control-plane", k => Condition(k, "Ready") == "False");
        var before = (work.Version, sim.Cluster.Version);
        sim.Time.Advance(FakeTimeSim.Delay);
        var done = await KcpAsync(sim, "work-control-plane", k => Condition(k, "Ready") == "True");
        var nodes = await workClient.CoreV1.ListNodeAsync();

        Assert.Equal(("v1.31.4", "v1.31.4"), before);
        Assert.Null(rolling["status"]!["version"]);
        Assert.Equal(0, rolling["status"]!["updatedReplicas"]!.GetValue<long>());
        Assert.Equal("v1.32.0", done["status"]!["version"]!.GetValue<string>());
        Assert.Equal(3, done["status"]!["updatedReplicas"]!.GetValue<long>());
        Assert.Equal("v1.32.0", (await workClient.Version.GetCodeAsync()).GitVersion);
        Assert.Equal("v1.31.4", sim.Cluster.Version); // the management cluster itself did not move
        Assert.Equal(["v1.32.0", "v1.31.4"], nodes.Items.OrderBy(n => n.Metadata.Name).Select(n => n.Status.NodeInfo.KubeletVersion));
    }

    [Fact]
    public async Task KubeadmControlPlane_LabelledWithItsOwnCluster_MovesItsOwnVersion()
    {
        await using var sim = await StartAsync();
        var kcp = ControlPlane("self-control-plane", "v1.32.1");
        kcp["metadata"]!["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = "fake" };

        await sim.Client.CreateAsync("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes", "default", kcp);
        sim.Time.Advance(FakeTimeSim.Delay);
        await KcpAsync(sim, "self-control-plane", k => Condition(k, "Ready") == "True");

        Assert.Equal("v1.32.1", (await sim.Client.Version.GetCodeAsync()).GitVersion);
    }

    [Theory]
    [InlineData("elsewhere", "v1.32.0", "True")] // the server does not host the workload cluster: only the status moves
    [InlineData("work", "1.32", "False")]       // not a version: refused in the status, nothing moves
    public async Task KubeadmControlPlane_NothingToMove_NoClusterChanges(string clusterName, string version, string ready)
    {
        await using var sim = await StartAsync();
        var work = sim.Server.AddCluster("work");
        var kcp = ControlPlane("cp", version);
        kcp["metadata"]!["labels"] = new JsonObject { ["cluster.x-k8s.io/cluster-name"] = clusterName };

        await sim.Client.CreateAsync("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes", "default", kcp);
        sim.Time.Advance(FakeTimeSim.Delay);
        await sim.Cluster.WhenControllersIdleAsync();
        var after = await sim.Client.GetAsync("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes", "default", "cp");

        Assert.Equal(ready, Condition(after, "Ready"));
        Assert.Equal(("v1.31.4", "v1.31.4"), (work.Version, sim.Cluster.Version));
        if (ready == "False")
        {
            Assert.Equal("\"1.32\" is not a Kubernetes version like v1.31.4", Message(after, "Ready"));
        }
    }

    private static async Task<FakeTimeSim> StartAsync()
    {
        var sim = await FakeTimeSim.StartAsync();
        foreach (var crd in JsonNode.Parse(Fixtures.Text("cluster-api-crds.json"))!.AsArray())
        {
            await sim.Client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", crd!.AsObject());
        }
        return sim;
    }

    private static JsonObject CapiCluster(string name, string controlPlane) => new()
    {
        ["apiVersion"] = "cluster.x-k8s.io/v1beta1",
        ["kind"] = "Cluster",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["controlPlaneRef"] = new JsonObject { ["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1", ["kind"] = "KubeadmControlPlane", ["name"] = controlPlane },
        },
    };

    private static JsonObject ControlPlane(string name, string version) => new()
    {
        ["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1",
        ["kind"] = "KubeadmControlPlane",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["replicas"] = 3, ["version"] = version },
    };

    private static Task<JsonObject> KcpAsync(FakeTimeSim sim, string name, Func<JsonObject, bool> check) =>
        sim.StatusAsync("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes", name, check);

    private static JsonObject? ConditionOf(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);

    private static string? Condition(JsonObject obj, string type) => ConditionOf(obj, type)?["status"]?.GetValue<string>();

    private static string? Message(JsonObject obj, string type) => ConditionOf(obj, type)?["message"]?.GetValue<string>();
}
