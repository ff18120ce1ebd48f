using System.Security.Cryptography;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// The key a renewal asks a certificate for, kept in <c>{state}/identity/renewal.pem</c> (0600) from the first attempt
/// until the renewed certificate is stored, with the serial of the certificate being renewed. The hub renews a
/// certificate once and answers a repeated renewal for the same public key with the certificate it issued then; so an
/// agent that lost the answer (a broken connection, a timeout, a restart) asks again with this key and gets it, where
/// a new key would be refused for good.
/// </summary>
public sealed class RenewalKeyFile(AgentIdentityFiles files)
{
    private const string SerialPrefix = "serial: ";

    /// <summary>Path of the file.</summary>
    public string Path { get; } = System.IO.Path.Combine(files.Directory, "renewal.pem");

    /// <summary>
    /// The key kept for renewing certificate <paramref name="serial"/>, or a new one (then kept) when there is none, it
    /// was for another certificate, or it is unreadable. The caller disposes it.
    /// </summary>
    public ECDsa LoadOrCreate(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var text = File.Exists(Path) ? File.ReadAllText(Path) : "";
        if (text.StartsWith(SerialPrefix + serial + "\n", StringComparison.Ordinal))
        {
            var kept = ECDsa.Create();
            try
            {
                kept.ImportFromPem(text);
                return kept;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                kept.Dispose();
            }
        }
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PrivateFiles.WriteAtomically(Path, SerialPrefix + serial + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return key;
    }

    /// <summary>Forgets the key, once the certificate issued for it is stored.</summary>
    public void Delete() => File.Delete(Path);
}
