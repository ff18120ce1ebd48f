using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Edgeplane.Kubernetes.Tests.Apply;

/// <summary>Pruning a CustomResourceDefinition deletes every object of its kind, so a CRD with foreign instances is held back.</summary>
public sealed class CrdPruneTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private const string Group = "example.edgeplane.dev";
    private static readonly ObjectRef WidgetCrd = new("apiextensions.k8s.io", "CustomResourceDefinition", null, "widgets." + Group);
    private static readonly ObjectRef GadgetCrd = new("apiextensions.k8s.io", "CustomResourceDefinition", null, "gadgets." + Group);

    [Fact]
    public async Task Apply_RemovedCrdHasForeignInstances_KeptTrackedAndBlockedWithCount()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedCrdHasForeignInstances_KeptTrackedAndBlockedWithCount));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json")]);
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        await CreateWidgetAsync(cluster, "web", "w1");
        await CreateWidgetAsync(cluster, "other", "w2");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var entry = result.ChangeSet.For(WidgetCrd)!;
        Assert.Equal(ChangeAction.Skipped, entry.Action);
        Assert.Equal("not pruned (PruneBlocked): 2 Widget object(s) that this bundle does not prune still exist (other/w2, web/w1) "
            + "and would be deleted with it; delete them, or annotate the CustomResourceDefinition edgeplane.dev/prune-with-instances: \"true\"",
            entry.Message);
        var block = Assert.Single(result.PruneBlocked);
        Assert.Equal(WidgetCrd, block.Object);
        Assert.Equal(2, block.Instances);
        Assert.Equal(["other/w2", "web/w1"], block.Named);
        Assert.NotNull(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        Assert.NotNull(await TryReadWidgetAsync(cluster, "web", "w1"));
        Assert.NotNull(await TryReadWidgetAsync(cluster, "other", "w2"));
        Assert.Contains(result.Inventory!.Entries, e => e.Object == WidgetCrd);
        Assert.Contains((await cluster.Inventory().ReadAsync("app"))!.Entries, e => e.Object == WidgetCrd);
    }

    [Fact]
    public async Task Apply_BlockedCrdInstancesGone_PrunedByTheNextApply()
    {
        var cluster = sim.NewCluster(nameof(Apply_BlockedCrdInstancesGone_PrunedByTheNextApply));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json")]);
        await CreateWidgetAsync(cluster, "web", "w1");
        var blocked = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));
        Assert.Single(blocked.PruneBlocked);
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", "web", "widgets", "w1");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(WidgetCrd)!.Action);
        Assert.Empty(result.PruneBlocked);
        Assert.Null(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == WidgetCrd);
    }

    [Fact]
    public async Task Apply_RemovedCrdWithoutInstances_Pruned()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedCrdWithoutInstances_Pruned));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json")]);

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(WidgetCrd)!.Action);
        Assert.Empty(result.PruneBlocked);
        Assert.Null(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == WidgetCrd);
    }

    [Fact]
    public async Task Apply_RemovedCrdWithOnlyItsOwnPrunedInstances_PrunedWithThem()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedCrdWithOnlyItsOwnPrunedInstances_PrunedWithThem));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json"), Widget("web", "mine")]);

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(new ObjectRef(Group, "Widget", "web", "mine"))!.Action);
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(WidgetCrd)!.Action);
        Assert.Null(await TryReadCrdAsync(cluster, WidgetCrd.Name));
    }

    [Fact]
    public async Task Apply_RemovedCrdWhoseObjectTheBundleKeeps_NotPruned()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedCrdWhoseObjectTheBundleKeeps_NotPruned));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json"), Widget("web", "kept")]);

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Widget("web", "kept"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(1, Assert.Single(result.PruneBlocked).Instances);
        Assert.Equal(ChangeAction.Skipped, result.ChangeSet.For(WidgetCrd)!.Action);
        Assert.NotNull(await TryReadWidgetAsync(cluster, "web", "kept"));
    }

    [Fact]
    public async Task Apply_RemovedCrdOptedIn_PrunedWithForeignInstances()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedCrdOptedIn_PrunedWithForeignInstances));
        var crd = Fixtures.Load("widget-crd.json")[0];
        crd["metadata"]!["annotations"] = new JsonObject { [EdgeplaneMetadata.PruneWithInstancesAnnotation] = "true" };
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), crd);
        await CreateWidgetAsync(cluster, "web", "foreign");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(WidgetCrd)!.Action);
        Assert.Empty(result.PruneBlocked);
        Assert.Null(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == WidgetCrd);
    }

    [Fact]
    public async Task Apply_RemovedClusterScopedCrdHasForeignInstance_Blocked()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedClusterScopedCrdHasForeignInstance_Blocked));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("gadget-crd.json")]);
        var gadget = Fixtures.Parse($$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Gadget","metadata":{"name":"g1"}}""");
        await cluster.Client.CustomObjects.CreateClusterCustomObjectAsync(gadget, Group, "v1", "gadgets");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var block = Assert.Single(result.PruneBlocked);
        Assert.Equal((GadgetCrd, "Gadget", 1), (block.Object, block.Kind, block.Instances));
        Assert.Equal(["g1"], block.Named);
        Assert.NotNull(await TryReadCrdAsync(cluster, GadgetCrd.Name));
        Assert.NotNull(await cluster.Client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(Group, "v1", "gadgets", "g1"));
    }

    [Fact]
    public async Task RetryPrune_BlockedCrdInstancesGone_PrunesWithoutApplying()
    {
        var cluster = sim.NewCluster(nameof(RetryPrune_BlockedCrdInstancesGone_PrunesWithoutApplying));
        await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json")]);
        await CreateWidgetAsync(cluster, "web", "w1");
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"));
        var request = cluster.Request("app", Fixtures.Namespace("web"));

        var stillBlocked = await cluster.Applier().RetryPruneAsync(request);
        Assert.Equal(1, Assert.Single(stillBlocked.PruneBlocked).Instances);
        Assert.NotNull(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", "web", "widgets", "w1");

        var otherDigest = await cluster.Applier().RetryPruneAsync(request with { Digest = "sha256:other" });
        Assert.Empty(otherDigest.ChangeSet.Entries);
        Assert.NotNull(await TryReadCrdAsync(cluster, WidgetCrd.Name));

        var result = await cluster.Applier().RetryPruneAsync(request);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, Assert.Single(result.ChangeSet.Entries).Action);
        Assert.Null(await TryReadCrdAsync(cluster, WidgetCrd.Name));
        Assert.Equal([new ObjectRef("", "Namespace", null, "web")], (await cluster.Inventory().ReadAsync("app"))!.Entries.Select(e => e.Object));
    }

    private static JsonObject Widget(string ns, string name) =>
        Fixtures.Parse($$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Widget","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"size":1}}""");

    private static async Task CreateWidgetAsync(TestCluster cluster, string ns, string name) =>
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget(ns, name), Group, "v1", ns, "widgets");

    private static async Task<JsonObject?> TryReadWidgetAsync(TestCluster cluster, string ns, string name)
    {
        try
        {
            return await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, "v1", ns, "widgets", name);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<V1CustomResourceDefinition?> TryReadCrdAsync(TestCluster cluster, string name)
    {
        try
        {
            return await cluster.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
