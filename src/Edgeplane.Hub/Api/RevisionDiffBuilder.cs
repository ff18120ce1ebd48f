using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Hub.Api;

/// <summary>
/// The clusters of a revision diff: each recorded change's two stored bundles compared by the one bundle comparison the
/// CLI's <c>edgeplane diff</c> uses (<see cref="BundleComparer"/>), with Secrets redacted, cut to <see cref="RevisionDiffLimits"/>.
/// Bundles are read two at a time, so memory holds one cluster's pair, not the page's.
/// </summary>
internal sealed class RevisionDiffBuilder(IBundleStore bundles, RevisionDiffLimits limits)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BundleComparer _comparer = new(limits.MaxFields) { RedactSecrets = true };

    public async Task<List<ClusterDiffResponse>> BuildAsync(IEnumerable<RevisionChange> changes, CancellationToken cancellationToken)
    {
        var clusters = new List<ClusterDiffResponse>();
        foreach (var change in changes)
        {
            clusters.Add(await ClusterAsync(change, cancellationToken).ConfigureAwait(false));
        }
        return clusters;
    }

    private async Task<ClusterDiffResponse> ClusterAsync(RevisionChange change, CancellationToken cancellationToken)
    {
        var kind = change.FromDigest is null ? ClusterDiff.Added : change.ToDigest is null ? ClusterDiff.Removed : ClusterDiff.Changed;
        var (before, beforeNote) = await ReadAsync(change.FromDigest, cancellationToken).ConfigureAwait(false);
        var (after, afterNote) = await ReadAsync(change.ToDigest, cancellationToken).ConfigureAwait(false);
        if ((beforeNote ?? afterNote) is { } note)
        {
            return new ClusterDiffResponse(change.Cluster, kind, change.FromDigest, change.ToDigest, new DiffCounts(0, 0, 0), [], [], [], 0) { Note = note };
        }
        var objects = _comparer.Compare(change.Cluster, before, after)?.Objects ?? new ObjectChanges([], [], []);
        var changed = objects.Changed.Take(limits.MaxObjects).Select(Object).ToList();
        var added = objects.Added.Take(limits.MaxObjects - changed.Count).ToList();
        var removed = objects.Removed.Take(limits.MaxObjects - changed.Count - added.Count).ToList();
        var counts = new DiffCounts(objects.Added.Count, objects.Removed.Count, objects.Changed.Count);
        return new ClusterDiffResponse(change.Cluster, kind, change.FromDigest, change.ToDigest, counts, added, removed, changed,
            counts.Added + counts.Removed + counts.Changed - changed.Count - added.Count - removed.Count);
    }

    /// <summary>The stored bundle <paramref name="digest"/>, parsed; or why it cannot be (a note for the answer).</summary>
    private async Task<(BundleDocument? Document, string? Note)> ReadAsync(string? digest, CancellationToken cancellationToken)
    {
        if (digest is null)
        {
            return (null, null);
        }
        var stored = await bundles.GetBundleAsync(digest, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return (null, $"bundle {digest} is not in the hub's store, so its objects cannot be compared");
        }
        try
        {
            return (BundleDocument.Parse(BundleCodec.DecompressStored(stored.Encoding, stored.Data, stored.Size)), null);
        }
        catch (BundleFormatException error)
        {
            return (null, $"bundle {digest} cannot be read: {error.Message}");
        }
    }

    private ObjectDiffResponse Object(ObjectChange change) =>
        new(change.Id, change.Fields.Select(Field).ToList(), change.OmittedFields);

    private FieldDiffResponse Field(FieldChange change)
    {
        var (old, oldCut) = Cut(change.From);
        var (now, newCut) = Cut(change.To);
        return new FieldDiffResponse(change.Path, old, now, change.Added, change.Removed, change.Redacted, oldCut || newCut);
    }

    /// <summary>The value, or the first <see cref="RevisionDiffLimits.MaxValueChars"/> characters of its compact JSON and <c>…</c> when longer.</summary>
    private (JsonNode? Value, bool Cut) Cut(JsonNode? value)
    {
        if (value is null)
        {
            return (null, false);
        }
        var text = value.ToJsonString(Compact);
        if (text.Length <= limits.MaxValueChars)
        {
            return (value, false);
        }
        var end = limits.MaxValueChars;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--; // never half a character
        }
        return (JsonValue.Create(text[..end] + "…"), true);
    }
}
