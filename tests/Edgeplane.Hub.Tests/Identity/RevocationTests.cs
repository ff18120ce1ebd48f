using System.Diagnostics;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

/// <summary>Revocation: live streams end at once, the cluster is refused from then on, a new token brings it back.</summary>
public sealed class RevocationTests : HubTestBase
{
    [Fact]
    public async Task Revoke_LiveStream_EndsWithinASecondWithGoodbyeAndReconnectIsRefused()
    {
        var credentials = await EnrolAsync("site-1", "agent");
        var client = TestAgent.Client(Hub.Address, credentials, Time);
        var (call, welcome) = await TestAgent.ConnectAsync(client, "site-1");
        Assert.NotNull(welcome.Welcome);
        Assert.Equal(1, Hub.Services.GetRequiredService<AgentConnectionRegistry>().CountFor(credentials.Cluster));

        var clock = Stopwatch.StartNew();
        var revocation = await Hub.RevokeAsync("site-1");
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var goodbye = call.ResponseStream.Current.Goodbye;
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Stop();

        Assert.Equal(GoodbyeReason.Revoked, goodbye.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the stream ended after {clock.Elapsed}"); // Goodbye{Revoked} is the witness; the speed is measured (docs/security.md)
        Assert.Equal((1, 1, 0), (revocation.CertificatesRevoked, revocation.ConnectionsDropped, revocation.TokensInvalidated));
        var e = await Assert.ThrowsAsync<RpcException>(() => TestAgent.ConnectAsync(client, "site-1"));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.StartsWith("the certificate of cluster 'site-1' was revoked at ", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ClusterRevoked", e.Trailers.GetValue("edgeplane-identity-error"));
        call.Dispose();
    }

    [Fact]
    public async Task Revoke_ThenRenewWithOldCertificate_Refused()
    {
        var credentials = await EnrolAsync("site-1", "agent");
        await Hub.RevokeAsync("site-1");
        Time.Advance(TimeSpan.FromDays(1));

        var e = await Assert.ThrowsAsync<RpcException>(async () => await TestAgent.Client(Hub.Address, credentials, Time)
            .RenewAsync(new RenewRequest { ClusterId = "site-1", CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer) }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("was revoked", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnusedTokenForTheCluster_CannotEnrolAnyMore()
    {
        var token = await Hub.CreateTokenAsync("site-1");

        var revocation = await Hub.RevokeAsync("site-1");

        Assert.Equal(1, revocation.TokensInvalidated);
        var e = await Assert.ThrowsAsync<EnrollmentException>(
            () => new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(Hub.Address, token));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("was already used or invalidated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ThenNewToken_ReEnrolsButOldCertificateStaysRevoked()
    {
        var old = await EnrolAsync("site-1", "agent-old");
        await Hub.RevokeAsync("site-1");

        var fresh = await EnrolAsync("site-1", "agent-new");

        var (call, welcome) = await TestAgent.ConnectAsync(TestAgent.Client(Hub.Address, fresh, Time), "site-1");
        Assert.NotNull(welcome.Welcome);
        call.Dispose();
        var e = await Assert.ThrowsAsync<RpcException>(
            () => TestAgent.ConnectAsync(TestAgent.Client(Hub.Address, old, Time), "site-1"));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Revoke_OneCluster_LeavesAnotherClustersStreamOpen()
    {
        var a = await EnrolAsync("a", "agent-a");
        var ab = await EnrolAsync("a-b", "agent-ab");
        var (callAb, _) = await TestAgent.ConnectAsync(TestAgent.Client(Hub.Address, ab, Time), "a-b");
        var (callA, _) = await TestAgent.ConnectAsync(TestAgent.Client(Hub.Address, a, Time), "a");

        await Hub.RevokeAsync("a");

        Assert.True(await callA.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(GoodbyeReason.Revoked, callA.ResponseStream.Current.Goodbye.Reason);
        var registry = Hub.Services.GetRequiredService<AgentConnectionRegistry>();
        Assert.Equal(1, registry.CountFor(ab.Cluster));
        var (again, welcome) = await TestAgent.ConnectAsync(TestAgent.Client(Hub.Address, ab, Time), "a-b");
        Assert.NotNull(welcome.Welcome);
        callA.Dispose();
        callAb.Dispose();
        again.Dispose();
    }

    private async Task<AgentCredentials> EnrolAsync(string cluster, string agentDir)
    {
        var token = await Hub.CreateTokenAsync(cluster);
        return await new TestAgent(Dir.Sub(agentDir), Time).EnrollAsync(Hub.Address, token);
    }
}
