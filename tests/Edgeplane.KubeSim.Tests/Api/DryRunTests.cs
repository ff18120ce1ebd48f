using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class DryRunTests(SimFixture sim)
{
    [Fact]
    public async Task Create_DryRun_ReturnsObjectStoresNothing()
    {
        var (cluster, client) = sim.NewCluster();
        var rv = cluster.ResourceVersion;

        var result = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default", dryRun: "All");

        Assert.False(string.IsNullOrEmpty(result.Metadata.Uid));
        Assert.Equal(rv, cluster.ResourceVersion);
        await ApiError.StatusOf(() => client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"), 404);
    }

    [Fact]
    public async Task UpdatePatchApplyDelete_DryRun_NothingChanges()
    {
        var (cluster, client) = sim.NewCluster();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        var rv = cluster.ResourceVersion;
        created.Data["key"] = "dry";

        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default", dryRun: "All");
        var patched = await client.PatchAsync("", "v1", "configmaps", "default", "a", """{"data":{"key":"dry2"}}""", V1Patch.PatchType.MergePatch, dryRun: "All");
        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("key", "dry3")), "agent", force: true, dryRun: "All");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default", dryRun: "All");

        Assert.Equal("dry", updated.Data["key"]);
        Assert.Equal("dry2", patched["data"]!["key"]!.GetValue<string>());
        Assert.Equal("dry3", applied["data"]!["key"]!.GetValue<string>());
        Assert.Equal(rv, cluster.ResourceVersion);
        Assert.Equal("value", (await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default")).Data["key"]);
    }

    [Fact]
    public async Task Create_DryRunInvalid_StillValidated()
    {
        var (_, client) = sim.NewCluster();

        var status = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("UPPER"), "default", dryRun: "All"), 422);

        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownDryRunValue_BadRequest()
    {
        var (_, client) = sim.NewCluster();

        var status = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default", dryRun: "Some"), 400);

        Assert.Equal("Invalid dry run value \"Some\": supported values are \"All\"", status["message"]!.GetValue<string>());
    }
}
