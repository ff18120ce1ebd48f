using System.Security.Cryptography;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>Issue #4 on the real compiler: a hub over examples/fleet serves what the renderer renders, and moves only what a commit changes.</summary>
public sealed class ExampleFleetServingTests
{
    public static TheoryData<string, StoreKind> TriggersAndStores()
    {
        var data = new TheoryData<string, StoreKind>();
        foreach (var store in Stores.All())
        {
            data.Add("interval", store);
            data.Add("webhook", store);
        }
        return data;
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Start_ExampleFleet_ServesEveryClusterWithTheRenderersDigest(StoreKind store)
    {
        await using var hub = await ExampleFleetHub.StartAsync(store);

        var revision = await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var clusters = await hub.ClustersAsync();

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal((ExampleFleet.ClusterCount, ExampleFleet.ClusterCount), (revision.ClusterCount, revision.ChangedClusterCount));
        var expected = ExampleFleet.RenderDigests(hub.Repo.Path, hub.InitialSha);
        Assert.Equal(ExampleFleet.ClusterCount, expected.Count);
        Assert.Equal(expected.Keys.Order(), clusters.Keys.Order());
        Assert.All(clusters.Values, c =>
        {
            Assert.Equal(new DigestRef(expected[c.Name], hub.InitialSha), c.Desired);
            Assert.Equal(c.Desired, c.Target);
        });
        Assert.Equal([("cloud", 4), ("edge", 24), ("regional", 2)],
            clusters.Values.GroupBy(c => c.Layer).Select(g => (g.Key, g.Count())).Order());
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Start_ExampleFleet_DeclarationsAndBundleAreTheInheritedOnes(StoreKind store)
    {
        await using var hub = await ExampleFleetHub.StartAsync(store);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);

        var muc = await hub.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-muc-01");
        using var bundle = await hub.Host.Client.GetAsync($"/api/v1/bundles/{muc.Cluster.Desired.Digest}");
        var bytes = await bundle.Content.ReadAsByteArrayAsync();

        Assert.Equal(("edge", "eu-central", "muc-01", "k3s", "v1.30.4+k3s1"),
            (muc.Cluster.Layer, muc.Cluster.Region, muc.Cluster.Site, muc.Cluster.Provider, muc.Cluster.KubernetesVersion));
        Assert.Equal("edge", muc.Cluster.Labels["site-tier"]); // inherited from the site in fleet.yaml
        Assert.Equal("eu", muc.Cluster.Labels["geo"]); // inherited from the region
        Assert.Equal("true", muc.Cluster.Labels["ran.acme.example.net/vrouter"]);
        Assert.Contains("kubevirt", muc.Cluster.Capabilities);
        Assert.Equal(muc.Cluster.Desired.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var objects = muc.DesiredBundle!.Objects;
        Assert.Contains(new ObjectRef("apps/v1", "Deployment", "ran-du", "du"), objects);
        Assert.Contains(new ObjectRef("kubevirt.io/v1", "VirtualMachine", "ran-vrouter", "vrouter"), objects);
        Assert.Equal("CustomResourceDefinition", objects[0].Kind); // apply order: CRDs first
        Assert.Equal(objects.Count, muc.DesiredBundle.ObjectCount);
        Assert.Null(muc.Cluster.Provisioning); // an edge box that exists already

        var osFra = await hub.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/os-fra");
        Assert.Equal(new ProvisioningResponse("openstack-kubeadm", "eks-eu-west", "capi-clusters"), osFra.Cluster.Provisioning);
    }

    [StoreTheory]
    [MemberData(nameof(TriggersAndStores))]
    public async Task SiteVariableChanged_OnlyThatSitesDigestMoves(string trigger, StoreKind store)
    {
        await using var hub = await ExampleFleetHub.StartAsync(store);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var before = await hub.ClustersAsync();
        ExampleFleet.ReplaceOnce(hub.Repo, "fleet.yaml", ExampleFleet.MucSiteVariable, ExampleFleet.MucSiteVariable.Replace("eu02", "eu92", StringComparison.Ordinal));
        // Without its Rollout the fleet moves a change at once (the waves and windows are tested in Rollouts/).
        hub.Repo.Delete("rollouts/default.yaml");

        var revision = trigger == "interval"
            ? await hub.CommitOnIntervalAsync("muc-01: new site id")
            : await hub.CommitThroughWebhookAsync("muc-01: new site id");

        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Equal((ExampleFleet.ClusterCount, 1), (revision.ClusterCount, revision.ChangedClusterCount));
        var after = await hub.ClustersAsync();
        var muc = after["edge-muc-01"];
        Assert.Equal(new DigestRef(ExampleFleet.RenderDigests(hub.Repo.Path, revision.Sha)["edge-muc-01"], revision.Sha), muc.Desired);
        Assert.NotEqual(before["edge-muc-01"].Desired.Digest, muc.Desired.Digest);
        Assert.Equal(muc.Desired, muc.Target);
        Assert.All(after.Values.Where(c => c.Name != "edge-muc-01"), c =>
        {
            Assert.Equal(before[c.Name].Desired, c.Desired); // digest AND revision (the initial commit)
            Assert.Equal(before[c.Name].Target, c.Target);
        });
        var bundle = await hub.Host.Client.GetStringAsync($"/api/v1/bundles/{muc.Desired.Digest}?format=yaml");
        Assert.Contains("value: eu92", bundle);
    }
}
