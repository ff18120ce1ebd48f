using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Connect over real TLS: Welcome, target push, superseding, Hello checks.</summary>
public sealed class ConnectTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Connect_Welcome_CarriesTheCurrentTargetAndHeartbeatInterval(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");

        var first = await agent.ConnectAsync();

        var target = (await scenario.ClusterAsync("edge-site-1")).Cluster.Target;
        Assert.Equal(HubMessage.BodyOneofCase.Welcome, first.BodyCase);
        Assert.Equal((target.Digest, target.Revision, 1UL), (first.Welcome.Target.Digest, first.Welcome.Target.Revision, first.Welcome.Target.Generation));
        Assert.Equal(TimeSpan.FromSeconds(15), first.Welcome.HeartbeatInterval.ToTimeSpan());
        Assert.Equal(1u, first.Welcome.ProtocolVersion);
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Commit_ChangingTheTarget_IsPushedAtOnceWithTheNextGeneration(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        using var other = await scenario.EnrolAsync("cloud-eu");
        var welcome = (await agent.ConnectAsync()).Welcome;
        await other.ConnectAsync();
        scenario.Repo.Write("clusters/edge-site-1/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: platform\n");

        var revision = await scenario.CommitAndProcessAsync("edge only");
        var pushed = await agent.NextAsync();

        var target = (await scenario.ClusterAsync("edge-site-1")).Cluster.Target;
        Assert.Equal(HubMessage.BodyOneofCase.TargetChanged, pushed.BodyCase);
        Assert.Equal((target.Digest, revision.Sha, welcome.Target.Generation + 1),
            (pushed.TargetChanged.Target.Digest, pushed.TargetChanged.Target.Revision, pushed.TargetChanged.Target.Generation));
        Assert.NotEqual(welcome.Target.Digest, pushed.TargetChanged.Target.Digest);
        // cloud-eu's objects did not change: its agent gets nothing (it would block here if it did, so send a heartbeat and close).
        other.Disconnect();
    }

    [Fact]
    public async Task Connect_SecondStreamOfTheSameCluster_SupersedesTheFirst()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var first = await scenario.EnrolAsync("edge-site-1");
        using var second = new GatewayAgent(scenario, first.Credentials);
        await first.ConnectAsync();

        Assert.Equal(HubMessage.BodyOneofCase.Welcome, (await second.ConnectAsync()).BodyCase);
        var ended = await first.ReadToEndAsync();

        var goodbye = Assert.Single(ended).Goodbye;
        Assert.Equal(GoodbyeReason.Superseded, goodbye.Reason);
        Assert.Equal("a newer stream of this cluster took over", goodbye.Message);
        Assert.Same(scenario.Host.Service<SessionTable>().Find("edge-site-1"), scenario.Host.Service<SessionTable>().Find("edge-site-1"));
        Assert.Equal(1, scenario.Host.Service<SessionTable>().Count);
    }

    [Fact]
    public async Task Connect_HelloNamingAnotherCluster_PermissionDenied()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");

        var e = await Assert.ThrowsAsync<RpcException>(() => agent.ConnectAsync(claimedCluster: "edge-site-10"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("the client certificate identifies cluster 'edge-site-1', but the request names 'edge-site-10'", e.Status.Detail);
        Assert.Equal(0, scenario.Host.Service<SessionTable>().Count);
    }
}
