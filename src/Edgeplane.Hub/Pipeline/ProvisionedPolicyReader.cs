using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Reads, from a management cluster's current desired bundle, what happens to a provisioned cluster's real cluster when its
/// Cluster API objects leave that bundle: its Cluster object (the one labelled <c>edgeplane.dev/provisioned-cluster</c> with
/// its name, <see cref="ProvisioningContract"/>) carries <c>edgeplane.dev/deletion-policy</c>. <c>Retain</c>: the agent leaves the objects (and the cluster) in place;
/// <c>Delete</c>, or no annotation: they are pruned, and Cluster API deletes the cluster. No such object: unknown (null).
/// </summary>
internal static class ProvisionedPolicyReader
{

    /// <summary>Cluster → <see cref="DeletionPolicy.Retain"/>, <see cref="DeletionPolicy.Delete"/>, or null when its bundle does not say.</summary>
    public static async Task<IReadOnlyDictionary<string, DeletionPolicy?>> ReadAsync(IRevisionStore store, IReadOnlyDictionary<string, string> deprovisioned,
        IReadOnlyDictionary<string, DesiredCluster> desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = deprovisioned.Keys.ToDictionary(c => c, _ => (DeletionPolicy?)null, StringComparer.Ordinal);
        var digests = deprovisioned.Values.Distinct(StringComparer.Ordinal)
            .Select(m => desired.GetValueOrDefault(m)?.Digest).OfType<string>().ToList();
        if (digests.Count == 0)
        {
            return result;
        }
        foreach (var bundle in await store.GetBundleContentsAsync(digests, cancellationToken).ConfigureAwait(false))
        {
            BundleDocument document;
            try
            {
                document = BundleDocument.Parse(BundleCodec.DecompressStored(bundle.Encoding, bundle.Data, bundle.Size));
            }
            catch (Exception e) when (e is BundleFormatException or InvalidDataException)
            {
                continue; // unreadable: the policy stays unknown, and the hold says so
            }
            foreach (var obj in document.Objects)
            {
                if (((string?)obj["apiVersion"])?.StartsWith(ProvisioningContract.ClusterApiGroup + "/", StringComparison.Ordinal) == true
                    && (string?)obj["kind"] == "Cluster"
                    && (string?)obj["metadata"]?["labels"]?[ProvisioningContract.ClusterLabel] is { } cluster && result.ContainsKey(cluster)
                    && deprovisioned[cluster] == document.Name)
                {
                    result[cluster] = (string?)obj["metadata"]?["annotations"]?[ProvisioningContract.DeletionPolicyAnnotation] == nameof(DeletionPolicy.Retain)
                        ? DeletionPolicy.Retain : DeletionPolicy.Delete;
                }
            }
        }
        return result;
    }
}
