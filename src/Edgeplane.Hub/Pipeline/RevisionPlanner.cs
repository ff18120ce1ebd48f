using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Decides what a compiled revision changes against the stored desired state. Pure.
/// A cluster whose content digest is unchanged keeps its desired digest (and revision), so a commit that does not
/// touch a cluster's objects does not move it. A revision that removes clusters, or empties a cluster that had
/// objects, is held unless an admin approved it.
/// </summary>
internal static class RevisionPlanner
{
    /// <summary>Most cluster names listed in a hold reason.</summary>
    public const int MaxNamesInReason = 50;

    public static PlanDecision Plan(long revisionId, string sha, IReadOnlyList<CompiledCluster> compiled,
        IReadOnlyDictionary<string, DesiredCluster> desired, bool approved)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<DesiredChange>();
        var bundles = new Dictionary<string, CompiledBundle>(StringComparer.Ordinal);
        var emptied = new List<string>();
        foreach (var cluster in compiled)
        {
            var name = cluster.Declaration.Name;
            if (!names.Add(name))
            {
                throw new InvalidOperationException($"compiler returned cluster '{name}' twice");
            }
            var bundle = cluster.Bundle;
            desired.TryGetValue(name, out var current);
            if (bundle.ObjectCount == 0 && current is { ObjectCount: > 0 })
            {
                emptied.Add(name);
            }
            if (current?.Digest is not null && current.ContentDigest == bundle.ContentDigest)
            {
                continue;
            }
            changes.Add(new DesiredChange(name, bundle.Digest, bundle.ContentDigest, bundle.ObjectCount));
            bundles.TryAdd(bundle.Digest, bundle);
        }
        var removed = desired.Keys.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var hold = approved || (removed.Count == 0 && emptied.Count == 0) ? null : HoldReason(sha, removed, emptied);
        return new PlanDecision(
            new RevisionPlan(revisionId, sha, compiled.Select(c => c.Declaration).ToList(), changes, [], removed),
            bundles.Values.ToList(), hold);
    }

    private static string HoldReason(string sha, List<string> removed, List<string> emptied)
    {
        var parts = new List<string>();
        if (removed.Count > 0)
        {
            parts.Add($"it removes {removed.Count} cluster(s) from the fleet: {Names(removed)}");
        }
        if (emptied.Count > 0)
        {
            emptied.Sort(StringComparer.Ordinal);
            parts.Add($"it leaves {emptied.Count} cluster(s) with zero objects: {Names(emptied)}");
        }
        return $"held: {string.Join("; and ", parts)}. Nothing changed. To accept it, an admin runs " +
            $"'edgeplane revisions approve {sha}' (POST /api/v1/revisions/{sha}/approve).";
    }

    private static string Names(List<string> names) =>
        string.Join(", ", names.Take(MaxNamesInReason)) + (names.Count > MaxNamesInReason ? $" and {names.Count - MaxNamesInReason} more" : "");
}

/// <summary>The plan (without compressed bundles yet), the bundles it needs, and a hold reason if it must wait.</summary>
internal sealed record PlanDecision(RevisionPlan Plan, IReadOnlyList<CompiledBundle> BundlesToStore, string? HoldReason);
