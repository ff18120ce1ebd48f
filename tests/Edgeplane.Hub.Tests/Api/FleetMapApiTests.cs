using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Tests.Api;

/// <summary><c>GET /api/v1/fleet/map</c>: every cluster's place and states in one read, counted as <c>/fleet</c> counts.</summary>
public sealed class FleetMapApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Map_NamesEachClustersStates_AndItsTallyIsTheFleetSummary(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var clusters = scenario.Host.Service<IClusterStore>();
        var edge = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;
        await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 1, now, edge.Target.Digest, "v1.30.2", "Healthy", false, []), default);
        await clusters.RecordStatusAsync(new ClusterStatusReport("cloud-eu", 1, now, "sha256:old", "v1.31.0", "Degraded", true, []), default);

        var map = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>("/api/v1/fleet/map");
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        Assert.Null(map.Continue);
        Assert.Equal(["cloud-eu", "edge-site-1", "regional-eu-1"], map.Items.Select(c => c.Name));
        var byName = map.Items.ToDictionary(c => c.Name);
        Assert.Equal(["drifted", "unhealthy", "linkUnknown"], byName["cloud-eu"].States);
        Assert.Equal(["inSync", "linkUnknown"], byName["edge-site-1"].States);
        Assert.Equal(["offline"], byName["regional-eu-1"].States); // never reported, no gateway tracks it
        Assert.Equal(("edge", edge.Region, edge.Site), (byName["edge-site-1"].Layer, byName["edge-site-1"].Region, byName["edge-site-1"].Site));
        foreach (var layer in fleet.Layers)
        {
            var members = map.Items.Where(c => c.Layer == layer.Layer).ToList();
            int Count(string state) => members.Count(c => c.States.Contains(state));
            Assert.Equal(layer, new LayerSummary(layer.Layer, members.Count, Count("inSync"), Count("drifted"), Count("unhealthy"),
                Count("offline"), Count("linkUnknown")));
        }
    }

    [Fact]
    public async Task Map_HeldBehindAndALinkWhoseHubIsGone_AreNamed()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        await using (var db = await scenario.Host.Service<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            var cloud = await db.Clusters.SingleAsync(c => c.Name == "cloud-eu");
            cloud.HeldByRollout = 7;
            cloud.TargetDigest = "sha256:last-good";
            cloud.Availability = "Online";
            cloud.OwnerInstance = "a-hub-that-stopped-long-ago";
            await db.SaveChangesAsync();
        }

        var map = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>("/api/v1/fleet/map?names=cloud-eu");
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        var cloudEu = Assert.Single(map.Items);
        Assert.Equal(["linkUnknown", "held", "behind"], cloudEu.States);
        Assert.Equal(1, fleet.Layers.Single(l => l.Layer == "cloud").Unknown);
    }

    [Fact]
    public async Task Map_NamesFilterLayerAndSelector_PagesWithContinue()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        var named = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>("/api/v1/fleet/map?names=regional-eu-1,%20edge-site-1,nope");
        var edge = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>("/api/v1/fleet/map?layer=edge");
        var first = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>("/api/v1/fleet/map?limit=2");
        var rest = await scenario.Host.GetAsync<PageResponse<FleetMapItem>>($"/api/v1/fleet/map?limit=2&continue={first.Continue}");

        Assert.Equal(["edge-site-1", "regional-eu-1"], named.Items.Select(c => c.Name));
        Assert.Equal(["edge-site-1"], edge.Items.Select(c => c.Name));
        Assert.Equal(["cloud-eu", "edge-site-1"], first.Items.Select(c => c.Name));
        Assert.NotNull(first.Continue);
        Assert.Equal(["regional-eu-1"], rest.Items.Select(c => c.Name));
        Assert.Null(rest.Continue);
    }

    [Theory]
    [InlineData("limit=0", "limit must be between 1 and 20000, got 0")]
    [InlineData("limit=20001", "limit must be between 1 and 20000, got 20001")]
    [InlineData("names=,,", "names must list 1 to 1000 cluster names separated by commas, got 0")]
    [InlineData("selector=geo%20in%20(", "selector")]
    [InlineData("continue=%21%21", "continue")]
    public async Task Map_BadQuery_400ProblemSaysWhatIsWrong(string query, string detail)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Client.GetAsync($"/api/v1/fleet/map?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_TooManyNames_400()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var names = string.Join(',', Enumerable.Range(0, 1001).Select(i => $"c{i}"));

        using var response = await scenario.Host.Client.GetAsync($"/api/v1/fleet/map?names={names}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("got 1001", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_WorkspaceMember_SeesOnlyTheClustersItsWorkspaceTargets()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");

        using var response = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/fleet/map");
        using var asked = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/fleet/map?names=cloud-eu,edge-site-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["edge-site-1"], (await response.Content.ReadFromJsonAsync<PageResponse<FleetMapItem>>())!.Items.Select(c => c.Name));
        Assert.Equal(["edge-site-1"], (await asked.Content.ReadFromJsonAsync<PageResponse<FleetMapItem>>())!.Items.Select(c => c.Name));
    }
}
