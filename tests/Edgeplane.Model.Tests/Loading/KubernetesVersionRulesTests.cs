using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Tests.Loading;

/// <summary>
/// Which Kubernetes versions a cluster's upgrade machinery can take (k3s/RKE2 build suffixes, Cluster API full
/// versions), the kubernetesUpgrade block and spec.systemUpgrade: every refusal names the cluster, the file and line.
/// </summary>
public sealed class KubernetesVersionRulesTests : IDisposable
{
    private const string Template = "apiVersion: edgeplane.dev/v1alpha1\nkind: ClusterTemplate\nmetadata:\n  name: capi\nspec:\n"
        + "  namespace: capi-clusters\n  source:\n    manifests:\n      path: manifests\n";

    private readonly TempFleet _fleet = new();

    public void Dispose() => _fleet.Dispose();

    [Theory]
    [InlineData("v1.30.4")]
    [InlineData("v1.30.4+k3s2")]
    [InlineData("v1.31.0-rc1+k3s1")]
    [InlineData("v1.31")]
    public void Load_K3sVersion_Accepted(string version)
    {
        _fleet.Replace("clusters/edge-a.yaml", "  provider: k3s\n", $"  provider: k3s\n  kubernetesVersion: {version}\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Load_K3sClusterWithAnotherDistributionsVersion_RefusedAtTheCluster() =>
        AssertErrors(f => f.Replace("clusters/edge-a.yaml", "  provider: k3s\n", "  provider: k3s\n  kubernetesVersion: v1.30.4-eks-a1b2\n"),
            "clusters/edge-a.yaml:10:22: Cluster \"edge-a\" (k3s): kubernetesVersion \"v1.30.4-eks-a1b2\" is not a k3s version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+k3sN, e.g. v1.30.4+k3s1");

    [Fact]
    public void Load_Rke2ClusterInheritingAK3sVersion_RefusedNamingWhereItCameFrom() =>
        AssertErrors(f => f.Replace("fleet.yaml", "    - name: edge\n", "    - name: edge\n      kubernetesVersion: v1.30.4+k3s1\n")
                .Replace("clusters/edge-c.yaml", "provider: k3s", "provider: rke2"),
            "clusters/edge-c.yaml:9:13: Cluster \"edge-c\" (rke2): kubernetesVersion \"v1.30.4+k3s1\" (inherited from layer \"edge\" at fleet.yaml:13:26) is not an RKE2 version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+rke2rN, e.g. v1.30.4+rke2r1");

    [Theory]
    [InlineData("v1.30", "v1.30")]
    [InlineData("v1.30.4+vendor1", "v1.30.4+vendor1")]
    public void Load_ProvisionedClusterWithoutAFullVersion_Refused(string version, string shown)
    {
        _fleet.Write("templates/capi.yaml", Template).Write("templates/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        _fleet.Replace("clusters/cloud-1.yaml", "  provider: eks\n", $"  provider: eks\n  kubernetesVersion: {version}\n  provisioning:\n    template: capi\n    managementCluster: edge-a\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Equal([$"clusters/cloud-1.yaml:9:22: Cluster \"cloud-1\" (eks): kubernetesVersion \"{shown}\" cannot be installed by Cluster API, which needs a full version without a build suffix: write v1.MINOR.PATCH, e.g. v1.30.4"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Fleet);
    }

    [Theory]
    [InlineData("v1.30.4+k3s1")]
    [InlineData("v1.31.0-rc1+k3s2")]
    public void Load_ProvisionedK3sClusterWithAK3sRelease_Accepted(string version)
    {
        ProvisionEdgeA(version);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData("v1.30.4")]
    [InlineData("v1.30")]
    public void Load_ProvisionedK3sClusterWithoutAK3sRelease_Refused(string version)
    {
        ProvisionEdgeA(version);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Equal([$"clusters/edge-a.yaml:10:22: Cluster \"edge-a\" (k3s): kubernetesVersion \"{version}\" cannot be installed by Cluster API's k3s provider, which installs a k3s release: write v1.MINOR.PATCH+k3sN, e.g. v1.30.4+k3s1"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Fleet);
    }

    [Fact]
    public void Load_KubernetesUpgrade_InheritsPerField()
    {
        _fleet.Replace("fleet.yaml", "    kubernetesVersion: v1.30.4\n", "    kubernetesVersion: v1.30.4\n    kubernetesUpgrade: {workerConcurrency: 3}\n")
            .Replace("clusters/edge-a.yaml", "  provider: k3s\n", "  provider: k3s\n  kubernetesUpgrade:\n    allowDowngrade: true\n");

        var result = FleetLoader.Load(_fleet.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(new KubernetesUpgradeSpec(3, null), result.Fleet!.Fleet.Spec.Defaults.KubernetesUpgrade);
        Assert.Equal(new KubernetesUpgradeSpec(null, true), result.Fleet.Clusters.Find("edge-a")!.Spec.Settings.KubernetesUpgrade);
        Assert.Equal(KubernetesUpgradeSpec.None, result.Fleet.Clusters.Find("edge-c")!.Spec.Settings.KubernetesUpgrade);
        Assert.Equal("system-upgrade-controller", result.Fleet.Fleet.Spec.SystemUpgrade.AddOn);
    }

    [Theory]
    [InlineData("{workerConcurrency: 0}", "clusters/edge-a.yaml:10:42: Cluster \"edge-a\": spec.kubernetesUpgrade.workerConcurrency must be a whole number from 1 to 10000, not the number 0")]
    [InlineData("{allowDowngrade: yes please}", "clusters/edge-a.yaml:10:39: Cluster \"edge-a\": spec.kubernetesUpgrade.allowDowngrade must be true or false, not the string \"yes please\"")]
    [InlineData("{allowDowngrades: true}", "clusters/edge-a.yaml:10:23: Cluster \"edge-a\": unknown field \"spec.kubernetesUpgrade.allowDowngrades\"; did you mean \"allowDowngrade\"?")]
    public void Load_BadKubernetesUpgrade_Refused(string block, string error) =>
        AssertErrors(f => f.Replace("clusters/edge-a.yaml", "  provider: k3s\n", $"  provider: k3s\n  kubernetesUpgrade: {block}\n"), error);

    [Fact]
    public void Load_SystemUpgradeNamingNoAddOn_Refused() =>
        AssertErrors(f => f.Replace("fleet.yaml", "spec:\n", "spec:\n  systemUpgrade: {addOn: suc}\n"),
            "fleet.yaml:6:26: Fleet \"mini\": spec.systemUpgrade.addOn \"suc\" is not an AddOn");

    private void ProvisionEdgeA(string version)
    {
        _fleet.Write("templates/capi.yaml", Template).Write("templates/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        _fleet.Replace("clusters/edge-a.yaml", "  provider: k3s\n",
            $"  provider: k3s\n  kubernetesVersion: {version}\n  provisioning:\n    template: capi\n    managementCluster: cloud-1\n");
    }

    private void AssertErrors(Action<TempFleet> change, params string[] expected)
    {
        change(_fleet);

        var result = FleetLoader.Load(_fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
    }
}
