using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

/// <summary>The agent's half-life renewal against a real hub, with fake time on both sides.</summary>
public sealed class RenewalTests : HubTestBase
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_AtHalfLife_RenewsAndOldCertificateWorksUntilItExpires()
    {
        var (state, files) = await EnrolAsync("site-1");
        var old = state.Current;
        var renewed = NextCredentials(state);
        using var cts = new CancellationTokenSource();
        var loop = Renewer(state, files).RunAsync(cts.Token);

        Time.Advance(TimeSpan.FromDays(3.5));
        var fresh = await renewed.WaitAsync(Guard);

        Assert.NotEqual(old.Certificate.SerialNumber, fresh.Certificate.SerialNumber);
        Assert.Equal(Time.GetUtcNow().AddDays(7).ToUnixTimeSeconds(), fresh.NotAfter.ToUnixTimeSeconds(), 1.0);
        Assert.Equal(fresh.Certificate.Thumbprint, files.Load()!.Certificate.Thumbprint);
        Assert.Equal(IdentityReasons.CertificateRenewed, state.Condition.Reason);
        Assert.NotEqual(old.Certificate.PublicKey.EncodedKeyValue.RawData, fresh.Certificate.PublicKey.EncodedKeyValue.RawData);
        await AssertConnectsAsync(old);
        await AssertConnectsAsync(fresh);

        Time.Advance(old.NotAfter - Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await Client(old).DiscoverAsync(new DiscoverRequest()));
        TransportAssert.RefusedByTransport(e);
        await TransportAssert.TlsRefusesAsync(Hub.Address, old.Certificate);
        await TransportAssert.TlsAcceptsAsync(Hub.Address, fresh.Certificate);
        await AssertConnectsAsync(fresh);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.ResourceExhausted)] // the hub's per-cluster rate limit
    public async Task Run_RenewalFailsOnce_ReportsDegradedThenRetriesAndRecovers(StatusCode failure)
    {
        var (state, files) = await EnrolAsync("site-1");
        Hub.Knobs.FailRenewals = 1;
        Hub.Knobs.FailRenewalsWith = failure;
        var degraded = NextCondition(state, IdentityHealth.Degraded);
        var renewed = NextCredentials(state);
        using var cts = new CancellationTokenSource();
        _ = Renewer(state, files).RunAsync(cts.Token);

        Time.Advance(TimeSpan.FromDays(3.5));
        var condition = await degraded.WaitAsync(Guard);
        Assert.Equal(IdentityReasons.RenewalFailed, condition.Reason);
        Assert.StartsWith("renewal attempt 1 failed: hub busy (test); retrying in ", condition.Message, StringComparison.Ordinal);
        Assert.False(renewed.IsCompleted);

        Time.Advance(TimeSpan.FromSeconds(30 * 1.2) + TimeSpan.FromSeconds(1));
        await renewed.WaitAsync(Guard);
        Assert.Equal(IdentityHealth.Ready, state.Condition.Health);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Run_RenewalFailsUntilExpiry_StallsWithCertificateExpired()
    {
        var (state, files) = await EnrolAsync("site-1");
        Hub.Knobs.FailRenewals = int.MaxValue;
        var stalled = NextCondition(state, IdentityHealth.Stalled);
        var first = NextCondition(state, IdentityHealth.Degraded);
        var loop = Renewer(state, files).RunAsync(CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(3.5));
        await first.WaitAsync(Guard);

        while (!stalled.IsCompleted)
        {
            var next = NextCondition(state, IdentityHealth.Degraded);
            Time.Advance(TimeSpan.FromHours(12));
            await Task.WhenAny(next, stalled).WaitAsync(Guard);
        }

        var condition = await stalled;
        Assert.Equal(IdentityReasons.CertificateExpired, condition.Reason);
        Assert.Contains("before it could be renewed (last error: ", condition.Message, StringComparison.Ordinal);
        Assert.Contains("enrol again with a new bootstrap token", condition.Message, StringComparison.Ordinal);
        await loop.WaitAsync(Guard);
    }

    [Fact]
    public async Task Run_ClusterRevoked_StallsWithClusterRevokedAndStops()
    {
        var (state, files) = await EnrolAsync("site-1");
        await Hub.RevokeAsync("site-1");
        var loop = Renewer(state, files).RunAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromDays(3.5));
        await loop.WaitAsync(Guard);

        Assert.Equal(IdentityHealth.Stalled, state.Condition.Health);
        Assert.Equal(IdentityReasons.ClusterRevoked, state.Condition.Reason);
        Assert.Contains("of cluster 'site-1' was revoked at", state.Condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenewOnce_AnswerLostThenAgentRestarted_SameKeyGetsTheCertificateIssuedThen()
    {
        var (state, files) = await EnrolAsync("site-1");
        Hub.Knobs.LoseRenewalAnswers = 1;
        Time.Advance(TimeSpan.FromDays(3.5));

        var lost = await Assert.ThrowsAsync<RpcException>(() => Renewer(state, files).RenewOnceAsync(CancellationToken.None));
        // A new renewer is what a restarted agent has: only the files survive.
        var renewed = await Renewer(state, files).RenewOnceAsync(CancellationToken.None);

        Assert.Equal("answer lost (test)", lost.Status.Detail);
        var issued = Assert.Single(Hub.Knobs.LostAnswers).Certificate.CertificateDer.ToByteArray();
        Assert.Equal(issued, renewed.Certificate.RawData);
        Assert.Equal(renewed.Certificate.Thumbprint, files.Load()!.Certificate.Thumbprint);
        Assert.False(File.Exists(new RenewalKeyFile(files).Path));
        Assert.Equal(IdentityReasons.CertificateRenewed, state.Condition.Reason);
    }

    [Fact]
    public async Task Run_RenewedForAKeyTheAgentNoLongerHas_StallsWithRenewalRefused()
    {
        var (state, files) = await EnrolAsync("site-1");
        var old = state.Current.Certificate.SerialNumber;
        Hub.Knobs.LoseRenewalAnswers = 1;
        Time.Advance(TimeSpan.FromDays(3.5));
        await Assert.ThrowsAsync<RpcException>(() => Renewer(state, files).RenewOnceAsync(CancellationToken.None));
        File.Delete(new RenewalKeyFile(files).Path);

        await Renewer(state, files).RunAsync(CancellationToken.None).WaitAsync(Guard);

        Assert.Equal((IdentityHealth.Stalled, IdentityReasons.RenewalRefused), (state.Condition.Health, state.Condition.Reason));
        Assert.StartsWith($"the hub refused renewal: certificate {old} of cluster 'site-1' was already renewed at ", state.Condition.Message,
            StringComparison.Ordinal);
        Assert.Equal(old, files.Load()!.Certificate.SerialNumber);
    }

    private async Task<(AgentIdentityState State, AgentIdentityFiles Files)> EnrolAsync(string cluster)
    {
        var agent = new TestAgent(Dir.Sub("agent"), Time);
        var credentials = await agent.EnrollAsync(Hub.Address, await Hub.CreateTokenAsync(cluster));
        return (new AgentIdentityState(credentials, Time), agent.Files);
    }

    private CertificateRenewer Renewer(AgentIdentityState state, AgentIdentityFiles files) => new(
        Hub.Address, state, files, new RenewalOptions(), Time, new Random(7), NullLogger<CertificateRenewer>.Instance);

    private AgentGateway.AgentGatewayClient Client(AgentCredentials credentials) =>
        TestAgent.Client(Hub.Address, credentials, Time);

    private async Task AssertConnectsAsync(AgentCredentials credentials)
    {
        var (call, first) = await TestAgent.ConnectAsync(Client(credentials), credentials.Cluster.Value);
        Assert.NotNull(first.Welcome);
        call.Dispose();
    }

    private static Task<AgentCredentials> NextCredentials(AgentIdentityState state)
    {
        var tcs = new TaskCompletionSource<AgentCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
        state.CredentialsChanged += (_, c) => tcs.TrySetResult(c);
        return tcs.Task;
    }

    private static Task<IdentityCondition> NextCondition(AgentIdentityState state, IdentityHealth health)
    {
        var tcs = new TaskCompletionSource<IdentityCondition>(TaskCreationOptions.RunContinuationsAsynchronously);
        state.ConditionChanged += (_, c) =>
        {
            if (c.Health == health)
            {
                tcs.TrySetResult(c);
            }
        };
        return tcs.Task;
    }
}
