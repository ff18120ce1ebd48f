using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Cli;
using Edgeplane.EndToEnd.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Generators;
using k8s;
using k8s.Models;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>
/// Joining clusters through the manifests a real cluster gets, never shortcut by the hub: <c>edgeplane clusters join</c>
/// on a virtual cluster added at runtime, and the hub's Cluster API join Secret applied by KubeSim's ClusterResourceSet
/// simulation into the cluster its Cluster API simulation made. In both, <c>up</c>'s kubelet brings the agent Deployment to life.
/// </summary>
public sealed class JoinTests
{
    private const string Brownfield = "brownfield-01";

    [Fact]
    public async Task ClustersJoin_VirtualClusterAddedAtRuntime_CommittedThenJoined_Converges_AndFollowsItsDeployment()
    {
        await using var scenario = await E2eScenario.StartAsync();
        using (var sim = new HttpClient { BaseAddress = scenario.Stack.KubeSim.BaseUri })
        {
            using var added = await sim.PostAsJsonAsync("_sim/clusters", new { name = Brownfield });
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }
        File.WriteAllText(Path.Combine(scenario.Repo, "clusters", "cloud", $"{Brownfield}.yaml"), $"""
            apiVersion: edgeplane.dev/v1alpha1
            kind: Cluster
            metadata:
              name: {Brownfield}
            spec:
              layer: cloud
              region: us-east
              provider: aks
            """);
        var sha = scenario.Stack.Commit("a brownfield cluster");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(sha, E2eScenario.Timeout)).State);
        await scenario.Stack.SyncClustersAsync();
        Assert.False(scenario.Stack.Agents.ContainsKey(Brownfield), "up starts no agent in a virtual cluster it did not make");

        var manifest = await CliAsync("agent", "manifest", "--cluster", Brownfield, "--api", scenario.Stack.HubUrl.ToString(), "--api-token", scenario.AdminToken);
        Assert.Equal(0, manifest.Code);
        var advertised = Decoded(YamlLoader.Load("m.yaml", manifest.Out).Documents.Select(d => (JsonObject)d.Root)
            .Single(o => (string)o["kind"]! == "Secret")["data"]!["hub"]);
        Assert.Equal(scenario.Stack.GatewayUrl.GetLeftPart(UriPartial.Authority), advertised);

        var kubeconfig = Path.Combine(scenario.Root, "bf.kubeconfig");
        File.WriteAllText(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: bf
              cluster: {server: "{{scenario.Stack.KubeSim.ClusterUri(Brownfield)}}"}
            users:
            - name: bf
              user: {token: any}
            contexts:
            - name: bf
              context: {cluster: bf, user: bf}
            current-context: bf
            """);
        var join = await CliAsync("clusters", "join", Brownfield, "--kubeconfig", kubeconfig, "--context", "bf", "--hub", scenario.Stack.HubUrl.ToString(),
            "--token", scenario.AdminToken, "--timeout", "2m");

        Assert.True(join.Code == 0, join.Error);
        Assert.Contains($"joined: the agent of {Brownfield} is connected", join.Out, StringComparison.Ordinal);
        await scenario.WaitForAllConvergedAsync(s => s.Clusters.Any(c => c.Cluster == Brownfield));
        Assert.Equal(Brownfield, scenario.Stack.PodAgents[Brownfield]);
        Assert.Equal(scenario.Stack.Layout.PodState(Brownfield), scenario.Stack.Agents[Brownfield].StateDirectory);
        Assert.Equal(0, (await CliAsync("agent", "probe", "--state", scenario.Stack.Layout.PodState(Brownfield), "--enrolled")).Code);

        using var client = scenario.Stack.KubeSim.CreateClient(Brownfield);
        await ScaleAsync(client, 0);
        await scenario.UntilAsync(() => Task.FromResult(scenario.Stack.Agents.ContainsKey(Brownfield)), running => !running, "the agent stops at 0 replicas");
        await ScaleAsync(client, 1);
        await scenario.UntilAsync(() => Task.FromResult(scenario.Stack.Agents.ContainsKey(Brownfield)), running => running, "the agent starts again at 1 replica");
        await scenario.WaitForAllConvergedAsync(s => s.Clusters.Any(c => c.Cluster == Brownfield));
        await client.AppsV1.DeleteNamespacedDeploymentAsync(AgentInstallObjects.AgentName, AgentInstallObjects.Namespace);
        await scenario.UntilAsync(() => Task.FromResult(scenario.Stack.Agents.ContainsKey(Brownfield)), running => !running, "the agent stops with its Deployment");
    }

    [Fact]
    public async Task ClustersJoin_ClusterNotInTheFleet_ExitOne_SaysSo_AppliesNothing()
    {
        await using var scenario = await E2eScenario.StartAsync();
        scenario.Stack.KubeSim.AddCluster(Brownfield);
        var kubeconfig = Path.Combine(scenario.Root, "bf.kubeconfig");
        scenario.Stack.KubeSim.WriteKubeconfig(kubeconfig, Brownfield, [Brownfield]);

        var join = await CliAsync("clusters", "join", Brownfield, "--kubeconfig", kubeconfig, "--hub", scenario.Stack.HubUrl.ToString(), "--token", scenario.AdminToken);
        var unreachable = await CliAsync("clusters", "join", TestFleet.Edge, "--kubeconfig", kubeconfig, "--context", "nowhere",
            "--hub", scenario.Stack.HubUrl.ToString(), "--token", scenario.AdminToken);

        Assert.Equal(1, join.Code);
        Assert.Contains($"cluster '{Brownfield}' is not declared in the fleet the hub follows", join.Error, StringComparison.Ordinal);
        using var client = scenario.Stack.KubeSim.CreateClient(Brownfield);
        Assert.DoesNotContain((await client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == AgentInstallObjects.Namespace);
        Assert.Equal(2, unreachable.Code);
        Assert.Contains($"cannot use --kubeconfig '{kubeconfig}' --context 'nowhere'", unreachable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionedCluster_ZeroTouch_ClusterApiAppliesTheJoinSecret_TheAgentEnrolsAndConverges_TheSecretIsThenCarried()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var example = Cli.Up.FleetRepo.FindExampleFleet()!;
        Directory.CreateDirectory(Path.Combine(scenario.Repo, "clusters", "regional"));
        File.Copy(Path.Combine(example, "clusters", "regional", "os-fra.yaml"), Path.Combine(scenario.Repo, "clusters", "regional", "os-fra.yaml"));
        var sha = scenario.Stack.Commit("a cluster eks-eu-west provisions");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(sha, E2eScenario.Timeout)).State);
        await scenario.Stack.SyncClustersAsync();
        Assert.False(scenario.Stack.Agents.ContainsKey("os-fra"), "up starts no agent of its own for a provisioned cluster");

        // Nothing but the hub, the management cluster's agent, the Cluster API simulation and up's kubelet from here on.
        await scenario.WaitForAllConvergedAsync(s => s.Clusters.Any(c => c.Cluster == "os-fra"));

        Assert.Equal("os-fra", scenario.Stack.PodAgents["os-fra"]);
        using (var workload = scenario.Stack.KubeSim.CreateClient("os-fra"))
        {
            var deployment = await workload.AppsV1.ReadNamespacedDeploymentAsync(AgentInstallObjects.AgentName, AgentInstallObjects.Namespace);
            Assert.True(deployment.Spec.Template.Spec.HostNetwork, "a cluster Cluster API just made gets the bootstrap variant");
        }
        var carrier = await CarrierAsync(scenario);
        var tokenId = carrier!.Metadata.Annotations[AgentJoinSecret.TokenIdAnnotation];
        await scenario.CommitMarkerAsync("after the join");
        await scenario.WaitForAllConvergedAsync();
        var after = await CarrierAsync(scenario);
        Assert.Equal(tokenId, after!.Metadata.Annotations[AgentJoinSecret.TokenIdAnnotation]); // enrolled: carried, not re-issued
        Assert.Equal(carrier.Data[AgentJoinSecret.DataKey], after.Data[AgentJoinSecret.DataKey]);
    }

    private static async Task<V1Secret?> CarrierAsync(E2eScenario scenario)
    {
        using var client = scenario.Stack.KubeSim.CreateClient("eks-eu-west");
        var list = await client.CoreV1.ListNamespacedSecretAsync("capi-clusters", fieldSelector: $"metadata.name={AgentJoinSecret.Name("os-fra")}");
        return list.Items.SingleOrDefault();
    }

    private static Task ScaleAsync(IKubernetes client, int replicas) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("{\"spec\":{\"replicas\":" + replicas + "}}", V1Patch.PatchType.MergePatch),
            AgentInstallObjects.AgentName, AgentInstallObjects.Namespace);

    private static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Decoded(JsonNode? node) => Encoding.UTF8.GetString(Convert.FromBase64String((string)node!));
}
