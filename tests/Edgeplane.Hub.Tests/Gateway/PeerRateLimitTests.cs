using System.Net;
using System.Net.Security;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// Per-peer rates on the real gateway: Discover/Enroll per remote address, Renew and FetchBundle per cluster. Past
/// its burst a peer gets ResourceExhausted naming the limit and the wait; another peer is unaffected; the bucket refills
/// on the (fake) clock. A second address comes from binding the client to 127.0.0.2 (all of 127/8 is loopback).
/// </summary>
public sealed class PeerRateLimitTests
{
    [Fact]
    public async Task Enroll_FloodFromOneAddress_ResourceExhaustedAfterTheBurst_OtherAddressUnaffected_RefillsWithTheClock()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, new GatewayOptions { EnrollRate = 1, EnrollBurst = 3 });
        var ca = scenario.Host.Service<HubCertificateAuthority>().Certificate;
        using var first = Anonymous(scenario, ca, IPAddress.Loopback);
        using var second = Anonymous(scenario, ca, IPAddress.Parse("127.0.0.2"));
        var bogus = new EnrollRequest { TokenId = "x", TokenSecret = "y", ProtocolVersion = 1 };

        Assert.Equal(StatusCode.OK, await StatusOf(() => first.Client.DiscoverAsync(new DiscoverRequest()).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(() => first.Client.EnrollAsync(bogus).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOf(() => first.Client.EnrollAsync(bogus).ResponseAsync));
        var e = await Assert.ThrowsAsync<RpcException>(() => first.Client.EnrollAsync(bogus).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("rate limit: address 127.0.0.1 may call Discover/Enroll 3 times at once, then 1 per second; retry after 1 s",
            e.Status.Detail);
        Assert.Equal("1000", e.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOf(() => first.Client.DiscoverAsync(new DiscoverRequest()).ResponseAsync));
        Assert.Equal(StatusCode.OK, await StatusOf(() => second.Client.DiscoverAsync(new DiscoverRequest()).ResponseAsync));
        scenario.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCode.OK, await StatusOf(() => first.Client.DiscoverAsync(new DiscoverRequest()).ResponseAsync));
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOf(() => first.Client.DiscoverAsync(new DiscoverRequest()).ResponseAsync));
    }

    [Fact]
    public async Task Renew_FloodFromOneCluster_ResourceExhaustedAfterTheBurst_OtherClusterUnaffected_RefillsWithTheClock()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, new GatewayOptions { RenewRate = 1.0 / 60, RenewBurst = 2 });
        using var flooder = await scenario.EnrolAsync("edge-site-1");
        using var other = await scenario.EnrolAsync("cloud-eu");

        // Too early to renew (FailedPrecondition), but each call counts against the cluster's rate.
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOf(() => Renew(flooder)));
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOf(() => Renew(flooder)));
        var e = await Assert.ThrowsAsync<RpcException>(() => Renew(flooder));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("rate limit: cluster 'edge-site-1' may call Renew 2 times at once, then 1 every 60 s; retry after 60 s", e.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOf(() => Renew(other)));
        scenario.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOf(() => Renew(flooder)));
        scenario.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOf(() => Renew(flooder)));
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOf(() => Renew(flooder)));
    }

    [Fact]
    public async Task FetchBundle_FloodFromOneCluster_ResourceExhaustedAfterTheBurst_OtherClusterUnaffected_RefillsWithTheClock()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite,
            new GatewayOptions { FetchBundleRate = 0.5, FetchBundleBurst = 2 });
        using var flooder = await scenario.EnrolAsync("edge-site-1");
        using var other = await scenario.EnrolAsync("cloud-eu");
        var digest = (await flooder.ConnectAsync()).Welcome.Target.Digest;
        var otherDigest = (await other.ConnectAsync()).Welcome.Target.Digest;

        Assert.NotEmpty(await flooder.FetchAsync(digest));
        Assert.NotEmpty(await flooder.FetchAsync(digest));
        var e = await Assert.ThrowsAsync<RpcException>(() => flooder.FetchAsync(digest));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("rate limit: cluster 'edge-site-1' may call FetchBundle 2 times at once, then 1 every 2 s; retry after 2 s", e.Status.Detail);
        Assert.NotEmpty(await other.FetchAsync(otherDigest));
        scenario.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEmpty(await flooder.FetchAsync(digest));
        Assert.Equal(StatusCode.ResourceExhausted, await StatusOf(() => flooder.FetchAsync(digest)));
    }

    private static Task<RenewResponse> Renew(GatewayAgent agent) => agent.Client.RenewAsync(new RenewRequest
    {
        ClusterId = agent.Cluster,
        CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer),
    }).ResponseAsync;

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>A client without a certificate whose connections come from <paramref name="local"/>.</summary>
    private static AnonymousClient Anonymous(GatewayScenario scenario, System.Security.Cryptography.X509Certificates.X509Certificate2 ca, IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = HubTrust.Callback(ca, scenario.Time) },
            ConnectCallback = LocalAddress.ConnectFrom(local),
        };
        var channel = GrpcChannel.ForAddress(scenario.GatewayAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return new AnonymousClient(channel);
    }

    private sealed class AnonymousClient(GrpcChannel channel) : IDisposable
    {
        public AgentGateway.AgentGatewayClient Client { get; } = new(channel);

        public void Dispose() => channel.Dispose();
    }
}
