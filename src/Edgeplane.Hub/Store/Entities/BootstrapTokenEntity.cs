namespace Edgeplane.Hub.Store.Entities;

/// <summary>A bootstrap token row: only the sha256 of the secret is kept (see <c>Identity.BootstrapTokenRecord</c>).</summary>
internal sealed class BootstrapTokenEntity
{
    public required string Id { get; set; }

    public required byte[] SecretHash { get; set; }

    public required string Cluster { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When an enrolment consumed it, or a revocation voided it; null while unused.</summary>
    public DateTime? UsedAt { get; set; }
}
