using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class LifecycleTests(SimFixture sim)
{
    [Fact]
    public async Task Generation_BumpsOnSpecChangeOnly()
    {
        var (_, client) = sim.NewCluster();
        var created = await client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));

        var labelled = await client.PatchAsync("apps", "v1", "deployments", "default", "web", """{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch);
        var scaled = await client.PatchAsync("apps", "v1", "deployments", "default", "web", """{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch);

        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, scaled["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task StatusSubresource_MainWriteIgnoresStatus_StatusWriteChangesOnlyStatus()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        var widget = PatchTests.Widget("w");
        widget["status"] = new JsonObject { ["phase"] = "Fake" };
        var created = await client.CreateAsync("example.com", "v1", "widgets", "default", widget);

        var main = await client.PatchAsync("example.com", "v1", "widgets", "default", "w", """{"status":{"phase":"Main"}}""", V1Patch.PatchType.MergePatch);
        var status = Generic.Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"spec":{"size":9},"status":{"phase":"Done"}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "default", "widgets", "w"));

        Assert.Null(created["status"]);
        Assert.Null(main["status"]);
        Assert.Equal("Done", status["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, status["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, status["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenRemovingLastFinalizerDeletes()
    {
        var (_, client) = sim.NewCluster();
        var cm = SimFixture.ConfigMap("a");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        var marked = await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        await client.PatchAsync("", "v1", "configmaps", "default", "a", """{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);

        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        await ApiError.StatusOf(() => client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"), 404);
    }

    [Fact]
    public async Task DeleteNamespace_TerminatesContentsThenGoes()
    {
        var (cluster, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a", ns: "team"), "team");
        var held = SimFixture.ConfigMap("held", ns: "team");
        held.Metadata.Finalizers = ["example.com/hold"];
        await client.CoreV1.CreateNamespacedConfigMapAsync(held, "team");

        await client.CoreV1.DeleteNamespaceAsync("team");
        var terminating = await Eventually.WatchUntilAsync(cluster, "/api/v1/configmaps", async () =>
        {
            var ns = await client.CoreV1.ReadNamespaceAsync("team");
            var left = await client.CoreV1.ListNamespacedConfigMapAsync("team");
            return ns.Status.Phase == "Terminating" && left.Items.Count == 1 ? ns : null;
        });
        var forbidden = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("late", ns: "team"), "team"), 403);
        await client.PatchAsync("", "v1", "configmaps", "team", "held", """{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);
        await Eventually.WatchUntilAsync(cluster, "/api/v1/namespaces", async () =>
            (await client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=team")).Items.Count == 0 ? "gone" : null);

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Contains("unable to create new content in namespace team because it is being terminated", forbidden["message"]!.GetValue<string>());
        await ApiError.StatusOf(() => client.CoreV1.ReadNamespaceAsync("team"), 404);
    }

    [Fact]
    public async Task DeleteOwner_DependentsCollected()
    {
        var (cluster, client) = sim.NewCluster();
        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("owner"), "default");
        var dependent = SimFixture.ConfigMap("dependent");
        dependent.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid }];
        await client.CoreV1.CreateNamespacedConfigMapAsync(dependent, "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");

        await Eventually.WatchUntilAsync(cluster, "/api/v1/configmaps", async () =>
            (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items.Count == 0 ? "empty" : null);
    }
}
