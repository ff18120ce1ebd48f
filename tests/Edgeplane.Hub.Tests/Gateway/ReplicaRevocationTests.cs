using System.Diagnostics;
using System.Net.Http.Json;
using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Two hub replicas on one PostgreSQL database: a revocation on one drops the stream held by the other.</summary>
public sealed class ReplicaRevocationTests
{
    [PostgresFact]
    public async Task Revoke_OnOneReplica_DropsTheStreamOnTheOtherViaNotify()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Postgres);
        await using var replica = await scenario.StartReplicaAsync();
        using var enrolled = await scenario.EnrolAsync("edge-site-1");
        using var agent = new GatewayAgent(scenario, enrolled.Credentials) { HubAddress = GatewayScenario.GatewayAddressOf(replica) };
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, (await agent.ConnectAsync()).BodyCase);
        Assert.Equal((0, 1), (scenario.Host.Service<SessionTable>().Count, replica.Service<SessionTable>().Count));

        var clock = Stopwatch.StartNew();
        using var response = await scenario.Host.Client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/revoke", new { reason = "test" });
        var ended = await agent.ReadToEndAsync();
        clock.Stop();

        response.EnsureSuccessStatusCode();
        Assert.Equal(GoodbyeReason.Revoked, Assert.Single(ended).Goodbye.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the other replica dropped the stream {clock.Elapsed} after the revoke call"); // under the 15 s heartbeat: NOTIFY, not a timeout
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => agent.ConnectAsync());
        Assert.StartsWith("the certificate of cluster 'edge-site-1' was revoked at ", e.Status.Detail, StringComparison.Ordinal);
    }
}
