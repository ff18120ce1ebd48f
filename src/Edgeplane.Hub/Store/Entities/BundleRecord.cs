namespace Edgeplane.Hub.Store.Entities;

/// <summary>A rendered bundle, stored once per digest, compressed.</summary>
internal sealed class BundleRecord
{
    /// <summary><c>sha256:&lt;hex&gt;</c> of the uncompressed canonical bytes.</summary>
    public required string Digest { get; set; }

    /// <summary>The digest ignoring per-object source-revision annotations.</summary>
    public required string ContentDigest { get; set; }

    /// <summary>Compression of <see cref="Data"/>: <c>br</c> (Brotli).</summary>
    public required string Encoding { get; set; }

    public required byte[] Data { get; set; }

    public int Size { get; set; }

    public int ObjectCount { get; set; }

    public DateTime CreatedAt { get; set; }
}
