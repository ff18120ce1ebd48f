using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Hub.Pipeline;

/// <summary>Reads the object identities of stored bundles for the mass-deletion check.</summary>
internal static class ObjectIdentityReader
{
    /// <summary>
    /// The object identities of the stored bundles with these digests (digests not stored are left out): the recorded set,
    /// else, for bundles stored before identities were recorded, read from the bundle itself (once per such bundle,
    /// after an upgrade).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ObjectIdentitySet>> ReadAsync(IRevisionStore store,
        IReadOnlyCollection<string> digests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(digests);
        var result = new Dictionary<string, ObjectIdentitySet>(digests.Count, StringComparer.Ordinal);
        if (digests.Count == 0)
        {
            return result;
        }
        var recorded = await store.GetBundleIdentitiesAsync(digests, cancellationToken).ConfigureAwait(false);
        foreach (var (digest, bytes) in recorded)
        {
            if (Readable(() => ObjectIdentitySet.FromBytes(bytes)) is { } set)
            {
                result[digest] = set;
            }
        }
        var legacy = digests.Where(d => !result.ContainsKey(d)).ToList();
        if (legacy.Count > 0)
        {
            foreach (var bundle in await store.GetBundleContentsAsync(legacy, cancellationToken).ConfigureAwait(false))
            {
                if (Readable(() => ObjectIdentitySet.OfBundleJson(BundleCodec.DecompressStored(bundle.Encoding, bundle.Data, bundle.Size))) is { } set)
                {
                    result[bundle.Digest] = set;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// A stored set that cannot be read (a damaged row) is left out, so that cluster is not compared: the deletion check
    /// is a safety net, and a damaged row must not stop every later revision (the processor would retry it forever).
    /// </summary>
    private static ObjectIdentitySet? Readable(Func<ObjectIdentitySet> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }
}
