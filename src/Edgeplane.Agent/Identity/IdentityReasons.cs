using Edgeplane.Protocol.V1;

namespace Edgeplane.Agent.Identity;

/// <summary>Reasons of <see cref="IdentityCondition"/>.</summary>
public static class IdentityReasons
{
    /// <summary>The certificate is valid.</summary>
    public const string CertificateValid = "CertificateValid";

    /// <summary>The certificate was just renewed.</summary>
    public const string CertificateRenewed = "CertificateRenewed";

    /// <summary>A renewal attempt failed; retrying with back-off.</summary>
    public const string RenewalFailed = "RenewalFailed";

    /// <summary>The hub refused renewal for good (other than revocation).</summary>
    public const string RenewalRefused = "RenewalRefused";

    /// <summary>The hub revoked this cluster: the name of <see cref="IdentityError.ClusterRevoked"/>.</summary>
    public const string ClusterRevoked = nameof(IdentityError.ClusterRevoked);

    /// <summary>The certificate expired before it could be renewed.</summary>
    public const string CertificateExpired = "CertificateExpired";
}
