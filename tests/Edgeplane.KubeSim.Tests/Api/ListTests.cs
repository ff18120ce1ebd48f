using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class ListTests(SimFixture sim)
{
    private async Task<k8s.Kubernetes> SeededAsync()
    {
        var (_, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a", new Dictionary<string, string> { ["tier"] = "front", ["env"] = "prod" }), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("b", new Dictionary<string, string> { ["tier"] = "back", ["env"] = "prod" }), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("c", new Dictionary<string, string> { ["tier"] = "db" }), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("d"), "default");
        return client;
    }

    [Theory]
    [InlineData("tier=front", "a")]
    [InlineData("tier==front", "a")]
    [InlineData("tier!=front", "b,c,d")]
    [InlineData("tier in (front,back)", "a,b")]
    [InlineData("tier notin (front,back)", "c,d")]
    [InlineData("env", "a,b")]
    [InlineData("!env", "c,d")]
    [InlineData("env=prod,tier!=back", "a")]
    public async Task List_LabelSelector_SelectsMatching(string selector, string expected)
    {
        var client = await SeededAsync();

        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: selector);

        Assert.Equal(expected, string.Join(",", list.Items.Select(i => i.Metadata.Name)));
    }

    [Fact]
    public async Task List_FieldSelectorByName_OneItem()
    {
        var client = await SeededAsync();

        var list = await client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.name=b,metadata.namespace=default");

        Assert.Equal("b", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task List_BadSelector_BadRequest()
    {
        var client = await SeededAsync();

        var status = await ApiError.StatusOf(() => client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier in front"), 400);
        var field = await ApiError.StatusOf(() => client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "spec.foo=1"), 400);

        Assert.Contains("unable to parse requirement", status["message"]!.GetValue<string>());
        Assert.Equal("field label not supported: spec.foo", field["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughContinueTokens()
    {
        var client = await SeededAsync();

        var first = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3);
        var second = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal("a,b,c", string.Join(",", first.Items.Select(i => i.Metadata.Name)));
        Assert.Equal(1, first.Metadata.RemainingItemCount);
        Assert.Equal("d", Assert.Single(second.Items).Metadata.Name);
        Assert.Null(second.Metadata.ContinueProperty);
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task List_BadContinueToken_BadRequest()
    {
        var client = await SeededAsync();

        var status = await ApiError.StatusOf(() => client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 1, continueParameter: "%%%"), 400);

        Assert.StartsWith("invalid continue token", status["message"]!.GetValue<string>());
    }
}
