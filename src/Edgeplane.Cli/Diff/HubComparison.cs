using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Edgeplane.Cli.HubClient;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.Diff;
using Edgeplane.Rendering.Bundles;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// <c>--hub URL</c>: compares every cluster's bundle with the hub's <em>desired</em> bundle for it (the cluster list,
/// then <c>GET /api/v1/bundles/{digest}</c>). A bundle is fetched only when it may differ: the local bundle is
/// re-stamped with the revision of the hub's desired bundle, and when the digests are then equal the bytes are equal
/// and nothing is fetched. Up to 8 bundles are fetched at once. The Kubernetes versions the hub stored come along.
/// </summary>
internal static class HubComparison
{
    /// <summary>Bundles fetched from the hub at once.</summary>
    private const int Parallelism = 8;

    public static async Task<(string Base, List<ClusterDiff> Clusters, IReadOnlyDictionary<string, string> Versions)> CompareAsync(RenderedFleet current, HubApiClient client, Uri hub,
        BundleComparer comparer, CancellationToken cancellationToken)
    {
        var listed = await client.ListClustersAsync("", cancellationToken).ConfigureAwait(false);
        var desired = listed.Where(c => c.Desired.Digest is not null).ToDictionary(c => c.Name, c => c.Desired, StringComparer.Ordinal);
        var pending = desired.Keys.Union(current.Bundles.Keys).Order(StringComparer.Ordinal)
            .Select(name => (Name: name, Was: desired.GetValueOrDefault(name), Now: current.Bundles.GetValueOrDefault(name)))
            .Where(c => c.Was is null || c.Now is null || Restamped(c.Now, c.Was.Revision) != c.Was.Digest)
            .ToList();
        var diffs = new ClusterDiff?[pending.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), parallel, async (i, ct) =>
        {
            var (name, was, now) = pending[i];
            var before = was is null ? null : await FetchAsync(client, was.Digest!, ct).ConfigureAwait(false);
            diffs[i] = comparer.Compare(name, before, now is null ? null : RenderedFleet.Document(now));
        }).ConfigureAwait(false);
        var versions = listed.Where(c => c.KubernetesVersion is not null).ToDictionary(c => c.Name, c => c.KubernetesVersion!, StringComparer.Ordinal);
        return ($"hub {hub}", diffs.OfType<ClusterDiff>().ToList(), versions);
    }

    /// <summary>The digest <paramref name="bundle"/> would have had if rendered at <paramref name="revision"/>; null without one.</summary>
    internal static string? Restamped(Bundle bundle, string? revision)
    {
        if (revision is null)
        {
            return null;
        }
        var marker = CanonicalJson.Serialize(JsonValue.Create(RenderedFleet.Revision));
        var stamp = CanonicalJson.Serialize(JsonValue.Create(revision));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = bundle.CanonicalBytes.Span;
        for (var at = bytes.IndexOf(marker); at >= 0; at = bytes.IndexOf(marker))
        {
            hash.AppendData(bytes[..at]);
            hash.AppendData(stamp);
            bytes = bytes[(at + marker.Length)..];
        }
        hash.AppendData(bytes);
        return BundleDigest.Parse("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())).ToString();
    }

    private static async Task<BundleDocument> FetchAsync(HubApiClient client, string digest, CancellationToken cancellationToken)
    {
        var bytes = await client.GetBundleAsync(digest, cancellationToken).ConfigureAwait(false);
        try
        {
            return BundleDocument.Parse(bytes);
        }
        catch (BundleFormatException error)
        {
            throw new HubClientException($"the hub's bundle {digest} cannot be read: {error.Message}");
        }
    }
}
