using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class CrudTests(SimFixture sim)
{
    [Fact]
    public async Task Create_ThenGet_ReturnsObjectWithServerFields()
    {
        var (_, client) = sim.NewCluster();

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("value", read.Data["key"]);
    }

    [Fact]
    public async Task Create_Twice_AlreadyExists()
    {
        var (_, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        var status = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default"), 409);

        Assert.Equal("AlreadyExists", status["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"a\" already exists", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_Missing_NotFoundStatus()
    {
        var (_, client) = sim.NewCluster();

        var status = await ApiError.StatusOf(() => client.AppsV1.ReadNamespacedDeploymentAsync("nope", "default"), 404);

        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal("deployments.apps \"nope\" not found", status["message"]!.GetValue<string>());
        Assert.Equal("apps", status["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InMissingNamespace_NamespaceNotFound()
    {
        var (cluster, client) = sim.NewCluster();
        var rv = cluster.ResourceVersion;

        var status = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a", ns: "ghost"), "ghost"), 404);

        Assert.Equal("namespaces \"ghost\" not found", status["message"]!.GetValue<string>());
        Assert.Equal(rv, cluster.ResourceVersion);
    }

    [Fact]
    public async Task Create_InvalidName_Invalid422WithCause()
    {
        var (_, client) = sim.NewCluster();

        var status = await ApiError.StatusOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("Bad_Name"), "default"), 422);

        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value", status["message"]!.GetValue<string>());
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replace_ChangesDataAndBumpsResourceVersion()
    {
        var (_, client) = sim.NewCluster();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        created.Data["key"] = "changed";

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");

        Assert.Equal("changed", replaced.Data["key"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Conflict()
    {
        var (_, client) = sim.NewCluster();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        var stale = created.Metadata.ResourceVersion;
        created.Data["key"] = "first";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        created.Metadata.ResourceVersion = stale;
        created.Data["key"] = "late";
        created.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };

        var status = await ApiError.StatusOf(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default"), 409);

        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again",
            status["message"]!.GetValue<string>());
        Assert.Equal("first", (await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default")).Data["key"]);
    }

    [Fact]
    public async Task Replace_NothingChanged_KeepsResourceVersion()
    {
        var (_, client) = sim.NewCluster();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Delete_RemovesObject_ThenGetIs404()
    {
        var (_, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        var status = await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");

        Assert.Equal("Success", status.Status);
        await ApiError.StatusOf(() => client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"), 404);
    }

    [Fact]
    public async Task Delete_WithWrongUidPrecondition_ConflictAndKept()
    {
        var (_, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        var status = await ApiError.StatusOf(() => client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default",
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "other" } }), 409);

        Assert.Contains("Precondition failed: UID in precondition: other", status["message"]!.GetValue<string>());
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"));
    }

    [Fact]
    public async Task Update_DeploymentSelector_ImmutableInvalid()
    {
        var (_, client) = sim.NewCluster();
        var deployment = KubernetesJson.Deserialize<V1Deployment>(Fixtures.Text("deployment.json"));
        var created = await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        created.Metadata.ResourceVersion = null;
        created.Spec.Selector.MatchLabels["app"] = "other";
        created.Spec.Template.Metadata.Labels["app"] = "other";

        var status = await ApiError.StatusOf(() => client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", "default"), 422);

        Assert.Contains("spec.selector: Invalid value", status["message"]!.GetValue<string>());
        Assert.Contains("field is immutable", status["message"]!.GetValue<string>());
    }
}
