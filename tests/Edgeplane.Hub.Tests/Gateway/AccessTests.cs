using System.Diagnostics;
using System.Net.Http.Json;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Who gets onto the real gateway, how fast, and how a revocation ends a live stream.</summary>
public sealed class AccessTests
{
    [Theory]
    [InlineData("edge-site-1-b")]
    [InlineData("edge-site")]
    [InlineData("EDGE-SITE-1")]
    public async Task Connect_CertificateOfOneClusterNamingAPrefixOrExtension_PermissionDenied(string claimed)
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");

        var e = await Assert.ThrowsAsync<RpcException>(() => agent.ConnectAsync(claimedCluster: claimed));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"the client certificate identifies cluster 'edge-site-1', but the request names '{claimed}'", e.Status.Detail);
        Assert.Equal(0, scenario.Host.Service<SessionTable>().Count);
    }

    [Fact]
    public async Task Revoke_LiveStream_GoodbyeAtOnceAndReconnectRefused()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, (await agent.ConnectAsync()).BodyCase);

        var clock = Stopwatch.StartNew();
        using var response = await scenario.Host.Client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/revoke", new { reason = "stolen box" });
        var ended = await agent.ReadToEndAsync();
        clock.Stop();

        response.EnsureSuccessStatusCode();
        var goodbye = Assert.Single(ended).Goodbye;
        Assert.Equal((GoodbyeReason.Revoked, "this cluster was revoked; only a new bootstrap token brings it back"), (goodbye.Reason, goodbye.Message));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the stream ended {clock.Elapsed} after the revoke call"); // under the 15 s heartbeat: the push, not a timeout
        var e = await Assert.ThrowsAsync<RpcException>(() => agent.ConnectAsync());
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.StartsWith("the certificate of cluster 'edge-site-1' was revoked at ", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BurstBeyondTheRate_OverloadedWithRetryAfterThenAdmitted()
    {
        var options = new GatewayOptions { ConnectRate = 1, ConnectBurst = 2, RetryJitter = TimeSpan.Zero };
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, options);
        string[] clusters = ["cloud-eu", "regional-eu-1", "edge-site-1"];
        var agents = new List<GatewayAgent>();
        foreach (var cluster in clusters)
        {
            agents.Add(await scenario.EnrolAsync(cluster));
        }

        var first = new List<HubMessage>();
        var refusals = new List<RpcException>();
        foreach (var agent in agents)
        {
            first.Add(await agent.ConnectAsync());
        }
        var refused = agents[2];
        refusals.Add(await Assert.ThrowsAsync<RpcException>(() => refused.NextAsync()));
        scenario.Time.Advance(first[2].Goodbye.RetryAfter.ToTimeSpan());
        var retried = await refused.ConnectAsync();

        Assert.Equal([HubMessage.BodyOneofCase.Welcome, HubMessage.BodyOneofCase.Welcome, HubMessage.BodyOneofCase.Goodbye],
            first.Select(m => m.BodyCase));
        var goodbye = first[2].Goodbye;
        Assert.Equal(GoodbyeReason.Overloaded, goodbye.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), goodbye.RetryAfter.ToTimeSpan());
        Assert.Equal("the hub admits 1 new streams per second and is at that rate now; retry after 1.0 s", goodbye.Message);
        Assert.Equal(StatusCode.ResourceExhausted, Assert.Single(refusals).StatusCode);
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, retried.BodyCase);
        Assert.Equal(3, scenario.Host.Service<SessionTable>().Count);
        agents.ForEach(a => a.Dispose());
    }
}
