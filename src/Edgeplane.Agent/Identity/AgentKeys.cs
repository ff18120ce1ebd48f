using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Agent.Identity;

/// <summary>Makes the agent's keys and CSRs. A new ECDSA P-256 key for every enrolment and renewal; it never leaves the agent.</summary>
public static class AgentKeys
{
    /// <summary>A new key and a DER PKCS#10 CSR signed with it. The subject is informational: the hub sets its own.</summary>
    public static (ECDsa Key, byte[] CsrDer) NewKeyAndCsr(ClusterId? cluster)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key, Csr(key, cluster));
    }

    /// <summary>A DER PKCS#10 CSR for <paramref name="key"/> (a renewal repeated with the key of its first attempt).</summary>
    public static byte[] Csr(ECDsa key, ClusterId? cluster)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(cluster?.Value ?? "edgeplane-agent");
        return new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256).CreateSigningRequest();
    }

    /// <summary>
    /// Joins an issued certificate with the key that requested it. Throws <see cref="InvalidOperationException"/>
    /// when the hub returned a certificate for another key.
    /// </summary>
    public static X509Certificate2 Attach(byte[] certificateDer, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        var expected = key.ExportSubjectPublicKeyInfo();
        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("the hub returned a certificate for a different public key than the CSR's");
        }
        return certificate.CopyWithPrivateKey(key);
    }
}
