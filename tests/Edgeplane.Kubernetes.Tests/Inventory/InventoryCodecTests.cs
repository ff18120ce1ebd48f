using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Inventory;

public sealed class InventoryCodecTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Write_ThenRead_RoundTripsThroughConfigMapInEdgeplaneSystem()
    {
        var cluster = sim.NewCluster(nameof(Write_ThenRead_RoundTripsThroughConfigMapInEdgeplaneSystem));
        var snapshot = new InventorySnapshot(cluster.Name, "app", "sha256:1", "abc", [
            new InventoryEntry(new ObjectRef("", "Namespace", null, "web"), "v1"),
            new InventoryEntry(new ObjectRef("apps", "Deployment", "web", "api"), "apps/v1"),
        ]);

        await cluster.Inventory().WriteAsync(snapshot);
        var read = await cluster.Inventory().ReadAsync("app");

        Assert.True(snapshot.SameAs(read!));
        var configMap = await k8s.CoreV1OperationsExtensions.ReadNamespacedConfigMapAsync(cluster.Client.CoreV1, "edgeplane-inventory-app", "edgeplane-system");
        Assert.Equal("v1 Namespace - web\napps/v1 Deployment web api\n", configMap.Data["entries"]);
        Assert.Equal("sha256:1", configMap.Data["digest"]);
        Assert.Equal("edgeplane.dev/inventory/v1", configMap.Data["format"]);
    }

    [Fact]
    public void FromConfigMap_MalformedLine_ErrorNamesTheLine()
    {
        var configMap = Fixtures.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"edgeplane-inventory-app","namespace":"edgeplane-system"},
             "data":{"format":"edgeplane.dev/inventory/v1","cluster":"c","bundle":"app","entries":"v1 Namespace - web\nbroken line\n"}}
            """);

        var ex = Assert.Throws<InvalidDataException>(() => InventoryCodec.FromConfigMap(configMap));

        Assert.Equal("ConfigMap edgeplane-system/edgeplane-inventory-app: data.entries line 2 is \"broken line\", expected \"apiVersion kind namespace name\"",
            ex.Message);
    }

    [Fact]
    public void CheckSize_OverTheLimit_ErrorSaysSizeAndLimit()
    {
        var store = new InventoryStore(sim.NewCluster(nameof(CheckSize_OverTheLimit_ErrorSaysSizeAndLimit)).Connection,
            new InventoryOptions { MaxEntriesBytes = 30 });

        var ex = Assert.Throws<InvalidDataException>(() => store.CheckSize([
            new InventoryEntry(new ObjectRef("apps", "Deployment", "web", "api"), "apps/v1"),
            new InventoryEntry(new ObjectRef("apps", "Deployment", "web", "worker"), "apps/v1"),
        ]));

        Assert.Equal("the inventory would take 57 bytes, more than the limit of 30 bytes; split the bundle", ex.Message);
    }
}
