using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// The hub's own certificate authority (ECDSA P-256, self-signed). It signs the gateway server certificate and the
/// agents' client certificates, and it is the only root either side trusts. Load or create it with
/// <see cref="LoadOrCreate"/>.
/// </summary>
internal sealed partial class HubCertificateAuthority : IDisposable
{
    internal static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");
    internal static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly ECDsa _key;

    private HubCertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
        Pin = CaPin.Of(certificate);
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The pin agents find in their bootstrap token.</summary>
    public CaPin Pin { get; }

    /// <summary>
    /// Issues a client certificate for <paramref name="cluster"/> over <paramref name="publicKey"/>: subject exactly
    /// <c>CN=&lt;cluster&gt;</c>, clientAuth only, not a CA, random 126-bit serial. Nothing else from a CSR is copied.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(
        ClusterId cluster, PublicKey publicKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(cluster.Value);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, ClientAuth);
        return Sign(request, notBefore, notAfter);
    }

    /// <summary>Issues a gateway server certificate with a fresh key for the given DNS names and IP addresses.</summary>
    public X509Certificate2 IssueServerCertificate(
        IEnumerable<string> hostNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("edgeplane-hub-gateway");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, ServerAuth);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hostNames)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }
        request.CertificateExtensions.Add(names.Build());
        using var issued = Sign(request, notBefore, notAfter);
        return issued.CopyWithPrivateKey(key);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private void AddLeafExtensions(CertificateRequest request, Oid usage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        // A leaf never outlives its CA; chain building would reject it anyway, this makes the expiry honest.
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        var end = notAfter < caNotAfter ? notAfter : caNotAfter;
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, end, NewSerial());
    }

    internal static byte[] NewSerial()
    {
        // 16 random bytes, top bit clear (positive) and second bit set (no leading zero byte): 126 random bits.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
