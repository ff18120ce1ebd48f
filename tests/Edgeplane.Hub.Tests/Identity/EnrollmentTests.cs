using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol.Identity;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

/// <summary>Enrolment over real Kestrel, TLS and gRPC, driven by the real agent enrolment client.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EnrollmentTests : HubTestBase
{
    [Fact]
    public async Task Enroll_ValidToken_IssuesCertificateForExactlyThatClusterFromTheHubCa()
    {
        var token = await Hub.CreateTokenAsync("edge-berlin-1");
        var agent = new TestAgent(Dir.Sub("agent"), Time);

        var credentials = await agent.EnrollAsync(Hub.Address, token);

        Assert.Equal("edge-berlin-1", credentials.Cluster.Value);
        Assert.Equal("CN=edge-berlin-1", credentials.Certificate.Subject);
        Assert.Equal(Hub.Ca.Certificate.Subject, credentials.Certificate.Issuer);
        Assert.Equal(Hub.Ca.Certificate.RawData, credentials.HubCa.RawData);
        Assert.Equal(Time.GetUtcNow().AddDays(7).ToUnixTimeSeconds(), credentials.NotAfter.ToUnixTimeSeconds(), 1.0);
        var eku = Assert.Single(credentials.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.Null(Hub.Services.GetRequiredService<AgentCertificateValidator>().ValidateChain(credentials.Certificate));
    }

    [Fact]
    public async Task Enroll_ValidToken_KeyStaysWithTheAgentAndStateFilesAreOwnerOnly()
    {
        var token = await Hub.CreateTokenAsync("site-1");
        var agent = new TestAgent(Dir.Sub("agent"), Time);

        var credentials = await agent.EnrollAsync(Hub.Address, token);

        var loaded = agent.Files.Load()!;
        Assert.Equal(credentials.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(agent.Files.AgentPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(agent.Files.Directory));
        // The hub keeps its CA and nothing else on disk: no agent key material ever reached it.
        Assert.Equal(["ca.crt", "ca.key"], Directory.GetFiles(Dir.Sub("hub"), "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var agentKey = loaded.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        Assert.DoesNotContain(agentKey, File.ReadAllText(Path.Combine(Dir.Sub("hub"), "identity", "ca.key")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_TokenReused_Rejected()
    {
        var token = await Hub.CreateTokenAsync("site-1");
        await new TestAgent(Dir.Sub("a1"), Time).EnrollAsync(Hub.Address, token);

        var e = await Assert.ThrowsAsync<EnrollmentException>(
            () => new TestAgent(Dir.Sub("a2"), Time).EnrollAsync(Hub.Address, token));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains($"bootstrap token '{token.Id}' was already used", e.Message, StringComparison.Ordinal);
        Assert.Contains("single-use", e.Message, StringComparison.Ordinal);
        Assert.Null(new TestAgent(Dir.Sub("a2"), Time).Files.Load());
    }

    [Fact]
    public async Task Enroll_TokenExpired_Rejected()
    {
        var token = await Hub.CreateTokenAsync("site-1", TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<EnrollmentException>(
            () => new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(Hub.Address, token));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains($"bootstrap token '{token.Id}' expired at", e.Message, StringComparison.Ordinal);
        Assert.Null((await Hub.Store.FindTokenAsync(token.Id, CancellationToken.None))!.UsedAt);
    }

    [Fact]
    public async Task Enroll_TokenBoundToAnotherCluster_RejectedAndTokenKept()
    {
        var token = await Hub.CreateTokenAsync("a");

        var e = await Assert.ThrowsAsync<EnrollmentException>(
            () => new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(Hub.Address, token, expectedCluster: "a-b"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains($"bootstrap token '{token.Id}' is bound to cluster 'a', not 'a-b'", e.Message, StringComparison.Ordinal);
        var credentials = await new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(Hub.Address, token, expectedCluster: "a");
        Assert.Equal("a", credentials.Cluster.Value);
    }

    [Fact]
    public async Task Enroll_WrongSecret_RejectedLikeAnUnknownToken()
    {
        var token = await Hub.CreateTokenAsync("site-1");
        var forged = BootstrapToken.Parse($"ep1.{token.Id}.{new string('a', 32)}.{token.CaPin.Hex}");

        var e = await Assert.ThrowsAsync<EnrollmentException>(
            () => new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(Hub.Address, forged));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains($"bootstrap token '{token.Id}' is not valid (unknown id or wrong secret)", e.Message, StringComparison.Ordinal);
        Assert.Null((await Hub.Store.FindTokenAsync(token.Id, CancellationToken.None))!.UsedAt);
    }

    [Fact]
    public async Task Enroll_TokenPinsAnotherCa_AgentRefusesTheHubAndSendsNothing()
    {
        var token = await Hub.CreateTokenAsync("site-1");
        using var otherCa = TestCertificates.NewCa("Impostor CA");
        var wrongPin = BootstrapToken.Parse($"ep1.{token.Id}.{token.Secret}.{CaPin.Of(otherCa).Hex}");
        var agent = new TestAgent(Dir.Sub("agent"), Time);

        var e = await Assert.ThrowsAsync<HubTrustException>(() => agent.EnrollAsync(Hub.Address, wrongPin));

        Assert.Contains($"none of its CA certificates matches the CA pin {CaPin.Of(otherCa)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("the token was not sent", e.Message, StringComparison.Ordinal);
        Assert.Null((await Hub.Store.FindTokenAsync(token.Id, CancellationToken.None))!.UsedAt);
        Assert.Null(agent.Files.Load());
    }

    [Fact]
    public async Task Enroll_HubNameNotInServerCertificate_AgentRefusesTheHub()
    {
        var options = new IdentityOptions { DataDirectory = Dir.Sub("hub2"), GatewayHostNames = ["hub.example.test"] };
        await using var hub = await TestHub.StartAsync(Dir.Sub("hub2"), Time, options: options);
        var token = await hub.CreateTokenAsync("site-1");

        var e = await Assert.ThrowsAsync<HubTrustException>(
            () => new TestAgent(Dir.Sub("agent"), Time).EnrollAsync(hub.Address, token));

        Assert.Contains("is not valid for the host name dialled", e.Message, StringComparison.Ordinal);
        Assert.Contains("the token was not sent", e.Message, StringComparison.Ordinal);
        Assert.Null((await hub.Store.FindTokenAsync(token.Id, CancellationToken.None))!.UsedAt);
    }
}
