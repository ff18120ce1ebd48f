using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity;

/// <summary>Which client certificates the gateway accepts, for which RPCs, and as which cluster.</summary>
public sealed class AgentAuthenticationTests : HubTestBase
{
    [Fact]
    public async Task Call_WithoutClientCertificate_RefusedForEveryRpcExceptDiscoverAndEnroll()
    {
        var client = TestAgent.AnonymousClient(Hub.Address, Hub.Ca.Certificate, Time);

        var renew = await Assert.ThrowsAsync<RpcException>(
            async () => await client.RenewAsync(new RenewRequest { ClusterId = "a" }));
        var connect = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.Connect();
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        var fetch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.FetchBundle(new FetchBundleRequest { Digest = "sha256:00" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        foreach (var e in new[] { renew, connect, fetch })
        {
            Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
            Assert.Equal("this call needs the agent's client certificate; enrol first with a bootstrap token", e.Status.Detail);
        }
        var discovered = await client.DiscoverAsync(new DiscoverRequest());
        Assert.Equal(Hub.Ca.Certificate.RawData, discovered.CaCertificatesDer[0].ToByteArray());
        var enroll = await Assert.ThrowsAsync<RpcException>(async () => await client.EnrollAsync(new EnrollRequest
        {
            TokenId = "abcdefghij", TokenSecret = new string('a', 32), ProtocolVersion = 1,
            CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer),
        }));
        Assert.Equal(StatusCode.Unauthenticated, enroll.StatusCode);
        Assert.Equal("bootstrap token 'abcdefghij' is not valid (unknown id or wrong secret)", enroll.Status.Detail);
    }

    [Fact]
    public async Task Call_ClientCertificateFromAnotherCa_FailsTheHandshake()
    {
        using var foreignCa = TestCertificates.NewCa("Other CA");
        var foreign = TestCertificates.NewClient(foreignCa, "CN=a");
        var client = TestAgent.Client(Hub.Address, new AgentCredentials(foreign, Hub.Ca.Certificate, ClusterId.Parse("a")), Time);

        var e = await Assert.ThrowsAsync<RpcException>(
            async () => await client.DiscoverAsync(new DiscoverRequest()));

        // Even the anonymous Discover fails: TLS refused the certificate, no handler ran.
        TransportAssert.RefusedByTransport(e);
        await TransportAssert.TlsRefusesAsync(Hub.Address, foreign);
    }

    [Theory]
    [InlineData("a", "a-b")]
    [InlineData("a-b", "a")]
    [InlineData("a", "a ")]
    [InlineData("a", "A")]
    [InlineData("a", "")]
    public async Task Renew_CertificateOfOneClusterNamingAnother_PermissionDenied(string holder, string claimed)
    {
        var credentials = await EnrolAsync(holder);
        if (ClusterId.TryParse(claimed, out _, out _))
        {
            await EnrolAsync(claimed);
        }
        Time.Advance(TimeSpan.FromDays(1));
        var client = TestAgent.Client(Hub.Address, credentials, Time);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.RenewAsync(new RenewRequest
        {
            ClusterId = claimed, CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer),
        }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"the client certificate identifies cluster '{holder}', but the request names '{claimed}'", e.Status.Detail);
    }

    [Theory]
    [InlineData("a", "a-b")]
    [InlineData("a-b", "a")]
    public async Task Connect_HelloNamingAnotherCluster_PermissionDenied(string holder, string claimed)
    {
        var credentials = await EnrolAsync(holder);
        await EnrolAsync(claimed);
        var client = TestAgent.Client(Hub.Address, credentials, Time);

        var e = await Assert.ThrowsAsync<RpcException>(() => TestAgent.ConnectAsync(client, claimed));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"the client certificate identifies cluster '{holder}', but the request names '{claimed}'", e.Status.Detail);
        var (call, welcome) = await TestAgent.ConnectAsync(client, holder);
        Assert.NotNull(welcome.Welcome);
        call.Dispose();
    }

    [Fact]
    public async Task Renew_CsrAskingForAnotherSubjectAndCaRights_IssuesOnlyTheHoldersIdentity()
    {
        var credentials = await EnrolAsync("a");
        Time.Advance(TimeSpan.FromDays(1));
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var hostile = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=a-b, O=system:masters", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        hostile.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddDnsName("hub.example");
        hostile.CertificateExtensions.Add(san.Build());

        var response = await TestAgent.Client(Hub.Address, credentials, Time).RenewAsync(
            new RenewRequest { ClusterId = "a", CsrDer = ByteString.CopyFrom(hostile.CreateSigningRequest()) });

        using var issued = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            response.Certificate.CertificateDer.Span);
        Assert.Equal("CN=a", issued.Subject);
        Assert.DoesNotContain(issued.Extensions, x => x.Oid?.Value == "2.5.29.17");
        Assert.False(Assert.Single(issued.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>())
            .CertificateAuthority);
    }

    [Fact]
    public async Task Renew_RightAfterEnrolment_RefusedAsTooEarly()
    {
        var credentials = await EnrolAsync("a");

        var e = await Assert.ThrowsAsync<RpcException>(async () => await TestAgent.Client(Hub.Address, credentials, Time)
            .RenewAsync(new RenewRequest { ClusterId = "a", CsrDer = ByteString.CopyFrom(AgentKeys.NewKeyAndCsr(null).CsrDer) }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.StartsWith($"certificate {credentials.Certificate.SerialNumber} of cluster 'a' can be renewed from ", e.Status.Detail,
            StringComparison.Ordinal);
    }

    private async Task<AgentCredentials> EnrolAsync(string cluster)
    {
        var token = await Hub.CreateTokenAsync(cluster);
        return await new TestAgent(Dir.Sub("agent-" + cluster), Time).EnrollAsync(Hub.Address, token);
    }
}
