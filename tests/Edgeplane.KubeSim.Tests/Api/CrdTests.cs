using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class CrdTests(SimFixture sim)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task CreateCrd_ServesKindInDiscoveryAndEstablishes()
    {
        var (cluster, client) = sim.NewCluster();

        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        var resources = JsonNode.Parse(await Http.GetStringAsync($"{cluster.Uri}/apis/example.com/v1"))!;
        var groups = await Http.GetStringAsync($"{cluster.Uri}/apis");
        var established = await Eventually.WatchUntilAsync(cluster, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", async () =>
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
            return crd.Status?.Conditions?.FirstOrDefault(c => c.Type == "Established" && c.Status == "True");
        });

        var widgets = resources["resources"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Equal("Widget", widgets["kind"]!.GetValue<string>());
        Assert.Equal("wd", widgets["shortNames"]![0]!.GetValue<string>());
        Assert.Contains(resources["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "widgets/status");
        Assert.Contains("\"example.com\"", groups);
        Assert.Equal("InitialNamesAccepted", established.Reason);
    }

    [Fact]
    public async Task CustomResource_StrictUnknownField_BadRequest_DefaultPrunes()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        var widget = PatchTests.Widget("w");
        widget["spec"]!["bogus"] = 1;
        widget["spec"]!["extra"] = new JsonObject { ["free"] = "form" };

        var status = await ApiError.StatusOf(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "default", "widgets",
            fieldValidation: "Strict"), 400);
        var pruned = await client.CreateAsync("example.com", "v1", "widgets", "default", widget);

        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"", status["message"]!.GetValue<string>());
        Assert.Null(pruned["spec"]!["bogus"]);
        Assert.Equal("form", pruned["spec"]!["extra"]!["free"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteCrd_RemovesObjectsAndKind()
    {
        var (cluster, client) = sim.NewCluster();
        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        await client.CreateAsync("example.com", "v1", "widgets", "default", PatchTests.Widget("w"));

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");

        var status = await ApiError.StatusOf(() => client.GetAsync("example.com", "v1", "widgets", "default", "w"), 404);
        var discovery = await Http.GetAsync($"{cluster.Uri}/apis/example.com/v1");
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal(404, (int)discovery.StatusCode);
    }

    [Fact]
    public async Task CreateCrd_BadName_Invalid()
    {
        var (_, client) = sim.NewCluster();
        var crd = Fixtures.Json("widget-crd.json");
        crd["metadata"]!["name"] = "wrong.example.com";

        var status = await ApiError.StatusOf(() => client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", crd), 422);

        Assert.Contains("metadata.name: Invalid value: \"wrong.example.com\": must be spec.names.plural+\".\"+spec.group", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyCustomResource_MapListMergesByKey()
    {
        var (_, client) = sim.NewCluster();
        await client.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json"));
        var first = PatchTests.Widget("w");
        first["spec"]!["ports"] = JsonNode.Parse("""[{"name":"http","port":80}]""");
        var second = PatchTests.Widget("w");
        second["spec"]!.AsObject().Remove("size");
        second["spec"]!["ports"] = JsonNode.Parse("""[{"name":"metrics","port":9090}]""");

        await client.ApplyAsync("example.com", "v1", "widgets", "default", first, "a");
        var merged = await client.ApplyAsync("example.com", "v1", "widgets", "default", second, "b");

        Assert.Equal(["http", "metrics"], merged["spec"]!["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }
}
