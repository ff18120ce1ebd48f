using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// Two hub replicas on one PostgreSQL database: a live view (<c>GET /api/v1/events</c>) on one hears of a change an agent
/// made through the other (relayed by <c>PostgresFleetEventRelay</c> over NOTIFY).
/// </summary>
public sealed class ReplicaEventsTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    [PostgresFact]
    public async Task AgentOnReplicaA_GoesOnline_AViewOnReplicaBHearsOfIt()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Postgres);
        var replica = await scenario.StartReplicaAsync();
        await using var view = await EventStream.OpenAsync(replica, replica.Token);
        await view.NextAsync("hello");

        var heard = view.NextAsync("clusters", d => d["names"]!.AsArray().Any(n => (string?)n == "edge-site-1"));
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        // Only replica A's gateway serves the agent; B's clock ticks too, so its stream's gathering delay passes.
        for (var i = 0; i < 120 && !heard.IsCompleted; i++)
        {
            await scenario.TickAsync(Tick, replica);
        }

        await heard.WaitAsync(GatewayScenario.Timeout);
    }
}
