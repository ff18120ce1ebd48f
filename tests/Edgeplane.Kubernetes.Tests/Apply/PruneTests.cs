using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class PruneTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private static readonly ObjectRef ConfigMapB = new("", "ConfigMap", "web", "b");

    [Fact]
    public async Task Apply_ObjectRemovedFromBundle_PrunedAndUntracked()
    {
        var cluster = sim.NewCluster(nameof(Apply_ObjectRemovedFromBundle_PrunedAndUntracked));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), Fixtures.ConfigMap("web", "b"));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(ConfigMapB)!.Action);
        Assert.Null(await TryReadConfigMapAsync(cluster, "web", "b"));
        Assert.NotNull(await TryReadConfigMapAsync(cluster, "web", "a"));
        Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == ConfigMapB);
        Assert.Equal(2, result.Inventory.Entries.Count);
    }

    [Fact]
    public async Task Apply_RemovedObjectRelabelledByOthers_LeftAlone()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedObjectRelabelledByOthers_LeftAlone));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), Fixtures.ConfigMap("web", "b"));
        var patch = new V1Patch("""{"metadata":{"labels":{"edgeplane.dev/bundle":"someone-else"}}}""", V1Patch.PatchType.MergePatch);
        await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "b", "web", fieldManager: "ops");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var entry = result.ChangeSet.For(ConfigMapB)!;
        Assert.Equal(ChangeAction.Skipped, entry.Action);
        Assert.Equal($"not pruned: its labels do not mark it as Edgeplane's for cluster \"{cluster.Name}\" and bundle \"app\"", entry.Message);
        Assert.NotNull(await TryReadConfigMapAsync(cluster, "web", "b"));
    }

    [Fact]
    public async Task Apply_RemovedNamespaceHoldsForeignObject_NamespaceKeptAndStillTracked()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedNamespaceHoldsForeignObject_NamespaceKeptAndStillTracked));
        await cluster.ApplyAsync("app", Fixtures.Namespace("keep"), Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "foreign" }, Data = new Dictionary<string, string> { ["x"] = "y" } }, "web");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("keep"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(new ObjectRef("", "ConfigMap", "web", "a"))!.Action);
        var ns = result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!;
        Assert.Equal(ChangeAction.Skipped, ns.Action);
        Assert.Equal("not pruned: the namespace holds objects Edgeplane does not own for this bundle: ConfigMap web/foreign", ns.Message);
        var live = await cluster.Client.CoreV1.ReadNamespaceAsync("web");
        Assert.Null(live.Metadata.DeletionTimestamp);
        Assert.Contains(result.Inventory!.Entries, e => e.Object == new ObjectRef("", "Namespace", null, "web"));
    }

    [Fact]
    public async Task Apply_RemovedNamespaceHoldsOnlyOwnObjects_NamespaceDeleted()
    {
        var cluster = sim.NewCluster(nameof(Apply_RemovedNamespaceHoldsOnlyOwnObjects_NamespaceDeleted));
        await cluster.ApplyAsync("app", Fixtures.Namespace("keep"), Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("keep"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
        Assert.Single(result.Inventory!.Entries);
    }

    [Fact]
    public async Task Apply_PruneDeleteFails_FailureReportedAndObjectStillTracked()
    {
        var cluster = sim.NewClusterWithFault(nameof(Apply_PruneDeleteFails_FailureReportedAndObjectStillTracked),
            r => r.Method == HttpMethod.Delete, c => c.Faults.FailNext(100, 500));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), Fixtures.ConfigMap("web", "b"));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));
        cluster.Sim.Faults.Clear();

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.Prune, failure.Phase);
        Assert.Equal(ConfigMapB, failure.Object);
        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(ChangeAction.Failed, result.ChangeSet.For(ConfigMapB)!.Action);
        Assert.Contains(result.Inventory!.Entries, e => e.Object == ConfigMapB);
        var stored = await cluster.Inventory().ReadAsync("app");
        Assert.Contains(stored!.Entries, e => e.Object == ConfigMapB);
        Assert.NotNull(await TryReadConfigMapAsync(cluster, "web", "b"));

        var retry = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"));

        Assert.True(retry.Succeeded, string.Join("\n", retry.Failures));
        Assert.Equal(ChangeAction.Deleted, retry.ChangeSet.For(ConfigMapB)!.Action);
    }

    [Fact]
    public async Task Apply_AnObjectFails_NothingPruned()
    {
        var cluster = sim.NewCluster(nameof(Apply_AnObjectFails_NothingPruned));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), Fixtures.ConfigMap("web", "b"));
        var invalid = Fixtures.ConfigMap("web", "bad");
        invalid["bogus"] = 1;

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), invalid);

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(new ObjectRef("", "ConfigMap", "web", "bad"), failure.Object);
        Assert.Equal(ApplyPhase.DryRun, failure.Phase);
        Assert.Equal(400, failure.StatusCode);
        Assert.Contains("unknown field \"bogus\"", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.ChangeSet.Entries, e => e.Action == ChangeAction.Deleted);
        Assert.NotNull(await TryReadConfigMapAsync(cluster, "web", "b"));
        Assert.Contains(result.Inventory!.Entries, e => e.Object == ConfigMapB);
    }

    [Fact]
    public async Task Apply_EmptyBundleOverTrackedObjects_RefusedUnlessAllowed()
    {
        var cluster = sim.NewCluster(nameof(Apply_EmptyBundleOverTrackedObjects_RefusedUnlessAllowed));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"));

        var refused = await cluster.ApplyAsync("app");

        var failure = Assert.Single(refused.Failures);
        Assert.Equal(ApplyFailure.Reasons.PruneToEmptyRefused, failure.Reason);
        Assert.Equal("the bundle has no objects but its inventory tracks 1; refusing to prune everything (set AllowPruneToEmpty to allow it)",
            failure.Message);
        Assert.Null((await cluster.Client.CoreV1.ReadNamespaceAsync("web")).Metadata.DeletionTimestamp);

        var allowed = await cluster.Applier().ApplyAsync(cluster.Request("app") with { AllowPruneToEmpty = true });

        Assert.True(allowed.Succeeded, string.Join("\n", allowed.Failures));
        Assert.Equal(ChangeAction.Deleted, allowed.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
        Assert.Empty(allowed.Inventory!.Entries);
    }

    [Fact]
    public async Task Apply_PruneDisabled_RemovedObjectKeptAndUntracked()
    {
        var cluster = sim.NewCluster(nameof(Apply_PruneDisabled_RemovedObjectKeptAndUntracked));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a"), Fixtures.ConfigMap("web", "b"));

        var result = await cluster.Applier().ApplyAsync(
            cluster.Request("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "a")) with { Prune = false });

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("not pruned: prune is disabled", result.ChangeSet.For(ConfigMapB)!.Message);
        Assert.NotNull(await TryReadConfigMapAsync(cluster, "web", "b"));
        Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == ConfigMapB);
    }

    private static async Task<V1ConfigMap?> TryReadConfigMapAsync(TestCluster cluster, string ns, string name)
    {
        try
        {
            return await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
