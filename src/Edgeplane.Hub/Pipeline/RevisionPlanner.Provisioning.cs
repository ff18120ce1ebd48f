using Edgeplane.Hub.Store;
using Edgeplane.Model.Specs;

namespace Edgeplane.Hub.Pipeline;

internal static partial class RevisionPlanner
{
    /// <summary>
    /// The clusters whose Cluster API objects leave their management cluster's bundle with this revision: provisioned
    /// clusters it removes, and declared ones whose provisioning it drops or moves to another management cluster. Pruning
    /// those objects is what deletes a real cluster, unless they are annotated to be retained. Cluster → the management
    /// cluster that has them now.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Deprovisioned(IReadOnlyList<CompiledCluster> compiled,
        IReadOnlyDictionary<string, DesiredCluster> desired)
    {
        var now = compiled.ToDictionary(c => c.Declaration.Name, c => c.Declaration.Provisioning?.ManagementCluster, StringComparer.Ordinal);
        return desired.Values
            .Where(d => d.ManagementCluster is not null && (!now.TryGetValue(d.Name, out var management) || management != d.ManagementCluster))
            .ToDictionary(d => d.Name, d => d.ManagementCluster!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The hold's words for <paramref name="deprovisioned"/>: which real clusters approving deletes (deletion policy
    /// Delete, or objects without the annotation, which are pruned like any object) and which keep running (Retain), and,
    /// for those still declared, that the revision stops provisioning them (a hold on its own).
    /// </summary>
    private static List<string> ProvisioningFindings(IReadOnlyDictionary<string, string> deprovisioned, IReadOnlyList<string> removed,
        IReadOnlyDictionary<string, DeletionPolicy?> policies)
    {
        var parts = new List<string>();
        var kept = deprovisioned.Keys.Where(c => !removed.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (kept.Count > 0)
        {
            parts.Add($"it stops provisioning {kept.Count} cluster(s) through their management cluster: {Names(kept.Select(c => $"{c} (on {deprovisioned[c]})").ToList())}");
        }
        var all = deprovisioned.Keys.Order(StringComparer.Ordinal).ToList();
        var deleting = all.Where(c => policies.GetValueOrDefault(c) == DeletionPolicy.Delete).ToList();
        var unknown = all.Where(c => policies.GetValueOrDefault(c) is null).ToList();
        var retained = all.Where(c => policies.GetValueOrDefault(c) == DeletionPolicy.Retain).ToList();
        if (deleting.Count > 0)
        {
            parts.Add($"approving DELETES the real cluster of {deleting.Count} Cluster API cluster(s): " +
                Names(deleting.Select(c => $"{c} (deletionPolicy Delete: its Cluster API objects are pruned from {deprovisioned[c]})").ToList()));
        }
        if (unknown.Count > 0)
        {
            parts.Add($"approving prunes the Cluster API objects of {unknown.Count} cluster(s), which deletes the real cluster unless they are annotated "
                + $"edgeplane.dev/deletion-policy: Retain: {Names(unknown.Select(c => $"{c} (on {deprovisioned[c]})").ToList())}");
        }
        if (retained.Count > 0)
        {
            parts.Add($"{retained.Count} Cluster API cluster(s) keep running: " +
                Names(retained.Select(c => $"{c} (deletionPolicy Retain: its Cluster API objects stay on {deprovisioned[c]}, no longer managed)").ToList()));
        }
        return parts;
    }
}
