using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class ApplyTests(SimFixture sim)
{
    [Fact]
    public async Task Apply_Missing_CreatesWithApplyManagedFields()
    {
        var (_, client) = sim.NewCluster();

        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "agent");

        Assert.Equal("1", applied["data"]!["x"]!.GetValue<string>());
        Assert.Equal(["agent/Apply"], Generic.Managers(applied));
        var fields = Generic.FieldsOf(applied, "agent", "Apply")!;
        Assert.NotNull(fields["f:data"]!["f:x"]);
        Assert.Equal("FieldsV1", applied["metadata"]!["managedFields"]![0]!["fieldsType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_OtherManagerOwnsField_ConflictNamesFieldAndManager()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "first");

        var status = await ApiError.StatusOf(
            () => client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "2")), "second"), 409);

        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\" using v1: .data.x", status["message"]!.GetValue<string>());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Equal(".data.x", cause["field"]!.GetValue<string>());
        Assert.Equal("1", (await client.GetAsync("", "v1", "configmaps", "default", "a"))["data"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_ForceOnConflict_TakesOwnership()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1"), ("y", "1")), "first");

        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "2")), "second", force: true);

        Assert.Equal("2", applied["data"]!["x"]!.GetValue<string>());
        Assert.Null(Generic.FieldsOf(applied, "first", "Apply")!["f:data"]!["f:x"]);
        Assert.NotNull(Generic.FieldsOf(applied, "first", "Apply")!["f:data"]!["f:y"]);
        Assert.NotNull(Generic.FieldsOf(applied, "second", "Apply")!["f:data"]!["f:x"]);
    }

    [Fact]
    public async Task Apply_SameValueByTwoManagers_SharedWithoutConflict()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "first");

        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "second");

        Assert.Equal(["first/Apply", "second/Apply"], Generic.Managers(applied));
    }

    [Fact]
    public async Task Apply_FieldDroppedBySoleOwner_IsRemoved()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1"), ("y", "2")), "agent");

        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "agent");

        Assert.Null(applied["data"]!["y"]);
        Assert.Equal("1", applied["data"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_FieldDroppedButCoOwned_IsKept()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1"), ("y", "2")), "agent");
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("y", "2")), "other");

        var applied = await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "agent");

        Assert.Equal("2", applied["data"]!["y"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_AfterUpdateByOtherManager_ConflictsWithUpdater()
    {
        var (_, client) = sim.NewCluster();
        await client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "agent");
        await client.PatchAsync("", "v1", "configmaps", "default", "a", """{"data":{"x":"edited"}}""", V1Patch.PatchType.MergePatch);

        var status = await ApiError.StatusOf(
            () => client.ApplyAsync("", "v1", "configmaps", "default", Generic.ConfigMap("a", ("x", "1")), "agent"), 409);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubernetes-csharp\" using v1: .data.x", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_ContainersMergeByName_OtherManagersContainerKept()
    {
        var (_, client) = sim.NewCluster();
        var deployment = Fixtures.Json("deployment.json");
        await client.ApplyAsync("apps", "v1", "deployments", "default", deployment, "agent");
        var sidecar = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}
            """)!.AsObject();

        var applied = await client.ApplyAsync("apps", "v1", "deployments", "default", sidecar, "injector");

        var names = applied["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["nginx", "sidecar"], names);
        Assert.NotNull(Generic.FieldsOf(applied, "injector", "Apply")!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"sidecar\"}"]);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_BadRequest()
    {
        var (_, client) = sim.NewCluster();
        var body = Generic.ConfigMap("a", ("x", "1"));

        var status = await ApiError.StatusOf(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch), "", "v1", "default", "configmaps", "a"), 400);

        Assert.Equal("fieldManager is required for apply requests", status["message"]!.GetValue<string>());
    }
}
