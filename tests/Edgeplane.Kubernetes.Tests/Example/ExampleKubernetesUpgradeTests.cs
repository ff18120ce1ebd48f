using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Validation;
using Edgeplane.Rendering;
using k8s;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// Issue #12: a Kubernetes minor upgrade of the example's edge layer, end to end short of the hub: the commit renders
/// new upgrade Plans into an edge site's bundle, the engine applies it to KubeSim, and the site's /version moves once
/// the server plan has run; the version skew policy accepts one minor and refuses a skipped one.
/// </summary>
public sealed class ExampleKubernetesUpgradeTests
{
    private const string Cluster = "edge-muc-01";
    private const string EdgeVersion = "kubernetesVersion: v1.30.4+k3s1";

    [Fact]
    public async Task Apply_EdgeLayerBumpedOneMinor_SiteVersionMovesAfterTheServerPlan()
    {
        using var fleet = new ExampleFleetCopy();
        await using var site = await ExampleSite.StartAsync(Cluster, "v1.30.4+k3s1");
        var first = ExampleFleetCopy.Request(fleet.Render(Cluster)); // one revision string for both: only content differs
        Assert.True((await site.ApplyAsync(first)).Succeeded);
        Assert.Equal(HealthWaitOutcome.Current, (await site.AdvanceAndWaitHealthyAsync(first.Objects)).Outcome);
        await site.Sim.WhenControllersIdleAsync();
        var settled = site.Sim.Version;

        fleet.ReplaceOnce("fleet.yaml", EdgeVersion, "kubernetesVersion: v1.31.2+k3s1");
        var upgrade = ExampleFleetCopy.Request(fleet.Render(Cluster));
        var applied = await site.ApplyAsync(upgrade);
        await site.Sim.WhenControllersIdleAsync();
        var beforeDelay = site.Sim.Version;
        site.Time.Advance(ExampleSite.ControllerDelay);
        await site.Sim.WhenControllersIdleAsync();
        var node = (await site.Client.CoreV1.ListNodeAsync()).Items.Single();

        Assert.Equal("v1.30.4+k3s1", settled); // the first bundle's Plans ask for the version the site already runs
        Assert.True(applied.Succeeded, string.Join("\n", applied.Failures));
        Assert.Equal(["Plan/server-plan", "Plan/agent-plan"], applied.ChangeSet.Entries
            .Where(e => e.Action == ChangeAction.Configured).Select(e => $"{e.Object.Kind}/{e.Object.Name}"));
        Assert.Equal("v1.30.4+k3s1", beforeDelay);
        Assert.Equal("v1.31.2+k3s1", site.Sim.Version);
        Assert.Equal("v1.31.2+k3s1", (await site.Client.Version.GetCodeAsync()).GitVersion);
        Assert.Equal(("v1.31.2+k3s1", "True"), (node.Status.NodeInfo.KubeletVersion, node.Status.Conditions.Single(c => c.Type == "Ready").Status));
    }

    [Theory]
    [InlineData("v1.31.2+k3s1", null)]
    [InlineData("v1.32.0+k3s1", "Kubernetes v1.30.4+k3s1 → v1.32.0+k3s1 skips minor version 1.31: upgrade one minor version at a time (1.30 → 1.31 → 1.32)")]
    [InlineData("v1.29.8+k3s1", "Kubernetes v1.30.4+k3s1 → v1.29.8+k3s1 is a downgrade: set kubernetesUpgrade.allowDowngrade: true on the cluster or a scope above it to allow it")]
    public void Skew_BetweenTwoRevisionsOfTheExample_OneMinorAtATime(string next, string? refusal)
    {
        using var fleet = new ExampleFleetCopy();
        var before = Describe(fleet);
        fleet.ReplaceOnce("fleet.yaml", EdgeVersion, $"kubernetesVersion: {next}");
        var after = Describe(fleet);

        Assert.Equal(refusal, KubernetesSkew.Check(before.KubernetesVersion, after.KubernetesVersion, after.AllowKubernetesDowngrade));
    }

    private static EffectiveCluster Describe(ExampleFleetCopy fleet)
    {
        var loaded = FleetLoader.Load(fleet.Path);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return new FleetRenderer(loaded.Fleet!).Describe(Cluster);
    }
}
