namespace Edgeplane.Hub.Store.Entities;

/// <summary>
/// One cluster whose desired bundle an applied revision changed: the digest before (null: the cluster is new) and after
/// (null: removed), for <c>GET /api/v1/revisions/{sha}/diff</c>. Only changed clusters get a row, so a commit that touches
/// one cluster of 10,000 writes one row; the bundles themselves are stored once per digest and never deleted.
/// </summary>
internal sealed class RevisionChangeRecord
{
    public long RevisionId { get; set; }

    public required string Cluster { get; set; }

    public string? FromDigest { get; set; }

    public string? ToDigest { get; set; }
}
