using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// Availability with two hub replicas on one PostgreSQL database and one fake clock (lease 45 s, renewed every 15 s): a
/// replica vouches only for the links it serves, and a link whose replica is gone is Unknown until its agent is back on
/// a live one.
/// </summary>
public sealed class ReplicaAvailabilityTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    [PostgresFact]
    public async Task SecondReplicaStarts_LinkServedByTheFirst_StaysOnline()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Postgres);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);

        var replica = await scenario.StartReplicaAsync();
        for (var i = 0; i < 120; i++)
        {
            await scenario.TickAsync(Tick, replica);
            await agent.HeartbeatAsync();
        }
        var fromA = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
        var fromB = (await ClusterAsync(replica)).Connection;

        Assert.Equal(("Online", "Connected"), (fromA.State, fromA.Reason));
        Assert.Equal(("Online", "Connected"), (fromB.State, fromB.Reason));
        Assert.Equal(("Online", "Connected"), await StoredAsync(replica));
    }

    [PostgresFact]
    public async Task ReplicaKilled_UnknownOnceItsLeaseExpires_OnlineWhenTheAgentIsBackOnTheOther()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Postgres);
        using var onA = await scenario.EnrolAsync("edge-site-1");
        await onA.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var replica = await scenario.StartReplicaAsync();

        await scenario.FailOverAsync(replica, crash: true);
        var seen = new List<string>();
        for (var i = 1; i <= 61; i++)
        {
            await scenario.TickAsync(Tick);
            var c = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;
            seen.Add($"{i}:{c.State}/{c.Reason}");
        }
        var stored = await StoredAsync(replica);
        using var onB = new GatewayAgent(scenario, onA.Credentials);
        var welcome = await onB.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var back = (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection;

        // A's last renewal was 0 to 15 s before it died: Online for at least 30 s more (45 s lease), Unknown from 46 s at the latest.
        Assert.All(seen.Take(30), s => Assert.EndsWith(":Online/Connected", s, StringComparison.Ordinal));
        Assert.All(seen.Skip(45), s => Assert.EndsWith(":Unknown/OwnerGone", s, StringComparison.Ordinal));
        Assert.DoesNotContain(seen, s => s.Contains("Degraded", StringComparison.Ordinal) || s.Contains("Offline", StringComparison.Ordinal));
        Assert.Equal(("Unknown", "OwnerGone"), stored); // B's sweep wrote it within one renewal interval of the expiry
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, welcome.BodyCase);
        Assert.Equal(("Online", "Connected"), (back.State, back.Reason));
    }

    [PostgresFact]
    public async Task ReplicaStalls_OtherSweepsItsLinks_ItWritesThemAgainWhenItRenews()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Postgres);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await scenario.AdvanceUntilStoredAsync("edge-site-1", AvailabilityState.Online, Tick);
        var replica = await scenario.StartReplicaAsync();

        scenario.Faults().RenewalsFail = true;
        for (var i = 0; i < 70; i++)
        {
            await scenario.TickAsync(Tick, replica);
            await agent.HeartbeatAsync();
        }
        var whileStalled = await StoredAsync(replica);
        var apiWhileStalled = (await ClusterAsync(replica)).Connection;
        scenario.Faults().RenewalsFail = false;
        for (var i = 0; i < 15; i++)
        {
            await scenario.TickAsync(Tick, replica);
            await agent.HeartbeatAsync();
        }
        var renewed = await StoredAsync(replica);
        var apiRenewed = (await ClusterAsync(replica)).Connection;

        Assert.Equal(("Unknown", "OwnerGone"), whileStalled);
        Assert.Equal(("Unknown", "OwnerGone"), (apiWhileStalled.State, apiWhileStalled.Reason));
        Assert.Equal(("Online", "Connected"), renewed);
        Assert.Equal(("Online", "Connected"), (apiRenewed.State, apiRenewed.Reason));
    }

    private static async Task<ClusterResponse> ClusterAsync(HubHost host) =>
        (await host.GetAsync<ClusterDetailResponse>("/api/v1/clusters/edge-site-1")).Cluster;

    /// <summary>The row as stored, without the read-time lease rule.</summary>
    private static async Task<(string?, string?)> StoredAsync(HubHost host)
    {
        await using var db = host.Service<IDbContextFactory<HubDbContext>>().CreateDbContext();
        var row = await db.Clusters.AsNoTracking().SingleAsync(c => c.Name == "edge-site-1");
        return (row.Availability, row.AvailabilityReason);
    }
}
