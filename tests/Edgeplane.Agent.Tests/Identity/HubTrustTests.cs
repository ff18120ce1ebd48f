using System.Net.Security;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Agent.Tests.Identity;

public sealed class HubTrustTests : IDisposable
{
    private readonly TestPki _hub = new("Hub CA");
    private readonly TestPki _other = new("Other CA");

    public void Dispose()
    {
        _hub.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void Validate_ServerCertificateFromThePinnedCa_Accepted()
    {
        using var server = _hub.Server();

        Assert.Null(HubTrust.Validate(server, _hub.Ca, SslPolicyErrors.RemoteCertificateChainErrors, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Validate_ServerCertificateFromAnotherCa_Rejected()
    {
        using var server = _other.Server();

        var error = HubTrust.Validate(server, _hub.Ca, SslPolicyErrors.None, DateTimeOffset.UtcNow);

        Assert.StartsWith("the hub's certificate 'CN=hub' does not chain to the pinned hub CA (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnotherAgentsClientCertificateActingAsServer_Rejected()
    {
        // Every agent holds a certificate from the hub CA; none of them may impersonate the hub.
        using var agent = _hub.Client("a");

        var error = HubTrust.Validate(agent, _hub.Ca, SslPolicyErrors.None, DateTimeOffset.UtcNow);

        Assert.StartsWith("the hub's certificate 'CN=a' does not chain to the pinned hub CA (NotValidForUsage", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameMismatch_Rejected()
    {
        using var server = _hub.Server();

        var error = HubTrust.Validate(server, _hub.Ca, SslPolicyErrors.RemoteCertificateNameMismatch, DateTimeOffset.UtcNow);

        Assert.Equal("the hub's certificate 'CN=hub' is not valid for the host name dialled", error);
    }

    [Fact]
    public void Validate_Expired_Rejected()
    {
        using var server = _hub.Server();

        var error = HubTrust.Validate(server, _hub.Ca, SslPolicyErrors.None, DateTimeOffset.UtcNow.AddDays(8));

        Assert.StartsWith("the hub's certificate 'CN=hub' does not chain to the pinned hub CA (NotTimeValid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPinned_OnlyTheCaWithThePinnedKey()
    {
        var pin = CaPin.Of(_hub.Ca);

        Assert.Equal(_hub.Ca.Thumbprint, HubTrust.FindPinned([_other.Ca, _hub.Ca], pin)!.Thumbprint);
        Assert.Null(HubTrust.FindPinned([_other.Ca], pin));
    }

    [Fact]
    public void Attach_CertificateForAnotherKey_Refused()
    {
        var (key, _) = AgentKeys.NewKeyAndCsr(null);
        using var foreign = _hub.Client("a");

        var e = Assert.Throws<InvalidOperationException>(() => AgentKeys.Attach(foreign.RawData, key));

        Assert.Equal("the hub returned a certificate for a different public key than the CSR's", e.Message);
        key.Dispose();
    }

    [Fact]
    public void NewKeyAndCsr_SignedP256Request()
    {
        var (key, csr) = AgentKeys.NewKeyAndCsr(ClusterId.Parse("site-1"));

        var request = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequest(
            csr, System.Security.Cryptography.HashAlgorithmName.SHA256);

        Assert.Equal("CN=site-1", request.SubjectName.Name);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), request.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(256, key.KeySize);
        key.Dispose();
    }
}
