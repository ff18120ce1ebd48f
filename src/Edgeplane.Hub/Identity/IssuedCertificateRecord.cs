using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>A client certificate the hub issued. Serial is the uppercase hex of the certificate serial number.</summary>
public sealed record IssuedCertificateRecord(
    string Serial,
    ClusterId Cluster,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter)
{
    /// <summary>When the certificate was revoked (with its cluster); null while valid.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
