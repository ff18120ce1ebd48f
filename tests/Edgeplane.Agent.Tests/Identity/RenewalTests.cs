using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Tests.Support;
using Edgeplane.Protocol.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Agent.Tests.Identity;

public sealed class RenewalTests : IAsyncLifetime
{
    // Hub and agent share one fake clock, so "half-life" means the same instant to both.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync(_time);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Run_AtHalfLife_RenewsWithANewKeyAndStoresIt()
    {
        var files = new AgentIdentityFiles(_bed.StateOf("site-a"));
        var token = BootstrapToken.Parse(await _bed.Gateway.CreateTokenAsync("site-a"));
        var first = await new EnrollmentClient(files, _time, NullLogger<EnrollmentClient>.Instance)
            .EnrollAsync(_bed.Gateway.Address, token, null, CancellationToken.None);
        var state = new AgentIdentityState(first, _time);
        var renewed = new TaskCompletionSource<AgentCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
        state.CredentialsChanged += (_, c) => renewed.TrySetResult(c);
        var renewer = new CertificateRenewer(_bed.Gateway.Address, state, files, new RenewalOptions(), _time, new Random(7),
            NullLogger<CertificateRenewer>.Instance);
        using var stop = new CancellationTokenSource();
        var running = renewer.RunAsync(stop.Token);

        _time.SetUtcNow(first.RenewAt - TimeSpan.FromMinutes(1));
        _time.SetUtcNow(first.RenewAt);
        var second = await renewed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The hub back-dates notBefore by 5 minutes from its (shared) clock: the renewal ran at half-life, not a minute early.
        Assert.InRange(second.NotBefore - (first.RenewAt - TimeSpan.FromMinutes(5)), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
        Assert.Equal("CN=site-a", second.Certificate.Subject);
        Assert.NotEqual(first.Certificate.PublicKey.EncodedKeyValue.RawData, second.Certificate.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(second.Certificate.Thumbprint, files.Load()!.Certificate.Thumbprint);
        Assert.Equal(IdentityReasons.CertificateRenewed, state.Condition.Reason);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task Run_ClusterRevoked_StallsSayingSo()
    {
        var files = new AgentIdentityFiles(_bed.StateOf("site-a"));
        var token = BootstrapToken.Parse(await _bed.Gateway.CreateTokenAsync("site-a"));
        var first = await new EnrollmentClient(files, _time, NullLogger<EnrollmentClient>.Instance)
            .EnrollAsync(_bed.Gateway.Address, token, null, CancellationToken.None);
        var state = new AgentIdentityState(first, _time);
        var renewer = new CertificateRenewer(_bed.Gateway.Address, state, files, new RenewalOptions(), _time, new Random(7),
            NullLogger<CertificateRenewer>.Instance);
        await _bed.Gateway.RevokeAsync("site-a");

        _time.SetUtcNow(first.RenewAt);
        await renewer.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(IdentityHealth.Stalled, state.Condition.Health);
        Assert.Equal(IdentityReasons.ClusterRevoked, state.Condition.Reason);
        Assert.StartsWith("the hub refused renewal: ", state.Condition.Message, StringComparison.Ordinal);
        Assert.Equal(first.Certificate.Thumbprint, files.Load()!.Certificate.Thumbprint);
    }
}
