namespace Edgeplane.Hub.Store.Entities;

/// <summary>
/// The identities of a stored bundle's objects (<c>Pipeline/ObjectIdentitySet</c>: 16 bytes each), read by the
/// mass-deletion check. A table apart from <see cref="BundleRecord"/> so that reading them for 10,000 clusters does not
/// read the compressed bundles too. Bundles stored before it existed have no row (then the bundle itself is read).
/// </summary>
internal sealed class BundleIdentitiesRecord
{
    /// <summary>The bundle's digest.</summary>
    public required string Digest { get; set; }

    /// <summary>The sorted 128-bit hashes of (group, kind, namespace, name), big-endian.</summary>
    public required byte[] Identities { get; set; }
}
