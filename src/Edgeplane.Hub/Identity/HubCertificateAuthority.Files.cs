using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Security;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

internal sealed partial class HubCertificateAuthority
{
    /// <summary>File name of the CA certificate (PEM) inside <see cref="IdentityOptions.IdentityDirectory"/>.</summary>
    public const string CertificateFileName = "ca.crt";

    /// <summary>File name of the CA private key (PEM PKCS#8, mode 0600).</summary>
    public const string KeyFileName = "ca.key";

    /// <summary>
    /// Loads the CA from the identity folder, or creates one when neither file exists. Refuses (with
    /// <see cref="InvalidOperationException"/>) a key readable by group or others, a lone key or certificate, a key
    /// that does not match the certificate, and an expired CA: each would otherwise be silently replaced, which
    /// would orphan every enrolled agent.
    /// </summary>
    public static HubCertificateAuthority LoadOrCreate(IdentityOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = options.IdentityDirectory;
        var certPath = Path.Combine(dir, CertificateFileName);
        var keyPath = Path.Combine(dir, KeyFileName);
        var (hasCert, hasKey) = (File.Exists(certPath), File.Exists(keyPath));
        if (hasCert != hasKey)
        {
            throw new InvalidOperationException(
                $"hub CA is incomplete in '{dir}': found {(hasCert ? CertificateFileName : KeyFileName)} but not " +
                $"{(hasCert ? KeyFileName : CertificateFileName)}. Restore the missing file from a backup; deleting both " +
                "creates a new CA, and every enrolled agent must then enrol again with a new token.");
        }
        var ca = hasCert ? Load(certPath, keyPath, time) : Create(dir, certPath, keyPath, options.CaLifetime, time);
        LogCaReady(logger, hasCert ? "loaded" : "created", dir, ca.Pin.ToString(), ca.Certificate.NotAfter);
        return ca;
    }

    private static HubCertificateAuthority Load(string certPath, string keyPath, TimeProvider time)
    {
        PrivateFiles.RequireOwnerOnly(keyPath, "hub CA key");
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException($"hub CA key '{keyPath}' is not an ECDSA private key in PEM: {e.Message}", e);
        }
        if (!CaPinOfKey(key).Equals(Protocol.Identity.CaPin.Of(certificate)))
        {
            key.Dispose();
            throw new InvalidOperationException($"hub CA key '{keyPath}' does not belong to the certificate '{certPath}'");
        }
        if (certificate.NotAfter.ToUniversalTime() <= time.GetUtcNow().UtcDateTime)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"hub CA '{certPath}' expired at {certificate.NotAfter.ToUniversalTime():u}; CA rotation is not supported yet");
        }
        return new HubCertificateAuthority(certificate, key);
    }

    private static HubCertificateAuthority Create(
        string dir, string certPath, string keyPath, TimeSpan lifetime, TimeProvider time)
    {
        PrivateFiles.PrepareFolder(dir, "hub identity folder");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"Edgeplane hub CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        subject.AddOrganizationName("Edgeplane");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var selfSigned = request.CreateSelfSigned(now.AddHours(-1), now + lifetime);
        var certificate = X509CertificateLoader.LoadCertificate(selfSigned.RawData);

        // Both files are written beside their final names first, so a crash leaves no half-written CA.
        WriteNew(keyPath + ".tmp", key.ExportPkcs8PrivateKeyPem());
        WriteNew(certPath + ".tmp", certificate.ExportCertificatePem());
        File.Move(keyPath + ".tmp", keyPath);
        File.Move(certPath + ".tmp", certPath);
        return new HubCertificateAuthority(certificate, key);
    }

    private static void WriteNew(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.OwnerOnlyFile;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static Protocol.Identity.CaPin CaPinOfKey(ECDsa key) =>
        Protocol.Identity.CaPin.OfSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Hub CA {Action} in {Directory}: pin {Pin}, valid until {NotAfter:u}")]
    private static partial void LogCaReady(ILogger logger, string action, string directory, string pin, DateTime notAfter);
}
