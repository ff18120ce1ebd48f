using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Hub.Tests.Rollouts;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// On examples/fleet with the real compiler: a change to the cloud-only monitoring stack makes a rollout of cloud
/// clusters, which workspace <c>analytics</c> (targets: cloud) sees and workspace <c>ran</c> (edge, regional) does not.
/// </summary>
public sealed class WorkspaceRolloutScopeTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RolloutOfCloudClusters_SeenByAnalytics_NotByRan(StoreKind store)
    {
        await using var fleet = await RolloutFleet.StartAsync(store);
        var sha = await fleet.CommitAsync("addons/monitoring-stack/addon.yaml", "retention: 30d", "retention: 31d", "keep metrics a day longer");
        var run = await fleet.RolloutOfAsync(sha);
        var clusters = await fleet.Hub.ClustersAsync();
        Assert.All(run.Waves.SelectMany(w => w.Members), m => Assert.Equal("cloud", clusters[m.Cluster].Layer));
        var ran = await Callers.MintAsync(fleet.Host, HubRoles.WorkspaceMember, "ran");
        var analytics = await Callers.MintAsync(fleet.Host, HubRoles.Viewer, "analytics");

        Assert.DoesNotContain(run.Id, await RolloutIdsAsync(fleet.Host, ran));
        Assert.Contains(run.Id, await RolloutIdsAsync(fleet.Host, analytics));
        using var hidden = await Callers.SendAsync(fleet.Host, ran, "GET", $"/api/v1/rollouts/{run.Id}");
        using var shown = await Callers.SendAsync(fleet.Host, analytics, "GET", $"/api/v1/rollouts/{run.Id}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (hidden.StatusCode, shown.StatusCode));
        Assert.Equal($"rollout {run.Id} not found", (await hidden.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    private static async Task<List<long>> RolloutIdsAsync(HubHost host, string token)
    {
        using var response = await Callers.SendAsync(host, token, "GET", "/api/v1/rollouts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PageResponse<RolloutResponse>>(HubHost.Json))!.Items.Select(r => r.Id).ToList();
    }
}
