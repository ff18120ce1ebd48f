using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Security;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// The agent's identity on disk, under <c>{state}/identity/</c> (folder mode 0700):
/// <list type="bullet">
/// <item><c>agent.pem</c> (0600): the client certificate followed by its PKCS#8 private key. One file, so a renewal
/// replaces key and certificate together with one atomic rename.</item>
/// <item><c>hub-ca.pem</c> (0600): the hub CA pinned at enrolment; the only CA trusted for the hub.</item>
/// </list>
/// Every write goes to a temporary file that is flushed and then renamed over the old one.
/// </summary>
public sealed class AgentIdentityFiles(string stateDirectory)
{
    /// <summary>The identity folder.</summary>
    public string Directory { get; } = Path.Combine(stateDirectory, "identity");

    /// <summary>Path of the certificate-and-key file.</summary>
    public string AgentPath => Path.Combine(Directory, "agent.pem");

    /// <summary>Path of the pinned hub CA.</summary>
    public string HubCaPath => Path.Combine(Directory, "hub-ca.pem");

    /// <summary>
    /// The stored credentials, or null when the agent has not enrolled. Throws <see cref="InvalidOperationException"/>
    /// when the key file is readable by group or others, a file is missing or unreadable, or the certificate is not
    /// one the stored CA issued.
    /// </summary>
    public AgentCredentials? Load()
    {
        if (!File.Exists(AgentPath))
        {
            return null;
        }
        PrivateFiles.RequireOwnerOnly(AgentPath, "agent key file");
        if (!File.Exists(HubCaPath))
        {
            throw new InvalidOperationException($"'{AgentPath}' exists but the pinned hub CA '{HubCaPath}' is missing");
        }
        try
        {
            var pem = File.ReadAllText(AgentPath);
            var certificate = X509Certificate2.CreateFromPem(pem, pem);
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(HubCaPath));
            return new AgentCredentials(certificate, ca, ClusterOf(certificate));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"agent identity in '{Directory}' is unreadable: {e.Message}", e);
        }
    }

    /// <summary>Writes the CA (if it changed) and then the certificate with its key, each atomically.</summary>
    public void Save(AgentCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        CreateDirectory();
        var caPem = credentials.HubCa.ExportCertificatePem();
        if (!File.Exists(HubCaPath) || File.ReadAllText(HubCaPath) != caPem)
        {
            PrivateFiles.WriteAtomically(HubCaPath, caPem);
        }
        var key = credentials.Certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("the agent certificate has no ECDSA private key");
        PrivateFiles.WriteAtomically(AgentPath, credentials.Certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static Protocol.Identity.ClusterId ClusterOf(X509Certificate2 certificate)
    {
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return Protocol.Identity.ClusterId.Parse(cn);
    }

    private void CreateDirectory() => PrivateFiles.PrepareFolder(Directory, "agent identity folder");
}
