using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;

namespace Edgeplane.Rendering.Tests;

/// <summary>Render-time refusals: each names what and where, and no bundle is produced.</summary>
public sealed class RenderBadInputTests : IDisposable
{
    private const string H = "apiVersion: edgeplane.dev/v1alpha1\n";
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private void AssertRenderErrors(string cluster, params string[] expected)
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        var renderer = new FleetRenderer(loaded.Fleet!);

        var result = renderer.Render(cluster);
        var all = renderer.RenderAll();

        Assert.Null(result.Bundle);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        Assert.Empty(all.Bundles);
        Assert.False(all.Succeeded);
    }

    /// <summary>
    /// Workspace "team" is rejected on <paramref name="cluster"/> with exactly these violations (and on every cluster by
    /// RenderAll); nothing of its application ships anywhere, the platform's add-ons still do.
    /// </summary>
    private void AssertRejected(string cluster, params string[] expected)
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        var renderer = new FleetRenderer(loaded.Fleet!);

        var result = renderer.Render(cluster);
        var all = renderer.RenderAll();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(string.Join("\n", expected), string.Join("\n", result.Rejections["team"].Select(d => d.ToString())));
        Assert.True(all.Succeeded, string.Join("\n", all.Diagnostics));
        Assert.All(result.Rejections["team"], d => Assert.Contains(d, all.Rejections["team"]));
        Rejected.AssertNothingShipped(all, "team");
        Assert.All(all.Bundles.Where(b => b.ClusterName.StartsWith("edge-", StringComparison.Ordinal)), b =>
        {
            Assert.Contains(b.Objects, o => o.Source == "AddOn/net");
            Assert.Contains(b.Objects, o => o is { Kind: "Namespace", Name: "team-ns" });
        });
    }

    [Fact]
    public void Render_UnknownVariable_NamesWhereItIsUsed()
    {
        _fleet.Replace("apps/app1/manifests/cm.yaml", "${greeting}", "${greetng}");

        AssertRenderErrors("edge-a", "apps/app1/manifests/cm.yaml:6:13: Application/app1: unknown variable \"${greetng}\"; did you mean \"greeting\"?");
    }

    [Fact]
    public void Render_UnterminatedReference_Refused()
    {
        _fleet.Replace("apps/app1/manifests/cm.yaml", "${greeting}", "\"${greeting\"");

        AssertRenderErrors("edge-a", "apps/app1/manifests/cm.yaml:6:13: unterminated variable reference in \"${greeting\": a \"${\" needs a closing \"}\" (write \"$${\" for a literal \"${\")");
    }

    [Fact]
    public void Render_VnfOnClusterWithoutKubeVirt_NamesTheNfAndCluster()
    {
        _fleet.Replace("workspaces.yaml", "[ConfigMap, apps/Deployment]", "[ConfigMap, apps/Deployment, kubevirt.io/VirtualMachine]\n  podSecurity: privileged");
        _fleet.Write("nf.yaml", H + "kind: NetworkFunction\nmetadata:\n  name: vr\nspec:\n  workspace: team\n  type: vnf\n  namespace: team-ns\n"
            + "  placement:\n    clusters: [edge-a]\n  vnf:\n    image: docker://example.net/vr:1\n");

        AssertRenderErrors("edge-a", "nf.yaml:10:5: NetworkFunction \"vr\": a VNF cannot be placed on cluster \"edge-a\": the cluster has neither the \"kubevirt\" capability nor an add-on that provides it");
    }

    [Fact]
    public void Render_ObjectInNamespaceNotOwned_Refused()
    {
        _fleet.Replace("apps/app1/manifests/cm.yaml", "  name: app1\n", "  name: app1\n  namespace: kube-system\n");

        AssertRejected("edge-a", "apps/app1/manifests/cm.yaml:1:1: Application \"app1\": ConfigMap \"kube-system/app1\" is in namespace \"kube-system\", which Workspace \"team\" does not own (it owns team-ns); cluster \"edge-a\"");
    }

    [Fact]
    public void Render_KindNotAllowed_Refused()
    {
        _fleet.Replace("apps/app1/manifests/cm.yaml", "kind: ConfigMap", "kind: Secret");

        AssertRejected("edge-a", "apps/app1/manifests/cm.yaml:1:1: Application \"app1\": Secret \"team-ns/app1\" is of kind Secret, which Workspace \"team\" does not allow (spec.allowedKinds)");
    }

    [Fact]
    public void Render_ClusterScopedObjectFromApplication_Refused()
    {
        _fleet.Replace("workspaces.yaml", "[ConfigMap, apps/Deployment]", "[ConfigMap, apps/Deployment, rbac.authorization.k8s.io/ClusterRole]");
        _fleet.Write("apps/app1/manifests/role.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: admin-all\nrules: []\n");

        AssertRejected("edge-a", "apps/app1/manifests/role.yaml:1:1: Application \"app1\": ClusterRole \"admin-all\" is cluster-scoped; Workspace \"team\" may only create objects in its namespaces");
    }

    [Fact]
    public void Render_PlacedOutsideWorkspaceTargets_Refused()
    {
        _fleet.Replace("apps/app1/app.yaml", "layers: [edge]", "layers: [edge, cloud]");

        AssertRejected("cloud-1",
            "apps/app1/app.yaml:12:5: Application \"app1\" is placed on cluster \"cloud-1\", which Workspace \"team\" may not target (its spec.targets)");
    }

    [Fact]
    public void Render_DuplicateObject_NamesBothSources()
    {
        _fleet.Write("addons/mesh/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: net\n  namespace: net-system\n");
        _fleet.Replace("addons/mesh/addon.yaml", "path: mesh.yaml", "path: .");
        _fleet.Delete("addons/mesh/addon.yaml");
        _fleet.Write("addons/mesh.yaml", H + "kind: AddOn\nmetadata:\n  name: mesh\nspec:\n  version: \"2.0.0\"\n  namespace: mesh-system\n  dependsOn: [net]\n  source:\n    manifests:\n      path: mesh\n");

        AssertRenderErrors("edge-a",
            "addons/mesh/extra.yaml:1:1: AddOn/mesh: ConfigMap \"net-system/net\" is also rendered by AddOn/net (at addons/net/manifests/net.yaml:6:1) on cluster \"edge-a\"; an object may come from one place only");
    }

    [Fact]
    public void Render_MissingSourceFileForOverlayPath_Refused()
    {
        _fleet.Replace("addons/mesh/addon.yaml", "path: mesh.yaml", "path: ${cluster.layer}.yaml");

        AssertRenderErrors("edge-a", "addons/mesh/addon.yaml:11:13: AddOn/mesh: manifests path \"edge.yaml\" does not exist");
    }

    [Fact]
    public void Render_SourceDirectoryHoldingFleetResources_Refused()
    {
        _fleet.Replace("addons/mesh/addon.yaml", "path: mesh.yaml", "path: .");

        AssertRenderErrors("edge-a", "addons/mesh/addon.yaml:1:1: AddOn/mesh: this is a fleet resource, not a manifest; point the source at a file or directory of Kubernetes manifests only");
    }

    [Fact]
    public void Render_UnknownCluster_Throws()
    {
        var loaded = FleetLoader.Load(_fleet.Root);

        var error = Assert.Throws<ArgumentException>(() => new FleetRenderer(loaded.Fleet!).Render("edge-b"));

        Assert.StartsWith("cluster \"edge-b\" is not in the fleet; did you mean \"edge-a\"?", error.Message, StringComparison.Ordinal);
    }
}
