using System.Text.Json.Nodes;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// The objects each cluster runs now, read back from its desired bundle in the store: what a workspace rejected by a
/// revision keeps (the renderer takes the ones labelled with that workspace). Read only when a revision has a rejection.
/// </summary>
internal sealed class LastGoodObjects(IRevisionStore store)
{
    /// <summary>The objects of the desired bundle of each of <paramref name="clusters"/> (clusters without one are left out).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> ReadAsync(IReadOnlyCollection<string> clusters,
        CancellationToken cancellationToken)
    {
        var desired = await store.GetDesiredAsync(cancellationToken).ConfigureAwait(false);
        var digests = clusters.Select(c => desired.GetValueOrDefault(c)?.Digest).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var contents = await store.GetBundleContentsAsync(digests, cancellationToken).ConfigureAwait(false);
        var objects = contents.ToDictionary(c => c.Digest,
            c => BundleDocument.Parse(BundleCodec.DecompressStored(c.Encoding, c.Data, c.Size)).Objects, StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            if (desired.GetValueOrDefault(cluster)?.Digest is { } digest && objects.TryGetValue(digest, out var found))
            {
                result[cluster] = found;
            }
        }
        return result;
    }
}
