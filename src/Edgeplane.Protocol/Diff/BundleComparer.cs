using System.Text.Json.Nodes;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// Compares two versions of one cluster's bundle document. What the renderer stamps per revision (<c>spec.revision</c>
/// and every object's <c>edgeplane.dev/source-revision</c> annotation: what the content digest leaves out) is ignored,
/// so a commit that changes nothing for a cluster shows nothing. Bundle settings (<c>spec.drift</c>, <c>spec.prune</c>)
/// and objects that moved in the apply order show as fields of the bundle itself,
/// <c>edgeplane.dev/v1alpha1/Bundle/&lt;cluster&gt;</c>, because they change what the agent does. The CLI's
/// <c>edgeplane diff</c> and the hub's <c>GET /api/v1/revisions/{sha}/diff</c> both compare with it.
/// </summary>
/// <param name="maxFields">Most changed fields kept per object, the rest counted (0: all).</param>
public sealed class BundleComparer(int maxFields)
{
    /// <summary>
    /// Show a Secret's values only as <see cref="SecretRedaction"/> allows (default false: <c>edgeplane diff</c> shows
    /// the user's own checkout to the user; the hub sets it for every caller of its API).
    /// </summary>
    public bool RedactSecrets { get; init; }

    /// <summary>The path of the per-revision annotation, as <see cref="FieldDiff"/> writes it.</summary>
    public const string RevisionAnnotationPath = "metadata.annotations[edgeplane.dev/source-revision]";

    private static readonly Func<string, bool> IgnoreRevision = path => path == RevisionAnnotationPath;

    /// <summary>The change of <paramref name="cluster"/> from <paramref name="before"/> to <paramref name="after"/> (null: none).</summary>
    public ClusterDiff? Compare(string cluster, BundleDocument? before, BundleDocument? after)
    {
        if (before is null && after is null)
        {
            return null;
        }
        if (before is null || after is null)
        {
            var ids = (before ?? after)!.Objects.Select(ObjectIdentity.Id).ToList();
            return new ClusterDiff(cluster, before is null ? ClusterDiff.Added : ClusterDiff.Removed,
                new ObjectChanges(before is null ? ids : [], before is null ? [] : ids, []));
        }
        var old = before.Objects.GroupBy(ObjectIdentity.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var current = after.Objects.GroupBy(ObjectIdentity.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = after.Objects.Where(o => !old.ContainsKey(ObjectIdentity.Key(o))).Select(ObjectIdentity.Id).ToList();
        var removed = before.Objects.Where(o => !current.ContainsKey(ObjectIdentity.Key(o))).Select(ObjectIdentity.Id).ToList();
        var changed = new List<ObjectChange>();
        foreach (var obj in after.Objects)
        {
            if (old.TryGetValue(ObjectIdentity.Key(obj), out var was) && FieldDiff.Compare(was, obj, IgnoreRevision) is { Count: > 0 } fields)
            {
                changed.Add(Cap(ObjectIdentity.Id(obj), RedactSecrets && SecretRedaction.IsSecret(obj) ? fields.ConvertAll(SecretRedaction.Redact) : fields));
            }
        }
        if (BundleFields(before, after, old, current) is { Count: > 0 } settings)
        {
            changed.Insert(0, Cap($"{BundleDocument.ApiVersion}/{BundleDocument.Kind}/{cluster}", settings));
        }
        return added.Count + removed.Count + changed.Count == 0 ? null
            : new ClusterDiff(cluster, ClusterDiff.Changed, new ObjectChanges(added, removed, changed));
    }

    /// <summary>
    /// At most <c>maxFields</c> changes (0: all), their values copied: the report then holds no reference into the
    /// bundle documents, which can be let go cluster by cluster.
    /// </summary>
    private ObjectChange Cap(string id, List<FieldChange> fields)
    {
        var kept = maxFields > 0 && fields.Count > maxFields ? fields.Take(maxFields) : fields;
        var copies = kept.Select(f => f with { From = f.From?.DeepClone(), To = f.To?.DeepClone() }).ToList();
        return new ObjectChange(id, copies) { OmittedFields = fields.Count - copies.Count };
    }

    private static List<FieldChange> BundleFields(BundleDocument before, BundleDocument after,
        Dictionary<string, JsonObject> old, Dictionary<string, JsonObject> current)
    {
        var fields = new List<FieldChange>();
        if (before.Drift != after.Drift)
        {
            fields.Add(new FieldChange("spec.drift", Drift(before.Drift), Drift(after.Drift)));
        }
        if (before.Prune != after.Prune)
        {
            fields.Add(new FieldChange("spec.prune", before.Prune, after.Prune));
        }
        fields.AddRange(Moved(before, after, old, current));
        return fields;
    }

    private static string Drift(BundleDrift drift) => drift.ToString().ToLowerInvariant();

    /// <summary>
    /// Objects in both versions whose place in the apply order changed, as <c>spec.objects[ID] (position)</c> with the
    /// old and new index: those outside a longest run kept in the same relative order (longest increasing subsequence,
    /// O(n log n)), so one object moved to the front is one change, not a shift of all the others.
    /// </summary>
    private static IEnumerable<FieldChange> Moved(BundleDocument before, BundleDocument after,
        Dictionary<string, JsonObject> old, Dictionary<string, JsonObject> current)
    {
        var oldIndex = before.Objects.Select((o, i) => (Key: ObjectIdentity.Key(o), i)).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var newIndex = after.Objects.Select((o, i) => (Key: ObjectIdentity.Key(o), i)).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var common = before.Objects.Select(ObjectIdentity.Key).Where(current.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var kept = LongestIncreasing(common.Select(k => newIndex[k]).ToList()).Select(i => common[i]).ToHashSet(StringComparer.Ordinal);
        return common.Where(k => !kept.Contains(k)).OrderBy(k => newIndex[k])
            .Select(k => new FieldChange($"spec.objects[{ObjectIdentity.Id(current[k])}] (position)", oldIndex[k], newIndex[k]));
    }

    /// <summary>The indexes (into <paramref name="values"/>) of one longest strictly increasing subsequence.</summary>
    internal static List<int> LongestIncreasing(IReadOnlyList<int> values)
    {
        var tails = new List<int>(); // tails[k]: index of the smallest last value of an increasing run of length k + 1
        var previous = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (values[tails[mid]] < values[i])
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }
        var run = new List<int>(tails.Count);
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i])
        {
            run.Add(i);
        }
        run.Reverse();
        return run;
    }
}
