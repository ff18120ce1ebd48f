using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Hub.Hosting;

/// <summary>Loads a TLS server certificate (and its intermediates) and its private key from PEM files.</summary>
internal static class PemServerCertificate
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// The certificate of <paramref name="certFile"/> (the first PEM certificate; any further ones are sent as the chain)
    /// with the unencrypted PEM private key of <paramref name="keyFile"/>. Throws <see cref="ArgumentException"/> naming
    /// the flag and the file.
    /// </summary>
    public static SslStreamCertificateContext Load(string certFile, string keyFile)
    {
        var certPem = Read("--tls-cert-file", certFile);
        var keyPem = Read("--tls-key-file", keyFile);
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certPem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--tls-cert-file '{certFile}' holds a PEM certificate that cannot be read: {e.Message}", e);
        }
        if (chain.Count == 0)
        {
            throw new ArgumentException($"--tls-cert-file '{certFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        var leaf = WithKey(chain[0], keyPem, certFile, keyFile);
        if (leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ServerAuth))
        {
            throw new ArgumentException($"--tls-cert-file '{certFile}': the certificate '{leaf.Subject}' is not for TLS servers (no serverAuth usage)");
        }
        return SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true);
    }

    private static X509Certificate2 WithKey(X509Certificate2 certificate, string keyPem, string certFile, string keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificate.ExportCertificatePem(), keyPem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--tls-key-file '{keyFile}' holds no unencrypted PEM private key of the certificate's " +
                $"algorithm ({certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}): {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--tls-key-file '{keyFile}' is not the private key of the certificate in --tls-cert-file " +
                $"'{certFile}' ({certificate.Subject}): {e.Message}", e);
        }
    }

    private static string Read(string flag, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"{flag} '{path}': file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{flag} '{path}' cannot be read: {e.Message}", e);
        }
    }
}
