using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Tests.Loading;

public sealed class FleetLoaderTests
{
    [Fact]
    public void Load_MinimalFleet_BindsEveryKind()
    {
        using var fleet = new TempFleet();

        var result = FleetLoader.Load(fleet.Root);

        Assert.Empty(result.Diagnostics);
        var snapshot = result.Fleet!;
        Assert.Equal("mini", snapshot.Fleet.Name);
        Assert.Equal(["cloud-1", "edge-a", "edge-c"], snapshot.Clusters.Names);
        Assert.Equal(["mesh", "net"], snapshot.AddOns.Names);
        var edge = snapshot.Clusters.Find("edge-a")!;
        Assert.Equal(("edge", "north", "site-a", ClusterProvider.K3s), (edge.Spec.Layer, edge.Spec.Region, edge.Spec.Site, edge.Spec.Provider));
        Assert.Equal("clusters/edge-a.yaml:7:11", edge.Origin.Locate("spec", "region").ToString());
        Assert.Equal([new ResourceRef(ResourceKind.AddOn, "mesh")], snapshot.Applications.Find("app1")!.Spec.DependsOn);
        Assert.Equal(TimeSpan.FromHours(4), snapshot.Rollouts[0].Spec.MaintenanceWindows[0].Duration);
    }

    [Fact]
    public void Load_ManifestsBesideResources_AreNotFleetResources()
    {
        using var fleet = new TempFleet();

        var result = FleetLoader.Load(fleet.Root);

        Assert.Equal(13, result.Fleet!.FileCount);
        Assert.Equal(3, result.Fleet.Clusters.Count);
    }

    [Fact]
    public void Load_MissingDirectory_ReportsIt()
    {
        var result = FleetLoader.Load("/nonexistent/fleet");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("/nonexistent/fleet: fleet repo folder not found: /nonexistent/fleet", error.ToString());
    }

    [Fact]
    public void Load_SeveralProblems_ReportsAllSorted()
    {
        using var fleet = new TempFleet();
        fleet.Replace("clusters/edge-a.yaml", "region: north", "region: nowhere")
            .Replace("clusters/cloud-1.yaml", "provider: eks", "provider: eks\n  colour: blue");

        var result = FleetLoader.Load(fleet.Root);

        Assert.Null(result.Fleet);
        Assert.Equal(
        [
            "clusters/cloud-1.yaml:9:3: Cluster \"cloud-1\": unknown field \"spec.colour\"",
            "clusters/edge-a.yaml:7:11: Cluster \"edge-a\": spec.region \"nowhere\" is not a region of the Fleet",
        ], result.Diagnostics.Select(d => d.ToString()));
    }
}
