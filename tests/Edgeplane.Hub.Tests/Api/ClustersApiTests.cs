using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

public sealed class ClustersApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListClusters_AfterFirstRevision_ServesEveryClusterWithDesiredDigest(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        var page = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters");

        Assert.Equal(["cloud-eu", "edge-site-1", "regional-eu-1"], page.Items.Select(c => c.Name));
        Assert.All(page.Items, c =>
        {
            Assert.StartsWith("sha256:", c.Desired.Digest);
            Assert.Equal(scenario.InitialSha, c.Desired.Revision);
            Assert.Equal(c.Desired, c.Target);
            Assert.Null(c.AppliedDigest);
            Assert.True(c.Offline);
        });
        var regional = page.Items.Single(c => c.Name == "regional-eu-1");
        Assert.Equal(("regional", "eu", "dc1", "openstack", "1.30"), (regional.Layer, regional.Region, regional.Site, regional.Provider, regional.KubernetesVersion));
        Assert.Equal(["kubevirt"], regional.Capabilities);
        Assert.Equal("prod", regional.Labels["env"]);
        Assert.Null(page.Continue);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListClusters_WithoutToken_Returns401ProblemDetails(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        using var response = await scenario.Host.Anonymous.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal(401, problem!.Status);
        Assert.Contains("Authorization: Bearer", problem.Detail);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListClusters_WrongToken_Returns401(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters");
        request.Headers.Authorization = new("Bearer", "ep_00000000_not-a-real-token");

        using var response = await scenario.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal("unknown or revoked token", problem!.Detail);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListClusters_Filters_MatchLayerRegionSiteSelectorAndHealth(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        async Task<string[]> Names(string query) =>
            (await scenario.Host.GetAsync<PageResponse<ClusterResponse>>($"/api/v1/clusters?{query}")).Items.Select(c => c.Name).ToArray();

        Assert.Equal(["edge-site-1"], await Names("layer=edge"));
        Assert.Equal(["regional-eu-1"], await Names("site=dc1"));
        Assert.Equal(3, (await Names("region=eu")).Length);
        Assert.Equal(["cloud-eu", "regional-eu-1"], await Names("selector=env%3Dprod"));
        Assert.Equal(["edge-site-1", "regional-eu-1"], await Names("selector=!tier"));
        Assert.Equal(["edge-site-1"], await Names("selector=env%20in%20(staging,dev)"));
        Assert.Equal(["cloud-eu"], await Names("selector=tier,env!%3Dstaging"));
        Assert.Equal(3, (await Names("health=Unknown")).Length);
        Assert.Empty(await Names("health=Healthy"));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ListClusters_Paged_ContinueTokenWalksAllClusters(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        var first = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters?limit=2");
        var second = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>($"/api/v1/clusters?limit=2&continue={first.Continue}");

        Assert.Equal(["cloud-eu", "edge-site-1"], first.Items.Select(c => c.Name));
        Assert.NotNull(first.Continue);
        Assert.Equal(["regional-eu-1"], second.Items.Select(c => c.Name));
        Assert.Null(second.Continue);
    }

    [Theory]
    [InlineData("limit=0", "limit must be between 1 and 1000, got 0")]
    [InlineData("selector=a%20in%20(", "invalid label selector term 'a in ('")]
    [InlineData("continue=%25%25", "invalid continue token '%%'")]
    public async Task ListClusters_BadQuery_Returns400WithReason(string query, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.GetAsync($"/api/v1/clusters?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GetCluster_Existing_IncludesBundleObjects(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);

        var detail = await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1");

        Assert.Equal("edge-site-1", detail.Cluster.Name);
        Assert.Equal(detail.Cluster.Desired.Digest, detail.DesiredBundle!.Digest);
        Assert.Equal(
            [new ObjectRef("v1", "ConfigMap", "platform", "site-settings"), new ObjectRef("v1", "Namespace", null, "platform")],
            detail.DesiredBundle.Objects);
    }

    [Fact]
    public async Task GetCluster_Unknown_Returns404Problem()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.GetAsync("/api/v1/clusters/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("cluster 'nope' not found", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }
}
