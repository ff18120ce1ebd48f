namespace Edgeplane.Hub.Store.Entities;

/// <summary>A client certificate the hub issued, by serial (uppercase hex).</summary>
public sealed class IssuedCertificateEntity
{
    public required string Serial { get; set; }

    public required string Cluster { get; set; }

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public DateTime? RevokedAt { get; set; }
}
