using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class FaultTests(SimFixture sim)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task ThrottleNext_TwoRequests429WithRetryAfter_ThenServed()
    {
        var (cluster, client) = sim.NewCluster();
        cluster.Faults.ThrottleNext(2, retryAfterSeconds: 7);

        var first = await Http.GetAsync($"{cluster.Uri}/api/v1/namespaces");
        var second = await Http.GetAsync($"{cluster.Uri}/api/v1/namespaces");
        var third = await client.CoreV1.ListNamespaceAsync();

        Assert.Equal(429, (int)first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        var status = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("TooManyRequests", status["reason"]!.GetValue<string>());
        Assert.Equal(7, status["details"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal(4, third.Items.Count);
    }

    [Fact]
    public async Task FailNext_500ForOneRequest_ThenServed()
    {
        var (cluster, client) = sim.NewCluster();
        cluster.Faults.FailNext(1);

        var status = await ApiError.StatusOf(() => client.CoreV1.ListNamespaceAsync(), 500);
        var list = await client.CoreV1.ListNamespaceAsync();

        Assert.Equal("InternalError", status["reason"]!.GetValue<string>());
        Assert.NotEmpty(list.Items);
    }

    [Fact]
    public async Task Unreachable_ConnectionDropped_UntilCleared()
    {
        var (cluster, client) = sim.NewCluster();
        cluster.Faults.Unreachable = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
        cluster.Faults.Clear();

        Assert.NotEmpty((await client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task Unreachable_EndsOpenWatch()
    {
        var (cluster, _) = sim.NewCluster();
        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}/api/v1/namespaces?watch=1&resourceVersion={cluster.ResourceVersion}"));

        cluster.Faults.Unreachable = true;

        Assert.Null(await watch.NextAsync());
        cluster.Faults.Unreachable = false;
    }

    [Fact]
    public async Task AdminEndpoint_AddsClusterSetsAndClearsFaults()
    {
        var name = $"adm-{Guid.NewGuid():N}"[..16];
        var admin = new Uri(sim.Server.BaseUri, "_sim/");

        var added = await Http.PostAsJsonAsync(new Uri(admin, "clusters"), new { name, version = "v1.29.3" });
        var duplicate = await Http.PostAsJsonAsync(new Uri(admin, "clusters"), new { name });
        var faults = await Http.PostAsJsonAsync(new Uri(admin, $"clusters/{name}/faults"),
            new { fail = new { requests = 1, status = 503 }, neverReadyImages = new[] { "bad/image" } });
        var failed = await Http.GetAsync($"{sim.Server.ClusterUri(name)}/version");
        var cleared = await Http.DeleteAsync(new Uri(admin, $"clusters/{name}/faults"));
        var version = JsonNode.Parse(await Http.GetStringAsync($"{sim.Server.ClusterUri(name)}/version"))!;

        Assert.Equal(201, (int)added.StatusCode);
        Assert.Equal(409, (int)duplicate.StatusCode);
        Assert.Equal($"cluster \"{name}\" already exists", JsonNode.Parse(await duplicate.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal("bad/image", JsonNode.Parse(await faults.Content.ReadAsStringAsync())!["neverReadyImages"]![0]!.GetValue<string>());
        Assert.Equal(503, (int)failed.StatusCode);
        Assert.Empty(JsonNode.Parse(await cleared.Content.ReadAsStringAsync())!["neverReadyImages"]!.AsArray());
        Assert.Equal("v1.29.3", version["gitVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminEndpoint_RemoveCluster_ThenNotFound()
    {
        var (cluster, _) = sim.NewCluster();

        var removed = await Http.DeleteAsync(new Uri(sim.Server.BaseUri, $"_sim/clusters/{cluster.Name}"));
        var gone = await Http.GetAsync($"{cluster.Uri}/api/v1/namespaces");
        var again = await Http.DeleteAsync(new Uri(sim.Server.BaseUri, $"_sim/clusters/{cluster.Name}"));

        Assert.Equal(200, (int)removed.StatusCode);
        Assert.Equal(404, (int)gone.StatusCode);
        Assert.Equal(404, (int)again.StatusCode);
        Assert.False(sim.Server.Clusters.ContainsKey(cluster.Name));
    }

    [Fact]
    public async Task AdminEndpoint_BadFaultValue_BadRequest()
    {
        var (cluster, _) = sim.NewCluster();

        var response = await Http.PostAsJsonAsync(new Uri(sim.Server.BaseUri, $"_sim/clusters/{cluster.Name}/faults"), new { fail = new { requests = 1, status = 418 } });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("use 500, 502, 503 or 504", await response.Content.ReadAsStringAsync());
    }
}
