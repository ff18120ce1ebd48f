namespace Edgeplane.Kubernetes.Inventory;

/// <summary>
/// What one bundle has applied to one cluster: the tracked objects in apply order, and the digest and revision of
/// the last bundle that applied completely (null until one has).
/// </summary>
public sealed record InventorySnapshot(string Cluster, string Bundle, string? Digest, string? Revision, IReadOnlyList<InventoryEntry> Entries)
{
    /// <summary>The inventory of a bundle that has applied nothing yet.</summary>
    public static InventorySnapshot Empty(string cluster, string bundle) => new(cluster, bundle, null, null, []);

    /// <summary>Same digest, revision and entries (in the same order).</summary>
    public bool SameAs(InventorySnapshot other) =>
        Cluster == other.Cluster && Bundle == other.Bundle && Digest == other.Digest && Revision == other.Revision
        && Entries.SequenceEqual(other.Entries);
}
