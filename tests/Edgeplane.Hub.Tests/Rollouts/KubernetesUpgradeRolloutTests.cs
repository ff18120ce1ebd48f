using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Rollouts;

/// <summary>
/// docs/rollouts.md, "Kubernetes upgrades": a kubernetesVersion change of the example's edge layer goes through the
/// waves, each wave waiting until the agents report the new server version; the skew policy refuses a change that skips
/// a minor version or downgrades, against what the hub stored and what a running upgrade has not moved yet.
/// </summary>
public sealed class KubernetesUpgradeRolloutTests
{
    private const string EdgeVersion = "      kubernetesVersion: v1.30.4+k3s1\n";

    /// <summary>canary → edge, one at a time; the gate waits for the declared server version for up to 10 minutes.</summary>
    private const string UpgradePolicy = """
        apiVersion: edgeplane.dev/v1alpha1
        kind: Rollout
        metadata: {name: default}
        spec:
          maxUnavailable: 1
          soakTime: 1m
          waves:
            - name: canary
              target: {selector: {matchLabels: {rollout.acme.example.net/canary: "true"}}}
            - name: edge
              target: {layers: [edge]}
            - name: rest
              target: {layers: [regional, cloud]}
          healthGates:
            - {name: upgraded, minHealthyPercent: 100, timeout: 10m, requireKubernetesVersion: true}
          rollback: {automatic: true, maxFailures: 0}
        """;

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EdgeMinorUpgrade_GoesWaveByWave_EachWaveWaitsForTheReportedVersion(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, UpgradePolicy);
        var upgraded = new HashSet<string>(StringComparer.Ordinal);
        // An agent reports the new version only once the test lets its cluster's upgrade finish.
        fleet.KubernetesVersion = c => upgraded.Contains(c.Name) && c.Target.Digest == c.Desired.Digest ? c.KubernetesVersion : "v1.30.4+k3s1";
        var before = await fleet.Hub.ClustersAsync();
        // edge-lux-01 is made by Cluster API on eks-eu-west: its upgrade is in eks-eu-west's bundle, so it moves in eks-eu-west's wave.
        var edge = before.Values.Where(c => c.KubernetesVersion == "v1.30.4+k3s1" && c.Provisioning is null).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var management = before.Values.Where(c => c.KubernetesVersion == "v1.30.4+k3s1" && c.Provisioning is not null)
            .Select(c => c.Provisioning!.ManagementCluster).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["eks-eu-west"], management);

        var sha = await fleet.CommitAsync("fleet.yaml", EdgeVersion, "      kubernetesVersion: v1.31.1+k3s1\n", "edge: Kubernetes 1.31");

        // Healthy but still on 1.30: the canary wave does not pass, and no edge cluster past the canaries moves.
        for (var i = 0; i < 5; i++)
        {
            await fleet.StepAsync();
            fleet.Host.Time.Advance(TimeSpan.FromMinutes(1));
        }
        var waiting = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Progressing, waiting.State);
        Assert.Equal("canary", waiting.CurrentWave);
        Assert.Contains("kubernetes v1.30.4+k3s1 → v1.31.1+k3s1", waiting.Changes);
        // The run names what it does to the clusters its members provision, though their own bundles do not change.
        Assert.Contains("kubernetes v1.30.4+k3s1 → v1.31.1+k3s1 on edge-lux-01 (made by eks-eu-west)", waiting.Changes);
        var moving = Assert.Single(waiting.Waves[0].Members, m => m.State == "Moving");
        Assert.Contains("Kubernetes v1.30.4+k3s1 (wants v1.31.1+k3s1)", moving.Reason);
        Assert.All(waiting.Waves.Skip(1), w => Assert.Null(w.StartedAt));

        // The server runs the new version but a node is not Ready yet (NodesReady False): still waiting.
        upgraded.UnionWith(edge);
        fleet.NodesReady = _ => false;
        await fleet.StepAsync();
        fleet.Host.Time.Advance(TimeSpan.FromMinutes(1));
        await fleet.StepAsync();
        var nodesBehind = await fleet.RolloutOfAsync(sha);
        Assert.Equal("canary", nodesBehind.CurrentWave);
        Assert.Contains("Kubernetes v1.31.1+k3s1 (wants v1.31.1+k3s1), nodes the fake agent's nodes",
            Assert.Single(nodesBehind.Waves[0].Members, m => m.State == "Moving").Reason);

        fleet.NodesReady = _ => true;
        await fleet.RunToEndAsync(TimeSpan.FromMinutes(1));

        var done = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.Succeeded, done.State);
        Assert.Equal(["canary", "edge", "rest"], done.Waves.Where(w => w.Clusters.Count > 0).Select(w => w.Name));
        Assert.Equal(management.Order(StringComparer.Ordinal), done.Waves.Single(w => w.Name == "rest").Clusters);
        Assert.Equal(edge.Concat(management).Order(StringComparer.Ordinal), done.Waves.SelectMany(w => w.Clusters).Order(StringComparer.Ordinal));
        var after = await fleet.Hub.ClustersAsync();
        Assert.All(edge, c => Assert.Equal(("v1.31.1+k3s1", after[c].Desired.Digest), (after[c].Status.KubernetesVersion, after[c].Target.Digest)));
        Assert.All(management, c => Assert.Equal(after[c].Desired.Digest, after[c].Target.Digest));
        Assert.All(after.Values.Where(c => !edge.Contains(c.Name) && !management.Contains(c.Name)),
            c => Assert.Equal(before[c.Name].Target.Digest, c.Target.Digest));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UpgradeNeverReported_FailsTheGate_TheCanaryIsStoppedNotRolledBack(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, UpgradePolicy);
        fleet.KubernetesVersion = _ => "v1.30.4+k3s1";
        var before = await fleet.Hub.ClustersAsync();

        var sha = await fleet.CommitAsync("fleet.yaml", EdgeVersion, "      kubernetesVersion: v1.31.1+k3s1\n", "edge: Kubernetes 1.31");
        await fleet.RunToEndAsync(TimeSpan.FromMinutes(1));

        var run = await fleet.RolloutOfAsync(sha);
        Assert.Equal(RolloutState.RolledBack, run.State);
        Assert.Contains("wave canary", run.Reason);
        var stopped = Assert.Single(run.Waves[0].Members, m => m.State == "Stopped");
        Assert.Contains("cannot be rolled back; it keeps the new bundle", stopped.Reason);
        var after = await fleet.Hub.ClustersAsync();
        Assert.Equal(after[stopped.Cluster].Desired.Digest, after[stopped.Cluster].Target.Digest); // Kubernetes is not downgraded
        Assert.All(run.Waves.Skip(1).SelectMany(w => w.Clusters), c => Assert.Equal(before[c].Target.Digest, after[c].Target.Digest));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SkippedMinor_FailsTheRevisionAtTheLineThatSetsIt_NothingChanges(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, UpgradePolicy);
        var before = await fleet.Hub.ClustersAsync();
        var edge = before.Values.Where(c => c.KubernetesVersion == "v1.30.4+k3s1").Select(c => c.Name).Order(StringComparer.Ordinal).ToList();

        var revision = await CommitFailingAsync(fleet, EdgeVersion, "      kubernetesVersion: v1.32.0+k3s1\n", "edge: straight to 1.32");

        var error = Assert.Single(revision.Errors);
        Assert.Equal(("fleet.yaml", 28, "KubernetesVersionSkew"), (error.File, error.Line, error.Code));
        Assert.Equal($"{edge.Count} clusters ({string.Join(", ", edge)}): Kubernetes v1.30.4+k3s1 → v1.32.0+k3s1 skips minor version 1.31: " +
            "upgrade one minor version at a time (1.30 → 1.31 → 1.32) (the version is set by layer \"edge\")", error.Message);
        await AssertNothingChangedAsync(fleet, before);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Downgrade_IsRefusedWithoutTheFlag_AndAppliedWithIt(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, UpgradePolicy);
        var before = await fleet.Hub.ClustersAsync();

        var refused = await CommitFailingAsync(fleet, EdgeVersion, "      kubernetesVersion: v1.29.8+k3s1\n", "edge: back to 1.29");

        Assert.Contains("Kubernetes v1.30.4+k3s1 → v1.29.8+k3s1 is a downgrade: set kubernetesUpgrade.allowDowngrade: true",
            Assert.Single(refused.Errors).Message);
        await AssertNothingChangedAsync(fleet, before);

        var sha = await fleet.CommitAsync("fleet.yaml", "      kubernetesVersion: v1.29.8+k3s1\n",
            "      kubernetesVersion: v1.29.8+k3s1\n      kubernetesUpgrade: {allowDowngrade: true}\n", "edge: back to 1.29, on purpose");
        Assert.Contains("kubernetes v1.30.4+k3s1 → v1.29.8+k3s1", (await fleet.RolloutOfAsync(sha)).Changes);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task NextMinorWhileAnUpgradeRuns_IsRefused_ForTheClustersItHasNotMovedYet(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store, UpgradePolicy);
        fleet.KubernetesVersion = _ => "v1.30.4+k3s1"; // the first upgrade never finishes: the run stays in its canary wave
        await fleet.CommitAsync("fleet.yaml", EdgeVersion, "      kubernetesVersion: v1.31.1+k3s1\n", "edge: Kubernetes 1.31");
        await fleet.StepAsync();
        var before = await fleet.Hub.ClustersAsync();

        var revision = await CommitFailingAsync(fleet, "      kubernetesVersion: v1.31.1+k3s1\n", "      kubernetesVersion: v1.32.0+k3s1\n", "edge: and 1.32");

        var error = Assert.Single(revision.Errors);
        Assert.Contains("Kubernetes v1.30.4+k3s1 → v1.32.0+k3s1 skips minor version 1.31", error.Message);
        Assert.Contains("(v1.30.4+k3s1: its target still carries it: an active rollout has not judged the cluster yet)", error.Message);
        await AssertNothingChangedAsync(fleet, before);
    }

    private static async Task<RevisionResponse> CommitFailingAsync(RolloutFleet fleet, string from, string to, string message)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(fleet.Hub.Repo.Path, "fleet.yaml"));
        Assert.Contains(from, text, StringComparison.Ordinal);
        fleet.Hub.Repo.Write("fleet.yaml", text.Replace(from, to, StringComparison.Ordinal));
        var revision = await fleet.Hub.CommitOnIntervalAsync(message);
        Assert.Equal(RevisionState.Failed, revision.State);
        return revision;
    }

    private static async Task AssertNothingChangedAsync(RolloutFleet fleet, Dictionary<string, ClusterResponse> before)
    {
        var after = await fleet.Hub.ClustersAsync();
        Assert.All(after.Values, c => Assert.Equal((before[c.Name].KubernetesVersion, before[c.Name].Desired, before[c.Name].Target),
            (c.KubernetesVersion, c.Desired, c.Target)));
    }
}
