using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;

namespace Edgeplane.KubeSim.Tests.Kubectl;

/// <summary>The simulated Cluster API seen by a client nobody here wrote: the real kubectl, on its own server and cache.</summary>
public sealed class ClusterApiKubectlTests
{
    [Fact]
    public async Task GetClustersJson_ReadsTheSimulatedPhase()
    {
        await using var sim = await CapiSim.StartAsync();
        await sim.ProvisionAsync("edge-k");
        using var kubectl = new Infrastructure.Kubectl(sim.Server, "mgmt");

        var json = JsonNode.Parse(await kubectl.OkAsync("get", "clusters.cluster.x-k8s.io", "-o", "json"))!;

        var cluster = Assert.Single(json["items"]!.AsArray())!;
        Assert.Equal(("edge-k", "Provisioned"), (cluster["metadata"]!["name"]!.GetValue<string>(), cluster["status"]!["phase"]!.GetValue<string>()));
        Assert.True(cluster["status"]!["initialization"]!["controlPlaneInitialized"]!.GetValue<bool>());
    }
}
