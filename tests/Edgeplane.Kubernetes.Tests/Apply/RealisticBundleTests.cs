using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class RealisticBundleTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Apply_MultiKindBundleTwice_FirstAllCreatedThenAllUnchanged()
    {
        var cluster = sim.NewCluster(nameof(Apply_MultiKindBundleTwice_FirstAllCreatedThenAllUnchanged));
        var objects = BundleObjects.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "realistic-bundle.json")));
        var request = new ApplyRequest { Cluster = cluster.Name, Bundle = "shop", Objects = objects, Digest = "sha256:abc", Revision = "3f2c1e0" };

        var first = await cluster.Applier().ApplyAsync(request);

        Assert.True(first.Succeeded, string.Join("\n", first.Failures));
        Assert.Equal(objects.Count, first.ChangeSet.Count(ChangeAction.Created));
        Assert.Equal(objects.Count, first.ChangeSet.Entries.Count);
        // Staged: the Namespace and the CRD first, then cluster-scoped RBAC, then the rest in bundle order.
        Assert.Equal(["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Widget", "ServiceAccount"],
            first.ChangeSet.Entries.Take(6).Select(e => e.Object.Kind));
        Assert.Equal("sha256:abc", first.Inventory!.Digest);
        Assert.Equal("3f2c1e0", first.Inventory.Revision);
        Assert.Equal(objects.Count, first.Inventory.Entries.Count);
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var rv = cluster.Sim.ResourceVersion;

        var second = await cluster.Applier().ApplyAsync(request);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures));
        Assert.Equal(objects.Count, second.ChangeSet.Count(ChangeAction.Unchanged));
        Assert.Equal(rv, cluster.Sim.ResourceVersion);
    }
}
