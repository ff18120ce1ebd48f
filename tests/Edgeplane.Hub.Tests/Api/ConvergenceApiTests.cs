using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// The hub decides convergence (desired digest applied, health Healthy) and says so per cluster and for the fleet, so
/// <c>edgeplane up</c> and other clients read the verdict instead of comparing digests themselves.
/// </summary>
public sealed class ConvergenceApiTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Converged_DesiredAppliedAndHealthy_OnlyThoseClustersCount(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var clusters = scenario.Host.Service<IClusterStore>();
        var edge = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;
        var cloud = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/cloud-eu")).Cluster;
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;
        await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 1, now, edge.Desired.Digest, null, "Healthy", false, []), default);
        // the desired bundle is applied but not healthy yet: not converged
        await clusters.RecordStatusAsync(new ClusterStatusReport("cloud-eu", 1, now, cloud.Desired.Digest, null, "Progressing", false, []), default);

        var list = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters");
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        Assert.Equal(["edge-site-1"], list.Items.Where(c => c.Converged).Select(c => c.Name));
        Assert.Equal(3, list.Items.Count);
        Assert.Equal(1, fleet.Converged);
        Assert.True((await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster.Converged);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Converged_HealthyButAnOlderBundleApplied_NotConverged(StoreKind store)
    {
        await using var scenario = await HubScenario.StartAsync(store);
        var clusters = scenario.Host.Service<IClusterStore>();
        var now = scenario.Host.Time.GetUtcNow().UtcDateTime;
        await clusters.RecordStatusAsync(new ClusterStatusReport("edge-site-1", 1, now, "sha256:older", null, "Healthy", false, []), default);

        var edge = (await scenario.Host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        Assert.Equal(("Healthy", "sha256:older"), (edge.Status.Health, edge.AppliedDigest));
        Assert.False(edge.Converged);
        Assert.Equal(0, fleet.Converged);
    }
}
