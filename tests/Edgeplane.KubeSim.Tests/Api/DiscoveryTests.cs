using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class DiscoveryTests(SimFixture sim)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Version_ReportsConfiguredVersion()
    {
        var cluster = sim.Server.AddCluster($"v-{Guid.NewGuid():N}"[..20], "v1.30.4");

        var version = await cluster.CreateClient().Version.GetCodeAsync();

        Assert.Equal("v1.30.4", version.GitVersion);
        Assert.Equal("30", version.Minor);
    }

    [Theory]
    [InlineData("/api/v1", "configmaps", "cm")]
    [InlineData("/apis/apps/v1", "deployments", "deploy")]
    [InlineData("/apis/autoscaling/v2", "horizontalpodautoscalers", "hpa")]
    [InlineData("/apis/apiextensions.k8s.io/v1", "customresourcedefinitions", "crd")]
    public async Task ResourceList_HasShortNamesAndVerbs(string path, string plural, string shortName)
    {
        var (cluster, _) = sim.NewCluster();

        var list = JsonNode.Parse(await Http.GetStringAsync($"{cluster.Uri}{path}"))!;

        var resource = list["resources"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == plural)!;
        Assert.Contains(shortName, resource["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("watch", resource["verbs"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenApiV3_EveryKindHasPatchWithGvkAndFieldValidation()
    {
        var (cluster, _) = sim.NewCluster();

        var index = JsonNode.Parse(await Http.GetStringAsync($"{cluster.Uri}/openapi/v3"))!;
        var url = index["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var doc = JsonNode.Parse(await Http.GetStringAsync($"{cluster.Uri}{url}"))!;

        var patch = doc["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.NotNull(index["paths"]!["api/v1"]);
    }

    [Fact]
    public async Task UnknownCluster_NotFoundStatus()
    {
        var response = await Http.GetAsync(sim.Server.ClusterUri("no-such-cluster") + "/api/v1/namespaces");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("cluster \"no-such-cluster\" not found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }
}
