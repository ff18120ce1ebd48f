using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Fleet;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// <c>GET /api/v1/clusters/{name}</c> on a hub over examples/fleet names the add-ons, applications and network functions
/// of a cluster's desired bundle, with their health from the agent's last report, and only the caller's workspaces' ones.
/// </summary>
public sealed class ClusterComponentsApiTests
{
    private const string Site = "edge-fra-01";

    [Fact]
    public async Task GetCluster_EdgeSiteWithAVnfAndACnf_ListsAddOnsWithVersions_AndNetworkFunctionsWithHealth()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var desired = (await hub.Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}")).Cluster.Desired.Digest!;
        var details = new AgentStatusDetails(new ChangeSetCounts(0, 0, 60, 0, 0, 0),
            [new ObjectHealthEntry("kubevirt.io/v1", "VirtualMachine", "ran-vrouter", "vrouter", "Failed", "VMI crashed")],
            [new DriftDetail("apps/v1", "Deployment", "ran-du", "du", ["spec.replicas"])], 0, desired, null);
        await hub.Host.Service<IClusterStore>().RecordStatusAsync(new ClusterStatusReport(Site, 1, hub.Host.Time.GetUtcNow().UtcDateTime,
            desired, "v1.30.4+k3s1", "Degraded", true, []) { DetailsJson = JsonSerializer.Serialize(details, HubHost.Json) }, default);

        var detail = await hub.Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}");

        var versions = ExampleFleet.Render(Site).Cluster.AddOnVersions;
        Assert.Equal(versions.Keys.Order(StringComparer.Ordinal), detail.AddOns.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(detail.AddOns, a => Assert.Equal((versions[a.Name], "Current"), (a.Version, a.Health.Status)));
        var vrouter = detail.NetworkFunctions.Single(n => n.Name == "vrouter");
        Assert.Equal(("VNF", "ran", "Failed", 1), (vrouter.Kind, vrouter.Workspace, vrouter.Health.Status, vrouter.Health.Failed));
        Assert.Equal("VMI crashed", vrouter.Objects.Single(o => o.Kind == "VirtualMachine").Message);
        var du = detail.NetworkFunctions.Single(n => n.Name == "du");
        Assert.Equal(("CNF", "ran", "Current", 1), (du.Kind, du.Workspace, du.Health.Status, du.Health.Drifted));
        Assert.Empty(detail.Applications);
        Assert.Equal(detail.DesiredBundle!.ObjectCount,
            detail.AddOns.Concat(detail.Applications).Concat(detail.NetworkFunctions).Concat(detail.OtherSources).Sum(c => c.ObjectCount));
    }

    [Fact]
    public async Task GetCluster_WorkspaceCallers_SeeOnlyTheirWorkspacesApplicationsAndNetworkFunctions()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        // analytics also targets the edge, and places trino there: edge-fra-01 then runs both workspaces' workloads.
        ExampleFleet.ReplaceOnce(hub.Repo, "workspaces/analytics.yaml", "layers: [cloud]", "layers: [cloud, edge]");
        ExampleFleet.ReplaceOnce(hub.Repo, "applications/trino.yaml", "layers: [cloud]", "layers: [cloud, edge]");
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("analytics on the edge")).State);
        var ran = await Callers.MintAsync(hub.Host, HubRoles.WorkspaceMember, "ran");
        var analytics = await Callers.MintAsync(hub.Host, HubRoles.WorkspaceMember, "analytics");

        var all = await hub.Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}");
        var ranView = await ReadAsync(hub, ran);
        var analyticsView = await ReadAsync(hub, analytics);

        Assert.Equal([("trino", "analytics")], all.Applications.Select(a => (a.Name, a.Workspace)));
        Assert.Equal(["du", "vrouter"], all.NetworkFunctions.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Empty(ranView.Applications);
        Assert.Equal(["du", "vrouter"], ranView.NetworkFunctions.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ranView.OtherSources, o => o.Workspace == "analytics");
        Assert.Equal(["trino"], analyticsView.Applications.Select(a => a.Name));
        Assert.Empty(analyticsView.NetworkFunctions);
        Assert.DoesNotContain(analyticsView.OtherSources, o => o.Workspace == "ran");
        Assert.Equal(all.AddOns.Select(a => a.Name), ranView.AddOns.Select(a => a.Name));
    }

    [Fact]
    public async Task GetCluster_AgentStillRunsTheOlderBundle_ObjectsOnlyTheNewOneHoldsAreUnknown_TheOthersJudged()
    {
        await using var hub = await ExampleFleetHub.StartAsync(StoreKind.Sqlite);
        await hub.Host.WaitForRevisionAsync(hub.InitialSha);
        var older = (await hub.Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}")).Cluster.Desired.Digest!;
        await hub.Host.Service<IClusterStore>().RecordStatusAsync(new ClusterStatusReport(Site, 1, hub.Host.Time.GetUtcNow().UtcDateTime,
            older, "v1.30.4+k3s1", "Healthy", false, [])
        {
            DetailsJson = JsonSerializer.Serialize(new AgentStatusDetails(new ChangeSetCounts(0, 0, 0, 0, 0, 0), [], [], 0, older, null), HubHost.Json),
        }, default);
        ExampleFleet.ReplaceOnce(hub.Repo, "workspaces/analytics.yaml", "layers: [cloud]", "layers: [cloud, edge]");
        ExampleFleet.ReplaceOnce(hub.Repo, "applications/trino.yaml", "layers: [cloud]", "layers: [cloud, edge]");
        Assert.Equal(RevisionState.Applied, (await hub.CommitOnIntervalAsync("analytics on the edge")).State);

        var detail = await hub.Host.GetAsync<ClusterDetailResponse>($"/api/v1/clusters/{Site}");

        Assert.NotEqual(older, detail.Cluster.Desired.Digest);
        var trino = Assert.Single(detail.Applications);
        Assert.Equal(new ComponentHealthResponse("Unknown", 0, 0, 0, trino.ObjectCount, 0), trino.Health);
        Assert.All(trino.Objects, o => Assert.Equal("not in the bundle the agent applied last", o.Message));
        Assert.All(detail.NetworkFunctions, n => Assert.Equal("Current", n.Health.Status));
    }

    private static async Task<ClusterDetailResponse> ReadAsync(ExampleFleetHub hub, string token)
    {
        using var response = await Callers.SendAsync(hub.Host, token, "GET", $"/api/v1/clusters/{Site}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ClusterDetailResponse>(HubHost.Json))!;
    }
}
