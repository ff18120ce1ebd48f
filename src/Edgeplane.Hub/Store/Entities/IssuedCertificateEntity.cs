namespace Edgeplane.Hub.Store.Entities;

/// <summary>A client certificate the hub issued, by serial (uppercase hex).</summary>
internal sealed class IssuedCertificateEntity
{
    public required string Serial { get; set; }

    public required string Cluster { get; set; }

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The certificate (DER), so a repeated renewal can be answered with it; null for rows from before it was kept.</summary>
    public byte[]? CertificateDer { get; set; }

    /// <summary>Serial of the certificate this one was renewed as (set once, by a conditional update).</summary>
    public string? RenewedAs { get; set; }

    public DateTime? RenewedAt { get; set; }
}
