using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>A client certificate the hub issued. Serial is the uppercase hex of the certificate serial number.</summary>
internal sealed record IssuedCertificateRecord(
    string Serial,
    ClusterId Cluster,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter)
{
    /// <summary>When the certificate was revoked (with its cluster); null while valid.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The certificate itself (DER); null for certificates issued before it was kept.</summary>
    public byte[]? CertificateDer { get; init; }

    /// <summary>The serial of the certificate this one was renewed as; null until it is renewed (it is renewed once).</summary>
    public string? RenewedAs { get; init; }

    /// <summary>When it was renewed; null until then.</summary>
    public DateTimeOffset? RenewedAt { get; init; }
}
