using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Api;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubesim-data-").FullName;

    [Fact]
    public async Task Restart_WithDataDirectory_RestoresClustersObjectsCrdsAndVersion()
    {
        long rv;
        string uid;
        await using (var first = await KubeSimServer.StartAsync(new KubeSimOptions { DataDirectory = _dir }))
        {
            var cluster = first.AddCluster("keep", "v1.30.1");
            var client = cluster.CreateClient();
            uid = (await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default")).Metadata.Uid;
            await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("deleted"), "default");
            await client.CoreV1.DeleteNamespacedConfigMapAsync("deleted", "default");
            await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
            await client.CreateAsync("example.com", "v1", "widgets", "default", PatchTests.Widget("w", 4));
            cluster.SetVersion("v1.31.2");
            rv = cluster.ResourceVersion;
        }

        await using var second = await KubeSimServer.StartAsync(new KubeSimOptions { DataDirectory = _dir });
        var restored = second.Clusters["keep"];
        var again = restored.CreateClient();

        Assert.Equal(rv, restored.ResourceVersion);
        Assert.Equal("v1.31.2", restored.Version);
        Assert.Equal(uid, (await again.CoreV1.ReadNamespacedConfigMapAsync("a", "default")).Metadata.Uid);
        await ApiError.StatusOf(() => again.CoreV1.ReadNamespacedConfigMapAsync("deleted", "default"), 404);
        Assert.Equal(4, (await again.GetAsync("example.com", "v1", "widgets", "default", "w"))["spec"]!["size"]!.GetValue<int>());
        var created = await again.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("b"), "default");
        Assert.True(long.Parse(created.Metadata.ResourceVersion) > rv);
    }

    [Fact]
    public async Task RemoveCluster_DeletesItsData()
    {
        await using (var first = await KubeSimServer.StartAsync(new KubeSimOptions { DataDirectory = _dir }))
        {
            first.AddCluster("gone");
            Assert.True(first.RemoveCluster("gone"));
        }

        await using var second = await KubeSimServer.StartAsync(new KubeSimOptions { DataDirectory = _dir });

        Assert.Empty(second.Clusters);
        Assert.False(Directory.Exists(Path.Combine(_dir, "clusters", "gone")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
