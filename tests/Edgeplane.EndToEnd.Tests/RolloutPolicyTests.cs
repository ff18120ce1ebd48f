using k8s;
using System.Net.Http.Json;
using Edgeplane.EndToEnd.Tests.Support;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>
/// Rollouts with real agents applying into KubeSim: a patch goes wave by wave; an image that never becomes ready stops at
/// the first wave, rolls back by itself, and the later waves never receive it; a Kubernetes minor upgrade of the edge
/// layer completes through the waves, its gate waiting for the version the site reports.
/// </summary>
public sealed class RolloutPolicyTests
{
    private const string Policy = """
        apiVersion: edgeplane.dev/v1alpha1
        kind: Rollout
        metadata: {name: default}
        spec:
          soakTime: 2s
          waves:
            - name: edge
              target: {layers: [edge]}
            - name: cloud
              target: {layers: [cloud]}
          healthGates:
            - {name: bundles-healthy, minHealthyPercent: 100, timeout: 30s}
          rollback: {automatic: true, maxFailures: 0}
        """;

    private const string Istio = "addons/istio/addon.yaml";

    [Fact]
    public async Task PatchBump_GoesWaveByWave_ThenAnImageThatNeverBecomesReady_RollsBackAtTheFirstWave()
    {
        await using var scenario = await E2eScenario.StartAsync();
        Directory.CreateDirectory(Path.Combine(scenario.Repo, "rollouts"));
        await File.WriteAllTextAsync(Path.Combine(scenario.Repo, "rollouts", "default.yaml"), Policy);
        scenario.Stack.Commit("rollout policy");

        var good = await CommitIstioAsync(scenario, "1.23.2", "1.23.3");
        var run = await scenario.WaitForRolloutEndAsync(good);

        Assert.Equal(RolloutState.Succeeded, run.State);
        Assert.Equal(["edge", "cloud"], run.Waves.Select(w => w.Name));
        Assert.True(run.Waves[0].FinishedAt <= run.Waves[1].StartedAt);
        Assert.Contains("istio 1.23.2 → 1.23.3", run.Changes);
        var healthy = await scenario.WaitForAllConvergedAsync();

        foreach (var cluster in TestFleet.Clusters)
        {
            scenario.Stack.KubeSim.Clusters[cluster].Faults.NeverReadyImage("docker.io/istio/pilot:1.99.0");
        }
        var bad = await CommitIstioAsync(scenario, "1.23.3", "1.99.0");
        var failed = await scenario.WaitForRolloutEndAsync(bad);

        Assert.Equal(RolloutState.RolledBack, failed.State);
        Assert.Equal([TestFleet.Edge], failed.FailedClusters);
        Assert.Null(failed.Waves[1].StartedAt);
        // Desired stays what Git says; every agent runs its last good bundle again.
        var back = await scenario.Stack.WaitForConvergenceAsync(s => s.Clusters.All(c => c.Applied == healthy.Find(c.Cluster)!.Applied), E2eScenario.Timeout);
        Assert.All(back.Clusters, c => Assert.Equal(healthy.Find(c.Cluster)!.Applied, c.Applied));
        Assert.All(back.Clusters, c => Assert.NotEqual(c.Applied, c.Desired));
        var edge = await scenario.ClusterAsync(TestFleet.Edge);
        Assert.Equal(failed.Id, edge.Cluster.HeldByRollout);
        using var kube = scenario.Stack.KubeSim.CreateClient(TestFleet.Edge);
        var istiod = await kube.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system");
        Assert.Equal("docker.io/istio/pilot:1.23.3", istiod.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task EdgeMinorUpgrade_CompletesThroughTheWaves_TheSiteReportsTheNewVersion()
    {
        await using var scenario = await E2eScenario.StartAsync();
        Directory.CreateDirectory(Path.Combine(scenario.Repo, "rollouts"));
        await File.WriteAllTextAsync(Path.Combine(scenario.Repo, "rollouts", "default.yaml"),
            Policy.Replace("timeout: 30s}", "timeout: 60s, requireKubernetesVersion: true}", StringComparison.Ordinal));
        scenario.Stack.Commit("rollout policy: wait for the Kubernetes version");
        using var kube = scenario.Stack.KubeSim.CreateClient(TestFleet.Edge);
        Assert.Equal("v1.30.4+k3s1", (await kube.Version.GetCodeAsync()).GitVersion);

        var fleet = Path.Combine(scenario.Repo, "fleet.yaml");
        var text = await File.ReadAllTextAsync(fleet);
        Assert.Contains("kubernetesVersion: v1.30.4+k3s1\n", text);
        await File.WriteAllTextAsync(fleet, text.Replace("kubernetesVersion: v1.30.4+k3s1\n", "kubernetesVersion: v1.31.2+k3s1\n", StringComparison.Ordinal));
        var sha = scenario.Stack.Commit("edge: Kubernetes 1.31");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(sha, E2eScenario.Timeout)).State);
        var run = await scenario.WaitForRolloutEndAsync(sha);

        Assert.True(run.State == RolloutState.Succeeded,
            $"{run.State}: {run.Reason}; {string.Join("; ", run.Waves.SelectMany(w => w.Members).Select(m => $"{m.Cluster} {m.State} {m.Reason}"))}");
        Assert.Equal(["edge", "cloud"], run.Waves.Select(w => w.Name));
        Assert.Equal([TestFleet.Edge], run.Waves[0].Clusters);
        Assert.Empty(run.Waves[1].Clusters); // the cloud clusters' bundles did not change
        Assert.Contains("kubernetes v1.30.4+k3s1 → v1.31.2+k3s1", run.Changes);
        Assert.Equal("v1.31.2+k3s1", (await kube.Version.GetCodeAsync()).GitVersion);
        var edge = await scenario.ClusterAsync(TestFleet.Edge);
        Assert.Equal("v1.31.2+k3s1", edge.Cluster.Status.KubernetesVersion);
    }

    private static async Task<string> CommitIstioAsync(E2eScenario scenario, string from, string to)
    {
        var path = Path.Combine(scenario.Repo, Istio);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains($"version: \"{from}\"", text);
        await File.WriteAllTextAsync(path, text.Replace($"version: \"{from}\"", $"version: \"{to}\"", StringComparison.Ordinal));
        var sha = scenario.Stack.Commit($"istio {to}");
        Assert.Equal(RevisionState.Applied, (await scenario.Stack.WaitForRevisionAsync(sha, E2eScenario.Timeout)).State);
        return sha;
    }
}
