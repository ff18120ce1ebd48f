using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>A workspace-scoped caller sees only the clusters its workspace targets, their summary and bundles; fleet-wide callers see all.</summary>
public sealed class WorkspaceScopeTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WorkspaceMember_SeesOnlyItsClusters_SummaryAndBundles(StoreKind kind)
    {
        await using var scenario = await HubScenario.StartAsync(kind, compiler: new WorkspaceTestCompiler());
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");
        var viewer = await Callers.MintAsync(scenario.Host, HubRoles.Viewer);
        var digests = await scenario.Host.DesiredDigestsAsync();

        var mine = await ClusterNamesAsync(scenario.Host, member);
        var all = await ClusterNamesAsync(scenario.Host, viewer);
        using var own = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/clusters/edge-site-1");
        using var foreign = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/clusters/cloud-eu");
        using var ownBundle = await Callers.SendAsync(scenario.Host, member, "GET", $"/api/v1/bundles/{digests["edge-site-1"]}");
        using var foreignBundle = await Callers.SendAsync(scenario.Host, member, "GET", $"/api/v1/bundles/{digests["cloud-eu"]}");
        using var fleet = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/fleet");

        Assert.Equal(["edge-site-1"], mine);
        Assert.Equal(digests.Keys.Order(), all);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (own.StatusCode, foreign.StatusCode));
        Assert.Equal("cluster 'cloud-eu' not found", (await foreign.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (ownBundle.StatusCode, foreignBundle.StatusCode));
        var summary = (await fleet.Content.ReadFromJsonAsync<FleetSummaryResponse>(HubHost.Json))!;
        Assert.Equal(1, summary.Total.Clusters);
        Assert.Equal(["edge"], summary.Layers.Select(l => l.Layer));
    }

    [Fact]
    public async Task WorkspaceRemovedFromTheFleet_ItsScopedTokensSeeNothing()
    {
        var compiler = new WorkspaceTestCompiler();
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: compiler);
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "core");
        Assert.Equal(["cloud-eu"], await ClusterNamesAsync(scenario.Host, member));

        scenario.Repo.Write("clusters.yaml", File.ReadAllText(Path.Combine(scenario.Repo.Path, "clusters.yaml")).Replace("layer: cloud", "layer: regional", StringComparison.Ordinal));
        Assert.Equal(RevisionState.Applied, (await scenario.CommitAndProcessAsync("cloud-eu moves to the regional layer")).State);

        Assert.Empty(await ClusterNamesAsync(scenario.Host, member));
        using var gone = await Callers.SendAsync(scenario.Host, member, "GET", "/api/v1/clusters/cloud-eu");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Directory_GrantsStrongestRolePerWorkspace_ForUserAndGroups()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var directory = scenario.Host.Service<IWorkspaceDirectory>();

        var lena = await directory.GrantsForAsync(["user:lena@example.com"], default);
        var lenaInOps = await directory.GrantsForAsync(["user:lena@example.com", "group:ran-ops"], default);
        var stranger = await directory.GrantsForAsync(["user:nobody@example.com", "group:other"], default);

        Assert.Equal([new HubGrant(HubRoles.Viewer, "core"), new HubGrant(HubRoles.WorkspaceMember, "ran")], lena);
        Assert.Equal([new HubGrant(HubRoles.Viewer, "core"), new HubGrant(HubRoles.WorkspaceAdmin, "ran")], lenaInOps);
        Assert.Empty(stranger);
    }

    private static async Task<List<string>> ClusterNamesAsync(HubHost host, string token)
    {
        using var response = await Callers.SendAsync(host, token, "GET", "/api/v1/clusters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PageResponse<ClusterResponse>>(HubHost.Json))!.Items.Select(c => c.Name).Order().ToList();
    }
}
