using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Tests.Identity;

public sealed class CsrReaderTests
{
    [Fact]
    public void ReadPublicKey_EcdsaP256_ReturnsTheRequestersKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequest();

        var publicKey = CsrReader.ReadPublicKey(csr);

        Assert.Equal(key.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void ReadPublicKey_Rsa_Rejected()
    {
        using var key = RSA.Create(1024); // any RSA key is refused; a small one keeps the test fast
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();

        var e = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey(csr));

        Assert.Equal(IdentityError.CsrInvalid, e.Error);
        Assert.Equal("the CSR key is RSA; only ECDSA P-256 keys are accepted", e.Message);
    }

    [Fact]
    public void ReadPublicKey_EcdsaP384_Rejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA384).CreateSigningRequest();

        var e = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey(csr));

        Assert.Equal("the CSR key is ECDSA on curve 1.3.132.0.34; only ECDSA P-256 keys are accepted", e.Message);
    }

    [Fact]
    public void ReadPublicKey_SignatureDoesNotMatch_Rejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        csr[^3] ^= 0x01;

        var e = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey(csr));

        Assert.StartsWith("the CSR is not a validly signed PKCS#10 request", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPublicKey_TooLargeOrEmpty_RejectedBeforeParsing()
    {
        var big = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey(new byte[4097]));
        var empty = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey([]));

        Assert.Equal("the CSR is 4097 bytes; at most 4096 are accepted", big.Message);
        Assert.Equal("the CSR is empty", empty.Message);
    }

    [Fact]
    public void ReadPublicKey_TrailingBytes_Rejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequest();

        var e = Assert.Throws<IdentityException>(() => CsrReader.ReadPublicKey([.. csr, 0, 0]));

        Assert.Equal("the CSR has 2 bytes of trailing data", e.Message);
    }
}
