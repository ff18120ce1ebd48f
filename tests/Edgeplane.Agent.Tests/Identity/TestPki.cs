using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Agent.Tests.Identity;

/// <summary>A throwaway CA that issues hub-like server and agent-like client certificates.</summary>
internal sealed class TestPki : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki(string name = "Test CA")
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Ca = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Issue(string subject, string usageOid, ECDsa? key = null)
    {
        var leafKey = key ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_key),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(leafKey);
    }

    public X509Certificate2 Server() => Issue("CN=hub", "1.3.6.1.5.5.7.3.1");

    public X509Certificate2 Client(string cluster) => Issue($"CN={cluster}", "1.3.6.1.5.5.7.3.2");

    public void Dispose()
    {
        _key.Dispose();
        Ca.Dispose();
    }
}
