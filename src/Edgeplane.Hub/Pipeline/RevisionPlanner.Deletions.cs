using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Pipeline;

internal static partial class RevisionPlanner
{
    /// <summary>
    /// The stored desired digests whose object identities the deletion check needs: those of the clusters whose content
    /// changed and that had objects before and still have some (removed and emptied clusters are held on their own).
    /// Only these are compared, so a commit that changes one cluster reads one old identity set.
    /// </summary>
    public static IReadOnlySet<string> DigestsToCompare(IReadOnlyList<CompiledCluster> compiled, IReadOnlyDictionary<string, DesiredCluster> desired) =>
        Compared(compiled, desired).Select(c => c.Current.Digest!).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(CompiledCluster Cluster, DesiredCluster Current)> Compared(
        IReadOnlyList<CompiledCluster> compiled, IReadOnlyDictionary<string, DesiredCluster> desired) =>
        compiled
            .Select(c => (Cluster: c, Current: desired.GetValueOrDefault(c.Declaration.Name)))
            .Where(c => c.Current is { Digest: not null, ObjectCount: > 0 } && c.Cluster.Bundle.ObjectCount > 0
                && c.Current.ContentDigest != c.Cluster.Bundle.ContentDigest)
            .Select(c => (c.Cluster, c.Current!));

    /// <summary>
    /// Clusters on which more than <see cref="DeletionReview.MaxDeletionShare"/> of the objects (identities in the
    /// current desired bundle that the new one lacks) would be deleted; exactly the share is not held. Sorted by name.
    /// </summary>
    private static List<ClusterDeletion> MassDeletions(IReadOnlyList<CompiledCluster> compiled, IReadOnlyDictionary<string, DesiredCluster> desired,
        IReadOnlyDictionary<string, ObjectIdentitySet> identities, DeletionReview review)
    {
        var found = new List<ClusterDeletion>();
        foreach (var (cluster, current) in Compared(compiled, desired))
        {
            if (!review.Before.TryGetValue(current.Digest!, out var before) || before.Count == 0)
            {
                continue;
            }
            var deleted = before.CountMissingFrom(identities[cluster.Bundle.Digest]);
            // In decimal, so a share like 0.3 of 10 objects is exactly 3 (in double it is 3.0000000000000004).
            if (deleted > (decimal)review.MaxDeletionShare * before.Count)
            {
                found.Add(new ClusterDeletion(cluster.Declaration.Name, deleted, before.Count, review.MaxDeletionShare));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Cluster, b.Cluster));
        return found;
    }

    /// <summary>Workspaces that had at least one Application at the last applied revision and have none now. Sorted by name.</summary>
    private static List<(string Workspace, int Had)> EmptiedWorkspaces(DeletionReview review) =>
        review.WorkspacesBefore is null || review.WorkspacesNow is null
            ? []
            : review.WorkspacesBefore.Where(w => w.Value > 0 && review.WorkspacesNow.GetValueOrDefault(w.Key) == 0)
                .OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (w.Key, w.Value)).ToList();

    /// <summary>The object identities of every new bundle, by digest, computed in parallel (the store keeps them too).</summary>
    private static Dictionary<string, ObjectIdentitySet> IdentitiesOf(IEnumerable<CompiledBundle> bundles)
    {
        var list = bundles.ToList();
        var sets = new ObjectIdentitySet[list.Count];
        Parallel.For(0, list.Count, i => sets[i] = ObjectIdentitySet.Of(list[i]));
        var result = new Dictionary<string, ObjectIdentitySet>(list.Count, StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            result[list[i].Digest] = sets[i];
        }
        return result;
    }

    private sealed record ClusterDeletion(string Cluster, int Deleted, int Before, double MaxShare);
}
