using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;

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

    [Fact]
    public async Task HubRestart_AgentBackWithinTheGrace_StaysOnline()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var stored = new List<string>();

        await scenario.RestartAsync();
        scenario.Host.Service<AvailabilityTracker>().Stored += changes => stored.AddRange(changes.Select(c => $"{c.Cluster}={c.Availability}/{c.Reason}"));
        var welcome = await agent.ConnectAsync();
        for (var i = 0; i < 40; i++)
        {
            await scenario.TickAsync(Tick);
            await agent.HeartbeatAsync();
        }

        Assert.Equal(HubMessage.BodyOneofCase.Welcome, welcome.BodyCase);
        Assert.Empty(stored);
        Assert.Equal("Online", (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection.State);
    }
}
