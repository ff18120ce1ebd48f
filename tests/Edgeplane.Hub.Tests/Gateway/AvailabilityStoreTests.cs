using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Availability decided by the gateway, stored, and shown by the REST API (cluster and fleet summary).</summary>
public sealed class AvailabilityStoreTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AgentGoesAway_OnlineThenDegradedThenOffline_VisibleInTheApi(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();

        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var online = (await scenario.ClusterAsync("edge-site-1")).Cluster;
        await agent.CloseAsync();
        var degradedAfter = await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Degraded, Tick);
        var degraded = (await scenario.ClusterAsync("edge-site-1")).Cluster;
        var offlineAfter = await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Offline, Tick);
        var offline = (await scenario.ClusterAsync("edge-site-1")).Cluster;
        var fleet = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        Assert.Equal(("Online", "Connected", "test-agent/1.0", false), (online.Connection.State, online.Connection.Reason, online.Connection.AgentVersion, online.Offline));
        Assert.Equal(("Degraded", "LinkDown", false), (degraded.Connection.State, degraded.Connection.Reason, degraded.Offline));
        Assert.Equal(("Offline", "Disconnected", true), (offline.Connection.State, offline.Connection.Reason, offline.Offline));
        Assert.Equal(TimeSpan.FromSeconds(30), degradedAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), offlineAfter);
        // PostgreSQL keeps microseconds: compare at that precision.
        Assert.Equal(scenario.Time.GetUtcNow().UtcDateTime, offline.Connection.Since!.Value, TimeSpan.FromMicroseconds(1));
        Assert.Equal(1, fleet.Layers.Single(l => l.Layer == "edge").Offline);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HubRestart_AgentNotBackYet_UnknownUntilItReconnects(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);

        await scenario.RestartAsync();
        var atStart = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
        var fleetAtStart = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");
        for (var i = 0; i < 60; i++)
        {
            await scenario.TickAsync(Tick);
        }
        var minuteLater = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
        var welcome = await agent.ConnectAsync();
        var backAfter = await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var back = (await scenario.ClusterAsync("edge-site-1")).Cluster;
        var fleetBack = await scenario.Host.GetAsync<FleetSummaryResponse>("/api/v1/fleet");

        // A clean stop releases the lease: Unknown from the stop, not from the restart.
        Assert.Equal(("Unknown", "HubStopped"), (atStart.State, atStart.Reason));
        Assert.Equal(("Unknown", "HubStopped"), (minuteLater.State, minuteLater.Reason));
        Assert.Equal((1, 0), (fleetAtStart.Layers.Single(l => l.Layer == "edge").Unknown, fleetAtStart.Layers.Single(l => l.Layer == "edge").Offline));
        Assert.Equal(1, fleetAtStart.Total.Unknown);
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, welcome.BodyCase);
        Assert.Equal(Tick, backAfter);
        Assert.Equal(("Online", "Connected", false), (back.Connection.State, back.Connection.Reason, back.Offline));
        Assert.Equal((0, 0), (fleetBack.Layers.Single(l => l.Layer == "edge").Unknown, fleetBack.Layers.Single(l => l.Layer == "edge").Offline));
        Assert.Equal(0, fleetBack.Total.Unknown); // the other clusters never connected: Offline, not Unknown
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HubKilled_Restarted_UnknownAtOnceNotAfterTheLease(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var onlineSince = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection.Since;
        var liveBefore = await LiveLinksAsync(scenario.Host);

        await scenario.RestartAsync(crash: true);
        var restartedAt = scenario.Time.GetUtcNow().UtcDateTime;
        var atStart = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
        var liveAtStart = await LiveLinksAsync(scenario.Host);
        var metrics = await scenario.Host.Client.GetStringAsync("/metrics");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var back = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
        var liveBack = await LiveLinksAsync(scenario.Host);

        // The killed process left its lease live: the restarted one (same machine and data folder) knows it is gone.
        Assert.Equal(("Unknown", "HubRestarted"), (atStart.State, atStart.Reason));
        Assert.Equal(restartedAt, atStart.Since!.Value, TimeSpan.FromMicroseconds(1));
        Assert.Contains("edgeplane_hub_clusters{layer=\"edge\",state=\"unknown\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(("Online", "Connected"), (back.State, back.Reason));
        Assert.True(back.Since > onlineSince, $"Online again since {back.Since}, first Online since {onlineSince}");
        Assert.Equal(("edge-site-1", true), liveBefore);
        Assert.Equal(("", false), liveAtStart);
        Assert.Equal(("edge-site-1", true), liveBack);
    }

    /// <summary>
    /// What a rollout asks: the clusters whose link is live by <see cref="LinkRule.Live"/> in a query, and edge-site-1's
    /// <see cref="ClusterView.LinkLive"/>.
    /// </summary>
    private static async Task<(string Names, bool EdgeSite1)> LiveLinksAsync(HubHost host)
    {
        var store = host.Service<IClusterStore>();
        var live = await store.ListLiveInstancesAsync(CancellationToken.None);
        await using var db = host.Service<IDbContextFactory<HubDbContext>>().CreateDbContext();
        var names = await db.Clusters.AsNoTracking().Where(LinkRule.Live(live)).Select(c => c.Name).ToListAsync();
        return (string.Join(",", names.Order(StringComparer.Ordinal)), (await store.GetClusterAsync("edge-site-1", CancellationToken.None))!.LinkLive);
    }

    [Fact]
    public async Task HubRestart_AgentNeverBack_UnknownThenOfflineAfterTheGrace()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        agent.Disconnect();

        await scenario.RestartAsync(crash: true);
        var offlineAfter = await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Offline, Tick);
        var offline = (await scenario.ClusterAsync("edge-site-1")).Cluster;

        Assert.Equal(TimeSpan.FromSeconds(90), offlineAfter);
        Assert.Equal(("Offline", "Disconnected", true), (offline.Connection.State, offline.Connection.Reason, offline.Offline));
    }
}
