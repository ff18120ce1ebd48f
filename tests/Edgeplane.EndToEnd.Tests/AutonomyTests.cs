using System.Diagnostics;
using Edgeplane.Agent.Link;
using Edgeplane.EndToEnd.Tests.Support;
using k8s;
using k8s.Models;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>Edge autonomy and drift: without the hub a site keeps its workloads and corrects drift; kubectl drift shows in the API.</summary>
public sealed class AutonomyTests
{
    private const string Namespace = "flux-system";
    private const string Deployment = "helm-controller";

    [Fact]
    public async Task HubUnreachable_ClusterKeepsWorkloadsAndCorrectsDriftLocally()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var agent = scenario.Agent(TestFleet.Edge);
        var objects = scenario.Stack.KubeSim.Clusters[TestFleet.Edge].ObjectCount;

        await scenario.Stack.StopHubAsync();
        await scenario.Stack.WaitForAgentAsync(TestFleet.Edge, a => a.Link.State != HubLinkState.Connected, E2eScenario.Timeout);
        using var client = scenario.Stack.KubeSim.CreateClient(TestFleet.Edge);
        await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), Deployment, Namespace);
        agent.RequestReconcile();
        var corrected = await scenario.Stack.WaitForAgentAsync(TestFleet.Edge, a => a.Drifted > 0, E2eScenario.Timeout);

        Assert.NotEqual(HubLinkState.Connected, corrected.Link.State);
        Assert.Equal(1, (await client.AppsV1.ReadNamespacedDeploymentAsync(Deployment, Namespace)).Spec.Replicas);
        Assert.True(scenario.Stack.KubeSim.Clusters[TestFleet.Edge].ObjectCount >= objects, "no workload was removed while the hub was away");
        Assert.True(corrected.PendingReports > 0, "status reports are buffered while the hub is away");

        await scenario.Stack.StartHubAsync();
        await scenario.WaitForAllConvergedAsync();
        await scenario.Stack.WaitForAgentAsync(TestFleet.Edge, a => a.PendingReports == 0, E2eScenario.Timeout);
    }

    [Fact]
    public async Task DriftMadeWithKubectl_CorrectedAndShownInTheApi()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var home = Directory.CreateDirectory(Path.Combine(scenario.Root, "kubectl-home")).FullName;

        var patch = await KubectlAsync(home, scenario.Stack.Layout.Kubeconfig, "patch", "deployment", Deployment, "-n", Namespace,
            "--type=merge", "-p", """{"spec":{"replicas":4}}""");
        Assert.Contains("patched", patch);
        Assert.Equal("4", await KubectlAsync(home, scenario.Stack.Layout.Kubeconfig, "get", "deployment", Deployment, "-n", Namespace,
            "-o", "jsonpath={.spec.replicas}"));
        scenario.Agent(TestFleet.Edge).RequestReconcile();
        var detail = await scenario.UntilAsync(() => scenario.ClusterAsync(TestFleet.Edge), d => d.Cluster.Status.Drifted, "drift in the API");

        Assert.Contains(detail.StatusDetails!.Drift, d => d.Kind == "Deployment" && d.Name == Deployment && d.Namespace == Namespace);
        Assert.Equal("1", await KubectlAsync(home, scenario.Stack.Layout.Kubeconfig, "get", "deployment", Deployment, "-n", Namespace,
            "-o", "jsonpath={.spec.replicas}"));
    }

    private static async Task<string> KubectlAsync(string home, string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = home; // kubectl caches /version and discovery per server under ~/.kube/cache
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--context", TestFleet.Edge, "--request-timeout=60s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(E2eScenario.Timeout);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
