using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// A cluster's kubernetesVersion renders its upgrade: system-upgrade-controller Plans on k3s and RKE2 clusters that run
/// the upgrade add-on, the version fields of the Cluster API objects of a provisioned cluster; nothing anywhere else.
/// </summary>
public sealed class KubernetesUpgradeTests : IDisposable
{
    private const string EdgeLayer = "      profiles: [edge-base]\n";
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void Render_K3sClusterRunningTheUpgradeAddOn_ServerPlanThenAgentPlan()
    {
        WithUpgradeAddOn();

        var bundle = Render("edge-a");

        Assert.Equal(Expected("k3s.json"), Plans(bundle).Select(Stripped).Select(p => p.ToJsonString()));
        Assert.Equal(["server-plan", "agent-plan"], bundle.Objects.Where(o => o.Kind == "Plan").Select(o => o.Name));
        Assert.All(bundle.Objects.Where(o => o.Kind == "Plan"), o => Assert.Equal(("system-upgrade", "Cluster/edge-a"), (o.Namespace, o.Source)));
        var lastAddOnObject = bundle.Objects.ToList().FindLastIndex(o => o.Source.StartsWith("AddOn/", StringComparison.Ordinal));
        Assert.True(bundle.Objects.ToList().FindIndex(o => o.Kind == "Plan") > lastAddOnObject, "the Plans follow every add-on object");
        Assert.Equal(0, bundle.Objects.ToList().FindIndex(o => o.Name == "plans.upgrade.cattle.io"));
    }

    [Fact]
    public void Render_Rke2ClusterWithABuildAndRegionConcurrency_KeepsTheBuild()
    {
        WithUpgradeAddOn();
        _fleet.Replace("clusters/edge-c.yaml", "  provider: k3s\n", "  provider: rke2\n  kubernetesVersion: v1.31.2+rke2r3\n")
            .Replace("fleet.yaml", "      layers: [edge]\n", "      layers: [edge]\n      kubernetesUpgrade: {workerConcurrency: 2}\n");

        var plans = Plans(Render("edge-c"));

        Assert.Equal(["v1.31.2+rke2r3", "v1.31.2+rke2r3"], plans.Select(p => (string)p["spec"]!["version"]!));
        Assert.Equal([1, 2], plans.Select(p => (int)p["spec"]!["concurrency"]!));
        Assert.Equal(["rancher/rke2-upgrade", "rancher/rke2-upgrade", "rancher/rke2-upgrade"],
            [(string)plans[0]["spec"]!["upgrade"]!["image"]!, (string)plans[1]["spec"]!["upgrade"]!["image"]!, (string)plans[1]["spec"]!["prepare"]!["image"]!]);
    }

    [Fact]
    public void Render_MinorLineOnly_FollowsTheChannelOfThatMinor()
    {
        WithUpgradeAddOn();
        _fleet.Replace("clusters/edge-a.yaml", "  provider: k3s\n", "  provider: k3s\n  kubernetesVersion: v1.31\n");

        var plans = Plans(Render("edge-a"));

        Assert.All(plans, p => Assert.Equal("https://update.k3s.io/v1-release/channels/v1.31", (string)p["spec"]!["channel"]!));
        Assert.All(plans, p => Assert.Null(p["spec"]!["version"]));
    }

    [Fact]
    public void Render_ClustersWithoutTheAddOnOrNotK3s_NothingChanges()
    {
        var before = RenderAll();
        Overlay("addons");
        _fleet.Replace("clusters/cloud-1.yaml", "  provider: eks\n", "  provider: eks\n  addOns:\n    system-upgrade-controller: {enabled: true}\n");

        var after = RenderAll();

        Assert.Equal(before["edge-a"].Digest, after["edge-a"].Digest);
        Assert.Equal(before["edge-c"].Digest, after["edge-c"].Digest);
        Assert.Contains(after["cloud-1"].Objects, o => o.Name == "plans.upgrade.cattle.io"); // the add-on is there…
        Assert.DoesNotContain(after["cloud-1"].Objects, o => o.Kind == "Plan");             // …but an EKS cluster gets no Plan
    }

    [Fact]
    public void Render_PatchBump_OnlyThePlansChange()
    {
        WithUpgradeAddOn();
        var before = Render("edge-a");
        _fleet.Replace("fleet.yaml", "    kubernetesVersion: v1.30.4\n", "    kubernetesVersion: v1.30.5\n");

        var after = Render("edge-a");

        var changed = after.Objects.Where(o => before.Objects.Single(b => b.Kind == o.Kind && b.Name == o.Name).Json.Span.SequenceEqual(o.Json.Span) is false);
        Assert.Equal(["Plan/server-plan", "Plan/agent-plan"], changed.Select(o => $"{o.Kind}/{o.Name}"));
        Assert.All(Plans(after), p => Assert.Equal("v1.30.5+k3s1", (string)p["spec"]!["version"]!));
        Assert.NotEqual(before.ContentDigest, after.ContentDigest);
    }

    [Fact]
    public void Render_ProvisionedCluster_ControlPlaneAndWorkersFollowItsVersion_ControlPlaneWrittenFirst()
    {
        Overlay("templates", "clusters");
        var before = Render("cloud-1");
        _fleet.Replace("clusters/prov-1.yaml", "v1.31.2", "v1.32.0");

        var after = Render("cloud-1");

        Assert.Equal(("v1.31.2", "v1.31.2"), CapiVersions(before));
        Assert.Equal(("v1.32.0", "v1.32.0"), CapiVersions(after));
        var order = after.Objects.Select(o => o.Kind).ToList();
        Assert.True(order.IndexOf("KubeadmControlPlane") < order.IndexOf("MachineDeployment"), string.Join(", ", order));
        Assert.DoesNotContain(after.Objects, o => o.Kind == "Plan");
    }

    [Theory]
    [InlineData("      version: ${cluster.kubernetesVersion}", "      version: v1.32.0",
        "templates/manifests/cluster.yaml:11:1: Cluster \"prov-1\": MachineDeployment \"prov-1-workers\" has version \"v1.32.0\", ahead of its control plane (v1.31.2): workers may never run a newer Kubernetes than the control plane")]
    [InlineData("      version: ${cluster.kubernetesVersion}", "      version: v1.31.3",
        "templates/manifests/cluster.yaml:11:1: Cluster \"prov-1\": MachineDeployment \"prov-1-workers\" has version \"v1.31.3\", ahead of its control plane (v1.31.2): workers may never run a newer Kubernetes than the control plane")]
    [InlineData("      version: ${cluster.kubernetesVersion}", "      version: v1.27.9",
        "templates/manifests/cluster.yaml:11:1: Cluster \"prov-1\": MachineDeployment \"prov-1-workers\" has version \"v1.27.9\", more than 3 minor versions behind its control plane (v1.31.2): the kubelet may be at most 3 minor versions older than the API server")]
    [InlineData("  version: ${cluster.kubernetesVersion}", "  version: v1.30.0",
        "templates/manifests/cluster.yaml:22:1: Cluster \"prov-1\": KubeadmControlPlane \"prov-1-control-plane\" has spec.version \"v1.30.0\", but the cluster declares kubernetesVersion \"v1.31.2\"; write ${cluster.kubernetesVersion} there, so that a version change in the fleet upgrades the control plane")]
    public void Render_ProvisionedClusterVersionsThatBreakTheSkewPolicy_Refused(string line, string replacement, string error)
    {
        Overlay("templates", "clusters");
        var text = File.ReadAllText(Path.Combine(_fleet.Root, "templates/manifests/cluster.yaml"));
        File.WriteAllText(Path.Combine(_fleet.Root, "templates/manifests/cluster.yaml"), ReplaceLine(text, line, replacement));

        var result = Renderer().Render("cloud-1");

        Assert.Null(result.Bundle);
        Assert.Equal([error], result.Diagnostics.Select(d => d.ToString()));
        Assert.True(Renderer().Render("prov-1").Succeeded); // the provisioned cluster's own bundle is not affected
    }

    [Fact]
    public void Describe_AllowKubernetesDowngrade_NearestScopeWins()
    {
        _fleet.Replace("fleet.yaml", "    kubernetesVersion: v1.30.4\n", "    kubernetesVersion: v1.30.4\n    kubernetesUpgrade: {allowDowngrade: true}\n")
            .Replace("clusters/edge-c.yaml", "  provider: k3s\n", "  provider: k3s\n  kubernetesUpgrade: {allowDowngrade: false}\n");

        var renderer = Renderer();

        Assert.Equal((true, false, true), (renderer.Describe("edge-a").AllowKubernetesDowngrade,
            renderer.Describe("edge-c").AllowKubernetesDowngrade, renderer.Describe("cloud-1").AllowKubernetesDowngrade));
    }

    private void WithUpgradeAddOn()
    {
        Overlay("addons");
        _fleet.Replace("fleet.yaml", EdgeLayer, EdgeLayer + "      addOns:\n        system-upgrade-controller: {enabled: true}\n");
    }

    /// <summary>Copies parts of testdata/upgrades (the upgrade add-on, a Cluster API template, a cluster it provisions) into the fleet.</summary>
    private void Overlay(params string[] parts)
    {
        foreach (var part in parts)
        {
            var from = Path.Combine(AppContext.BaseDirectory, "testdata", "upgrades", part);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                _fleet.Write(Path.Combine(part, Path.GetRelativePath(from, file)), File.ReadAllText(file));
            }
        }
    }

    private FleetRenderer Renderer()
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return new FleetRenderer(loaded.Fleet!);
    }

    private Bundle Render(string cluster)
    {
        var result = Renderer().Render(cluster);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bundle!;
    }

    private Dictionary<string, Bundle> RenderAll() => Renderer().RenderAll().Bundles.ToDictionary(b => b.ClusterName);

    private static List<JsonObject> Plans(Bundle bundle) => bundle.Objects.Where(o => o.Kind == "Plan").Select(o => o.ToJsonObject()).ToList();

    private static JsonObject Stripped(JsonObject obj)
    {
        obj["metadata"]!.AsObject().Remove("annotations");
        obj["metadata"]!.AsObject().Remove("labels");
        return obj;
    }

    private static IEnumerable<string> Expected(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "upgrade-plans", file)))!.AsArray().Select(p => p!.ToJsonString());

    private static (string ControlPlane, string Workers) CapiVersions(Bundle bundle)
    {
        var objects = bundle.Objects.ToDictionary(o => o.Kind, o => o.ToJsonObject());
        return ((string)objects["KubeadmControlPlane"]["spec"]!["version"]!, (string)objects["MachineDeployment"]["spec"]!["template"]!["spec"]!["version"]!);
    }

    private static string ReplaceLine(string text, string line, string replacement)
    {
        var lines = text.Split('\n');
        lines[Array.IndexOf(lines, lines.Single(l => l == line))] = replacement;
        return string.Join('\n', lines);
    }
}
