using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>A workspace's Pod Security Standard: baseline unless the fleet says otherwise; VNFs need privileged.</summary>
public sealed class PodSecurityTests : IDisposable
{
    private const string Vnf = "apiVersion: edgeplane.dev/v1alpha1\nkind: NetworkFunction\nmetadata:\n  name: router\nspec:\n  workspace: team\n"
        + "  type: vnf\n  namespace: team-ns\n  placement:\n    layers: [edge]\n  vnf:\n    image: docker://registry.example.net/router:1\n";

    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Fact]
    public void Load_WorkspaceWithoutPodSecurity_Baseline()
    {
        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(PodSecurityLevel.Baseline, result.Fleet!.Workspaces.Find("team")!.Spec.PodSecurity);
    }

    [Theory]
    [InlineData("privileged", PodSecurityLevel.Privileged)]
    [InlineData("restricted", PodSecurityLevel.Restricted)]
    public void Load_WorkspacePodSecurity_Read(string written, PodSecurityLevel expected)
    {
        _fleet.Replace("workspaces.yaml", "  namespaces: [team-ns]\n", $"  namespaces: [team-ns]\n  podSecurity: {written}\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, result.Fleet!.Workspaces.Find("team")!.Spec.PodSecurity);
    }

    [Fact]
    public void Load_UnknownPodSecurity_RefusedWithTheLevels()
    {
        _fleet.Replace("workspaces.yaml", "  namespaces: [team-ns]\n", "  namespaces: [team-ns]\n  podSecurity: lax\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal("workspaces.yaml:7:16: Workspace \"team\": spec.podSecurity \"lax\" must be one of privileged, baseline, restricted",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_VnfInABaselineWorkspace_RefusedAtItsType()
    {
        _fleet.Write("nfs/router.yaml", Vnf);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal("nfs/router.yaml:7:9: NetworkFunction \"router\": a VNF runs as KubeVirt virt-launcher pods, which Pod Security Admission "
            + "treats as privileged, but Workspace \"team\" enforces \"baseline\" on its namespaces: set spec.podSecurity: privileged on the "
            + "workspace (its pods may then take the node) or run the function as a CNF", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_VnfInAPrivilegedWorkspace_Accepted()
    {
        _fleet.Write("nfs/router.yaml", Vnf);
        _fleet.Replace("workspaces.yaml", "  namespaces: [team-ns]\n", "  namespaces: [team-ns]\n  podSecurity: privileged\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }
}
