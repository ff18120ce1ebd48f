using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>Certificates from outside the hub CA, for the negative tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 NewCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A clientAuth leaf for <paramref name="subject"/> signed by <paramref name="ca"/> (which must have its key).</summary>
    public static X509Certificate2 NewClient(X509Certificate2 ca, string subject)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7),
            RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
