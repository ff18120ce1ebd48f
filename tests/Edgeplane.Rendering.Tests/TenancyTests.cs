using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// Workspace tenancy (testdata/tenancy): the workspace's account, its Helm releases pinned to it, scopes decided from
/// API group and kind, and no way to reach outside the workspace's namespaces through a Flux object.
/// </summary>
public sealed class TenancyTests : IDisposable
{
    private const string Release = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: own\nspec:\n  interval: 10m\n"
        + "  chart: {spec: {chart: db, sourceRef: {kind: HelmRepository, name: chart}}}\n";

    private readonly TempFleet _fleet = new("tenancy");

    public void Dispose() => _fleet.Dispose();

    private RenderResult Render()
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        return new FleetRenderer(loaded.Fleet!).Render("edge-a");
    }

    private void AssertRenderErrors(params string[] expected)
    {
        var result = Render();

        Assert.Null(result.Bundle);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
    }

    /// <summary>The workspace "team" is rejected with exactly these violations, and none of its application's objects ship, on any cluster.</summary>
    private void AssertRejected(params string[] expected)
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        var renderer = new FleetRenderer(loaded.Fleet!);

        var result = renderer.Render("edge-a");
        var all = renderer.RenderAll();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["team"], result.Rejections.Keys);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", result.Rejections["team"].Select(d => d.ToString())));
        Assert.True(all.Succeeded, string.Join("\n", all.Diagnostics));
        Assert.Equal(result.Rejections["team"], all.Rejections["team"]);
        Rejected.AssertNothingShipped(all, "team");
        Assert.Contains(result.Bundle!.Objects, o => o.Source == "AddOn/flux");
        Assert.Contains(result.Bundle!.Objects, o => o.Kind == "Namespace" && o.Name == "team-ns");
    }

    private void AppendToCrds(string manifest) =>
        _fleet.Write("addons/crds/crds.yaml", File.ReadAllText(Path.Combine(_fleet.Root, "addons/crds/crds.yaml")) + "---\n" + manifest);

    private static JsonObject Find(RenderResult result, string kind, string ns, string name) =>
        result.Bundle!.Objects.Single(o => o.Kind == kind && o.Namespace == ns && o.Name == name).ToJsonObject();

    [Fact]
    public void Render_Workspace_AccountInEachNamespaceBoundToAdminThereOnly()
    {
        var result = Render();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        foreach (var ns in new[] { "team-ns", "team-db" })
        {
            Assert.False((bool)Find(result, "ServiceAccount", ns, "edgeplane-workspace")["automountServiceAccountToken"]!);
            var binding = Find(result, "RoleBinding", ns, "edgeplane-workspace");
            Assert.Equal("""{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}""", binding["roleRef"]!.ToJsonString());
            Assert.Equal("""[{"kind":"ServiceAccount","name":"edgeplane-workspace","namespace":"team-ns"},{"kind":"ServiceAccount","name":"edgeplane-workspace","namespace":"team-db"}]""",
                binding["subjects"]!.ToJsonString());
        }
        Assert.DoesNotContain(result.Bundle!.Objects, o => o.Kind is "ClusterRoleBinding" or "ClusterRole");
    }

    [Theory]
    [InlineData(null, "baseline")]
    [InlineData("restricted", "restricted")]
    [InlineData("privileged", "privileged")]
    public void Render_WorkspaceNamespaces_EnforceItsPodSecurityStandard(string? written, string enforced)
    {
        if (written is not null)
        {
            var path = Path.Combine(_fleet.Root, "workspaces.yaml");
            File.WriteAllText(path, File.ReadAllText(path).Replace("  allowedKinds:", $"  podSecurity: {written}\n  allowedKinds:", StringComparison.Ordinal));
        }

        var result = Render();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        foreach (var ns in new[] { "team-ns", "team-db" })
        {
            var labels = result.Bundle!.Objects.Single(o => o.Kind == "Namespace" && o.Name == ns).ToJsonObject()["metadata"]!["labels"]!;
            Assert.Equal(enforced, (string?)labels["pod-security.kubernetes.io/enforce"]);
            Assert.Equal("team", (string?)labels["edgeplane.dev/workspace"]);
        }
    }

    [Fact]
    public void Render_HelmApplicationWithValuesNamingReleaseFields_RunsAsWorkspaceAccountInItsNamespace()
    {
        var result = Render();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var spec = Find(result, "HelmRelease", "team-db", "chart")["spec"]!.AsObject();
        Assert.Equal("edgeplane-workspace", (string?)spec["serviceAccountName"]);
        Assert.Equal("team-db", (string?)spec["targetNamespace"]);
        Assert.False((bool)spec["install"]!["createNamespace"]!);
        Assert.False(spec.ContainsKey("kubeConfig"));
        Assert.False(spec.ContainsKey("storageNamespace"));
        Assert.Equal("helm-controller", (string?)spec["values"]!["serviceAccountName"]);
        Assert.Equal("kube-system", (string?)spec["values"]!["targetNamespace"]);
    }

    [Fact]
    public void Render_CustomKindNamedConfigMapWhoseCrdIsClusterScoped_Refused()
    {
        _fleet.Write("apps/app1/manifests/evil.yaml", "apiVersion: evil.example.net/v1\nkind: ConfigMap\nmetadata:\n  name: evil\n");

        AssertRejected("apps/app1/manifests/evil.yaml:1:1: Application \"app1\": ConfigMap \"evil\" is cluster-scoped (the CustomResourceDefinition "
            + "of evil.example.net/ConfigMap in this bundle says scope: Cluster); Workspace \"team\" may only create objects in its namespaces");
    }

    [Fact]
    public void Render_CustomKindNamedClusterRoleWhoseCrdIsNamespaced_AcceptedInTheWorkspaceNamespace()
    {
        _fleet.Write("apps/app1/manifests/role.yaml", "apiVersion: tenant.example.net/v1\nkind: ClusterRole\nmetadata:\n  name: mine\n");

        var result = Render();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("team-ns", (string?)Find(result, "ClusterRole", "team-ns", "mine")["metadata"]!["namespace"]);
    }

    [Fact]
    public void Render_KindNeitherBuiltInNorDefinedInTheBundle_RefusedAsUnknownScope()
    {
        _fleet.Write("apps/app1/manifests/widget.yaml", "apiVersion: other.example.net/v1\nkind: Widget\nmetadata:\n  name: w\n");

        AssertRejected("apps/app1/manifests/widget.yaml:1:1: Application \"app1\": Widget \"team-ns/w\" is of kind other.example.net/Widget, which is "
            + "neither built into Kubernetes nor defined by a CustomResourceDefinition in the bundle of cluster \"edge-a\", so its scope is unknown; "
            + "Workspace \"team\" may only create objects of kinds known to be namespaced (an add-on on the cluster must bring the CRD)");
    }

    [Fact]
    public void Render_OwnHelmReleaseWithoutAccount_Refused()
    {
        _fleet.Write("apps/app1/manifests/release.yaml", Release);

        AssertRejected("apps/app1/manifests/release.yaml:1:1: Application \"app1\": HelmRelease \"team-ns/own\" must run as Workspace \"team\"'s account: "
            + "spec.serviceAccountName must be \"edgeplane-workspace\" (it sets none); with another account or none, Flux could act with its own cluster-wide rights");
    }

    [Fact]
    public void Render_OwnHelmReleaseAsHelmController_Refused()
    {
        _fleet.Write("apps/app1/manifests/release.yaml", Release + "  serviceAccountName: helm-controller\n");

        AssertRejected("apps/app1/manifests/release.yaml:1:1: Application \"app1\": HelmRelease \"team-ns/own\" must run as Workspace \"team\"'s account: "
            + "spec.serviceAccountName must be \"edgeplane-workspace\" (not \"helm-controller\"); with another account or none, Flux could act with its own cluster-wide rights");
    }

    [Fact]
    public void Render_OwnHelmReleaseReachingOutOfItsNamespaces_EveryEscapeRefused()
    {
        _fleet.Write("apps/app1/manifests/release.yaml", Release + "  serviceAccountName: edgeplane-workspace\n  targetNamespace: kube-system\n"
            + "  storageNamespace: default\n  kubeConfig: {secretRef: {name: admin}}\n  install: {createNamespace: true}\n");

        var what = "apps/app1/manifests/release.yaml:1:1: Application \"app1\": HelmRelease \"team-ns/own\"";
        AssertRejected(
            $"{what} sets spec.install.createNamespace; a workspace may not create namespaces (Edgeplane creates the ones it owns)",
            $"{what} sets spec.kubeConfig; a workspace's Flux objects act on their own cluster only",
            $"{what}: spec.storageNamespace \"default\" is a namespace Workspace \"team\" does not own (it owns team-ns, team-db)",
            $"{what}: spec.targetNamespace \"kube-system\" is a namespace Workspace \"team\" does not own (it owns team-ns, team-db)");
    }

    [Fact]
    public void Render_OwnHelmReleaseWithTemplatedAccount_Refused()
    {
        _fleet.Write("apps/app1/manifests/release.yaml", Release + "  serviceAccountName: ${cluster.name}\n");

        AssertRejected("apps/app1/manifests/release.yaml:1:1: Application \"app1\": HelmRelease \"team-ns/own\": spec.serviceAccountName must be written "
            + "without ${…} references, so that the account and namespaces Flux uses can be checked");
    }

    [Fact]
    public void Render_OwnKustomizationWithoutAccount_Refused()
    {
        _fleet.Write("apps/app1/manifests/sync.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: sync\n"
            + "spec:\n  interval: 10m\n  path: ./\n  prune: true\n  sourceRef: {kind: GitRepository, name: repo}\n");
        AppendToCrds("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: kustomizations.kustomize.toolkit.fluxcd.io\n"
            + "spec:\n  group: kustomize.toolkit.fluxcd.io\n  names: {kind: Kustomization, plural: kustomizations}\n  scope: Namespaced\n"
            + "  versions: [{name: v1, served: true, storage: true}]\n");

        AssertRejected("apps/app1/manifests/sync.yaml:1:1: Application \"app1\": Kustomization \"team-ns/sync\" must run as Workspace \"team\"'s account: "
            + "spec.serviceAccountName must be \"edgeplane-workspace\" (it sets none); with another account or none, Flux could act with its own cluster-wide rights");
    }

    [Fact]
    public void Render_OwnHelmReleaseAsWorkspaceAccountInItsNamespaces_Accepted()
    {
        _fleet.Write("apps/app1/manifests/release.yaml", Release + "  serviceAccountName: edgeplane-workspace\n  targetNamespace: team-db\n"
            + "  storageNamespace: team-ns\n");

        var result = Render();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("edgeplane-workspace", (string?)Find(result, "HelmRelease", "team-ns", "own")["spec"]!["serviceAccountName"]);
    }

    [Fact]
    public void Render_AddOnPutsAnObjectInAWorkspaceNamespace_RefusedAtTheWorkspace()
    {
        AppendToCrds("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\n  namespace: team-db\n");

        AssertRenderErrors("workspaces.yaml:6:25: Workspace \"team\": namespace \"team-db\" is used by AddOn/crds (ConfigMap \"leak\" at addons/crds/crds.yaml:23:1) "
            + "on cluster \"edge-a\"; a workspace may not own a namespace the platform uses");
    }
}
