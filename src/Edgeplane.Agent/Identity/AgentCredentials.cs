using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// What the agent proves itself and checks the hub with: its client certificate (with the private key it made
/// itself) and the hub CA it pinned at enrolment. An immutable snapshot; renewal replaces it whole.
/// </summary>
public sealed record AgentCredentials
{
    /// <summary>Builds a snapshot; the cluster comes from the certificate's CN.</summary>
    public AgentCredentials(X509Certificate2 certificate, X509Certificate2 hubCa, ClusterId cluster)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the agent certificate must carry its private key", nameof(certificate));
        }
        Certificate = certificate;
        HubCa = hubCa;
        Cluster = cluster;
    }

    /// <summary>The cluster this agent is.</summary>
    public ClusterId Cluster { get; }

    /// <summary>The client certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The only CA the agent trusts for the hub.</summary>
    public X509Certificate2 HubCa { get; }

    /// <summary>Start of the certificate's validity.</summary>
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    /// <summary>End of the certificate's validity.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    /// <summary>When renewal is due: at half of the certificate's lifetime.</summary>
    public DateTimeOffset RenewAt => NotBefore + ((NotAfter - NotBefore) / 2);
}
