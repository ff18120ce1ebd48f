using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class PatchTests(SimFixture sim)
{
    [Fact]
    public async Task JsonPatch_AddReplaceRemove_Applied()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1"), ("y", "2")));

        var patched = await client.PatchAsync("", "v1", "configmaps", "default", "a",
            """[{"op":"add","path":"/data/z","value":"3"},{"op":"replace","path":"/data/x","value":"9"},{"op":"remove","path":"/data/y"}]""",
            V1Patch.PatchType.JsonPatch);

        Assert.Equal("""{"x":"9","z":"3"}""", patched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task JsonPatch_FailedTest_InvalidAndUnchanged()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")));

        var status = await ApiError.StatusOf(() => client.PatchAsync("", "v1", "configmaps", "default", "a",
            """[{"op":"test","path":"/data/x","value":"2"},{"op":"replace","path":"/data/x","value":"3"}]""", V1Patch.PatchType.JsonPatch), 422);

        Assert.Contains("testing value /data/x failed", status["message"]!.GetValue<string>());
        Assert.Equal("1", (await client.GetAsync("", "v1", "configmaps", "default", "a"))["data"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task MergePatch_NullDeletes_ObjectsMerge()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1"), ("y", "2")));

        var patched = await client.PatchAsync("", "v1", "configmaps", "default", "a", """{"data":{"y":null,"z":"3"}}""", V1Patch.PatchType.MergePatch);

        Assert.Equal("""{"x":"1","z":"3"}""", patched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task StrategicPatch_ContainerByName_MergedNotReplaced()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));
        await client.PatchAsync("apps", "v1", "deployments", "default", "web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);

        var patched = await client.PatchAsync("apps", "v1", "deployments", "default", "web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);

        var containers = patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:1.27", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(80, containers[0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task StrategicPatch_DeleteDirective_RemovesItem()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateAsync("apps", "v1", "deployments", "default", Fixtures.Json("deployment.json"));
        await client.PatchAsync("apps", "v1", "deployments", "default", "web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);

        var patched = await client.PatchAsync("apps", "v1", "deployments", "default", "web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);

        Assert.Equal("nginx", Assert.Single(patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task StrategicPatch_CustomResource_UnsupportedMediaType()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        await client.CreateAsync("example.com", "v1", "widgets", "default", Widget("w"));

        var status = await ApiError.StatusOf(() => client.PatchAsync("example.com", "v1", "widgets", "default", "w",
            """{"spec":{"size":2}}""", V1Patch.PatchType.StrategicMergePatch), 415);

        Assert.Equal("UnsupportedMediaType", status["reason"]!.GetValue<string>());
        Assert.Contains("application/merge-patch+json", status["message"]!.GetValue<string>());
    }

    internal static JsonObject Widget(string name, int size = 1) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["size"] = size },
    };
}
