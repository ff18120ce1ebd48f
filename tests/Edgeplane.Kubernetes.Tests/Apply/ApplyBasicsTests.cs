using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class ApplyBasicsTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Apply_NewObjects_AllCreated()
    {
        var cluster = sim.NewCluster(nameof(Apply_NewObjects_AllCreated));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "settings"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(2, result.ChangeSet.Count(ChangeAction.Created));
        var live = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "web");
        Assert.Equal("value", live.Data["key"]);
        Assert.Equal("edgeplane", live.Metadata.Labels[EdgeplaneMetadata.ManagedByLabel]);
        Assert.Equal(cluster.Name, live.Metadata.Labels[EdgeplaneMetadata.ClusterLabel]);
        Assert.Equal("app", live.Metadata.Labels[EdgeplaneMetadata.BundleLabel]);
        Assert.Contains(live.Metadata.ManagedFields, m => m.Manager == "edgeplane" && m.Operation == "Apply");
    }

    [Fact]
    public async Task Apply_ChangedObject_ConfiguredWithChangedPath()
    {
        var cluster = sim.NewCluster(nameof(Apply_ChangedObject_ConfiguredWithChangedPath));
        await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "settings", value: "one"));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "settings", value: "two"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var entry = result.ChangeSet.For(new ObjectRef("", "ConfigMap", "web", "settings"));
        Assert.Equal(ChangeAction.Configured, entry!.Action);
        Assert.Equal("changed: data.key", entry.Message);
        Assert.Equal(ChangeAction.Unchanged, result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
        Assert.Equal("two", (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "web")).Data["key"]);
    }

    [Fact]
    public async Task Apply_SameBundleTwice_UnchangedAndResourceVersionDoesNotMove()
    {
        var cluster = sim.NewCluster(nameof(Apply_SameBundleTwice_UnchangedAndResourceVersionDoesNotMove));
        var bundle = new[] { Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "settings"), Fixtures.Deployment("web", "api") };
        await cluster.ApplyAsync("app", bundle);
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var before = (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("api", "web")).Metadata.ResourceVersion;
        var clusterVersionBefore = cluster.Sim.ResourceVersion;

        var result = await cluster.ApplyAsync("app", bundle);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(3, result.ChangeSet.Count(ChangeAction.Unchanged));
        Assert.Equal(before, (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("api", "web")).Metadata.ResourceVersion);
        Assert.Equal(clusterVersionBefore, cluster.Sim.ResourceVersion);
    }
}
