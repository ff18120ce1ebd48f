using Edgeplane.Kubernetes.Drift;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace Edgeplane.Kubernetes.Tests.Drift;

public sealed class DriftTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private static readonly ObjectRef Api = new("apps", "Deployment", "web", "api");

    [Fact]
    public async Task Detect_NothingChanged_NoDriftAndNothingWritten()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_NothingChanged_NoDriftAndNothingWritten));
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var rv = cluster.Sim.ResourceVersion;

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Correct));

        Assert.False(report.HasDrift);
        Assert.Equal(3, report.Checked);
        Assert.Empty(report.Failures);
        Assert.Equal(rv, cluster.Sim.ResourceVersion);
    }

    [Fact]
    public async Task Detect_FieldChangedOutOfBandUnderCorrect_ReportedWithPathAndCorrected()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_FieldChangedOutOfBandUnderCorrect_ReportedWithPathAndCorrected));
        await ScaleOutOfBandAsync(cluster, 5);

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Correct));

        Assert.Empty(report.Failures);
        var drift = Assert.Single(report.Drifted);
        Assert.Equal(Api, drift.Object);
        Assert.Equal(DriftKind.Modified, drift.Kind);
        Assert.Contains("spec.replicas", drift.FieldPaths);
        Assert.True(drift.Corrected);
        Assert.Equal(2, (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("api", "web")).Spec.Replicas);
    }

    [Fact]
    public async Task Detect_FieldChangedOutOfBandUnderReport_ReportedOnlyAndNothingWritten()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_FieldChangedOutOfBandUnderReport_ReportedOnlyAndNothingWritten));
        await ScaleOutOfBandAsync(cluster, 5);
        // The simulated deployment controller may still write status after the scale, so the resource version is not a
        // witness of "nothing written"; the generation is (it moves only when the spec is written).
        var generation = (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("api", "web")).Metadata.Generation;

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Report));

        var drift = Assert.Single(report.Drifted);
        Assert.Contains("spec.replicas", drift.FieldPaths);
        Assert.False(drift.Corrected);
        Assert.Single(report.Uncorrected);
        var live = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("api", "web");
        Assert.Equal(5, live.Spec.Replicas);
        Assert.Equal(generation, live.Metadata.Generation);
    }

    [Fact]
    public async Task Detect_ContainerImageChanged_PathNamesTheContainer()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_ContainerImageChanged_PathNamesTheContainer));
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:hacked"}]}}}}""";
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "api", "web",
            fieldManager: "kubectl-edit");

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Report));

        Assert.Contains("spec.template.spec.containers[name=app].image", Assert.Single(report.Drifted).FieldPaths);
    }

    [Fact]
    public async Task Detect_ObjectDeletedOutOfBand_MissingAndRecreatedUnderCorrect()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_ObjectDeletedOutOfBand_MissingAndRecreatedUnderCorrect));
        await cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("settings", "web");

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Correct));

        var drift = Assert.Single(report.Drifted);
        Assert.Equal(new ObjectRef("", "ConfigMap", "web", "settings"), drift.Object);
        Assert.Equal(DriftKind.Missing, drift.Kind);
        Assert.True(drift.Corrected);
        Assert.Equal("ConfigMap web/settings missing, recreated", drift.ToString());
        Assert.Equal("value", (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "web")).Data["key"]);
    }

    [Fact]
    public async Task Detect_ObjectDeletedOutOfBandUnderReport_MissingAndStillAbsent()
    {
        var (cluster, objects) = await AppliedAsync(nameof(Detect_ObjectDeletedOutOfBandUnderReport_MissingAndStillAbsent));
        await cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("settings", "web");

        var report = await cluster.Drift().DetectAsync(Request(cluster, objects, DriftPolicy.Report));

        Assert.Equal(DriftKind.Missing, Assert.Single(report.Drifted).Kind);
        var list = await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("web");
        Assert.Empty(list.Items);
    }

    private async Task<(TestCluster Cluster, System.Text.Json.Nodes.JsonObject[] Objects)> AppliedAsync(string test)
    {
        var cluster = sim.NewCluster(test);
        var objects = new[] { Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "settings"), Fixtures.Deployment("web", "api") };
        var result = await cluster.ApplyAsync("app", objects);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        return (cluster, objects);
    }

    private static DriftRequest Request(TestCluster cluster, System.Text.Json.Nodes.JsonObject[] objects, DriftPolicy policy) =>
        new() { Cluster = cluster.Name, Bundle = "app", Objects = objects, Policy = policy };

    private static Task ScaleOutOfBandAsync(TestCluster cluster, int replicas) =>
        cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch), "api", "web", fieldManager: "kubectl-edit");
}
