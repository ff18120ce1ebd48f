using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Tests.Support;

namespace Edgeplane.Agent.Tests.Identity;

[UnsupportedOSPlatform("windows")]
public sealed class EnrolmentTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Start_WithToken_OwnP256KeyCertificateForExactlyTheClusterKeyFile0600()
    {
        _bed.AddCluster("site-a");

        var agent = await _bed.StartAgentAsync("site-a");

        var files = new AgentIdentityFiles(_bed.StateOf("site-a"));
        var stored = files.Load()!;
        Assert.Equal("CN=site-a", stored.Certificate.Subject);
        using var key = stored.Certificate.GetECDsaPrivateKey()!;
        Assert.Equal(256, key.KeySize);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.AgentPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(files.Directory));
        Assert.Equal("site-a", agent.Cluster);
        Assert.Equal(1, _bed.Hub.Enrolments);
        await _bed.WaitAsync(() => _bed.Hub.IsConnected("site-a"), "the agent's session");
    }

    [Fact]
    public async Task Start_TokenPinsAnotherCa_RefusedAndTokenNeverSent()
    {
        _bed.AddCluster("site-a");
        var token = await _bed.Gateway.CreateTokenAsync("site-a");
        var wrongPin = token[..^64] + new string('0', 64);

        var e = await Assert.ThrowsAsync<HubTrustException>(() => AgentHost.StartAsync(_bed.Options("site-a", wrongPin)));

        Assert.Equal($"refusing hub {_bed.Gateway.Address}: none of its CA certificates matches the CA pin sha256:{new string('0', 64)} " +
            "from the token; the token was not sent", e.Message);
        Assert.Equal(0, _bed.Hub.Enrolments);
        Assert.Null(new AgentIdentityFiles(_bed.StateOf("site-a")).Load());
        // Never sent, so never consumed: the real token still enrols.
        await using var agent = await AgentHost.StartAsync(_bed.Options("site-a", token));
        Assert.Equal("site-a", agent.Cluster);
    }

    [Fact]
    public async Task Start_TokenUsedBefore_RefusedWithTheHubsReason()
    {
        _bed.AddCluster("site-a");
        _bed.AddCluster("site-b");
        var token = await _bed.Gateway.CreateTokenAsync("site-a");
        await using (await AgentHost.StartAsync(_bed.Options("site-a", token)))
        {
        }

        var e = await Assert.ThrowsAsync<EnrollmentException>(() =>
            AgentHost.StartAsync(_bed.Options("site-b", token) with { StateDirectory = _bed.StateOf("site-b") }));

        Assert.StartsWith($"hub {_bed.Gateway.Address} refused enrolment: bootstrap token '", e.Message, StringComparison.Ordinal);
        Assert.Contains("was already used or invalidated at", e.Message, StringComparison.Ordinal);
        Assert.Null(new AgentIdentityFiles(_bed.StateOf("site-b")).Load());
    }

    [Fact]
    public async Task Start_NoTokenAndNoIdentity_FailsSayingATokenIsNeeded()
    {
        _bed.AddCluster("site-a");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AgentHost.StartAsync(_bed.Options("site-a", token: null)));

        Assert.Equal($"the state folder '{_bed.StateOf("site-a")}' holds no agent identity; start the agent with a bootstrap token " +
            "(--token) to enrol", e.Message);
    }

    [Fact]
    public async Task Start_UnreadableKubeconfig_FailsNamingTheFile()
    {
        var token = await _bed.Gateway.CreateTokenAsync("site-a");
        var options = _bed.Options("site-a", token) with { KubeconfigPath = _bed.Dir.Sub("missing.yaml") };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AgentHost.StartAsync(options));

        Assert.StartsWith($"kubeconfig '{_bed.Dir.Sub("missing.yaml")}' is not usable: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _bed.Hub.Enrolments);
    }

    [Fact]
    public async Task Connect_HubNowPresentsAnotherCa_RefusedWithoutFallback()
    {
        _bed.AddCluster("site-a");
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => _bed.Hub.IsConnected("site-a"), "the first session");
        var port = _bed.Gateway.Address.Port;
        await _bed.StopGatewayAsync();

        // Same address, but a hub with a CA of its own (another data folder): the agent trusts only the pinned CA.
        await using var impostor = await ProtocolGateway.StartAsync(_bed.Dir.Sub("impostor"), port);
        var signal = new ChangeSignal();
        agent.Changed += (_, _) => signal.Notify();

        await Eventually.HoldsAsync(signal, () => agent.Snapshot.Link.Message.Contains("SSL", StringComparison.OrdinalIgnoreCase)
            || agent.Snapshot.Link.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase), "a refused TLS handshake",
            explain: () => agent.Snapshot.Link.ToString());
        Assert.Equal(0, impostor.State.Connects);
        Assert.NotEqual(Edgeplane.Agent.Link.HubLinkState.Connected, agent.Snapshot.Link.State);
    }
}
