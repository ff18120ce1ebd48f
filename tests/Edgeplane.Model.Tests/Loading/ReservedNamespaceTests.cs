using Edgeplane.Model.Loading;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>A workspace may not own a namespace of Kubernetes, Flux, Edgeplane or the platform's add-ons and templates.</summary>
public sealed class ReservedNamespaceTests : IDisposable
{
    private const string H = "apiVersion: edgeplane.dev/v1alpha1\n";
    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    private void AssertErrors(params string[] expected)
    {
        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.False(result.Succeeded);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
    }

    [Theory]
    [InlineData("kube-system", "a Kubernetes system namespace")]
    [InlineData("kube-public", "a Kubernetes system namespace")]
    [InlineData("kube-node-lease", "a Kubernetes system namespace")]
    [InlineData("kube-extra", "Kubernetes reserves the kube- prefix for system namespaces")]
    [InlineData("default", "the Kubernetes default namespace")]
    [InlineData("flux-system", "Flux's namespace")]
    [InlineData("edgeplane-system", "Edgeplane's own namespace (the agent keeps its inventories there)")]
    public void Load_WorkspaceOwnsSystemNamespace_Refused(string ns, string why)
    {
        _fleet.Replace("workspaces.yaml", "[team-ns]", $"[team-ns, {ns}]");

        AssertErrors($"workspaces.yaml:6:25: Workspace \"team\": namespace \"{ns}\" is reserved ({why}); a workspace may not own it");
    }

    [Fact]
    public void Load_WorkspaceOwnsAddOnNamespace_NamesTheAddOn()
    {
        _fleet.Replace("workspaces.yaml", "[team-ns]", "[team-ns, mesh-system]");

        AssertErrors("workspaces.yaml:6:25: Workspace \"team\": namespace \"mesh-system\" is reserved (used by AddOn \"mesh\" "
            + "(at addons/mesh/addon.yaml:7:14)); a workspace may not own it");
    }

    [Fact]
    public void Load_WorkspaceOwnsHelmAddOnTargetNamespace_Refused()
    {
        _fleet.Write("addons/flux/addon.yaml", H + "kind: AddOn\nmetadata:\n  name: flux\nspec:\n  version: \"2.4.0\"\n  source:\n    manifests:\n      path: flux.yaml\n");
        _fleet.Write("addons/flux/flux.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n");
        _fleet.Write("addons/dex.yaml", H + "kind: AddOn\nmetadata:\n  name: dex\nspec:\n  version: \"1.0.0\"\n"
            + "  source:\n    helm:\n      repository: https://charts.example.net\n      chart: dex\n");
        _fleet.Replace("workspaces.yaml", "[team-ns]", "[dex, team-ns]");

        AssertErrors("workspaces.yaml:6:16: Workspace \"team\": namespace \"dex\" is reserved (used by AddOn \"dex\" "
            + "(its Helm release's namespace, named after it, at addons/dex.yaml:4:9)); a workspace may not own it");
    }

    [Fact]
    public void Load_WorkspaceOwnsTheFleetsFluxNamespace_Refused()
    {
        _fleet.Replace("fleet.yaml", "spec:\n", "spec:\n  flux: {addOn: flux, namespace: gitops}\n");
        _fleet.Replace("workspaces.yaml", "[team-ns]", "[team-ns, gitops]");

        AssertErrors("workspaces.yaml:6:25: Workspace \"team\": namespace \"gitops\" is reserved (the Fleet's Flux namespace "
            + "(spec.flux.namespace, at fleet.yaml:6:34)); a workspace may not own it");
    }

    [Fact]
    public void Load_WorkspaceOwnsOrdinaryNamespaces_Accepted()
    {
        _fleet.Replace("workspaces.yaml", "[team-ns]", "[team-ns, team-db, kubeflow]");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["team-ns", "team-db", "kubeflow"], result.Fleet!.Workspaces.Find("team")!.Spec.Namespaces);
    }
}
