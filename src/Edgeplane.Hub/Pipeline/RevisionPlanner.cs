using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Decides what a compiled revision changes against the stored desired state. Pure.
/// A cluster whose content digest is unchanged keeps its desired digest (and revision), so a commit that does not
/// touch a cluster's objects does not move it. A revision that removes clusters, empties a cluster that had objects,
/// deletes more than a share of the objects on a cluster, removes every Application of a workspace, or stops
/// provisioning a cluster through Cluster API is held unless an admin approved it (the mass deletion and workspace
/// checks need a <see cref="DeletionReview"/>, which also says what approving does to provisioned clusters' real
/// clusters: deleted, or kept by their deletion policy Retain).
/// </summary>
internal static partial class RevisionPlanner
{
    /// <summary>Most cluster (or workspace) names listed in a hold reason.</summary>
    public const int MaxNamesInReason = 50;

    public static PlanDecision Plan(long revisionId, string sha, IReadOnlyList<CompiledCluster> compiled,
        IReadOnlyDictionary<string, DesiredCluster> desired, bool approved, DeletionReview? review = null)
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
        var identities = IdentitiesOf(bundles.Values);
        var deprovisioned = Deprovisioned(compiled, desired);
        var findings = new HoldFindings(removed, emptied,
            approved || review is null ? [] : MassDeletions(compiled, desired, identities, review),
            approved || review is null ? [] : EmptiedWorkspaces(review),
            deprovisioned.Count == 0 ? [] : ProvisioningFindings(deprovisioned, removed, review?.ProvisionedPolicies ?? new Dictionary<string, Edgeplane.Model.Specs.DeletionPolicy?>()),
            deprovisioned.Keys.Any(c => !removed.Contains(c)));
        var plan = new RevisionPlan(revisionId, sha, compiled.Select(c => c.Declaration).ToList(), changes, [], removed)
        {
            WorkspaceApplications = review?.WorkspacesNow,
        };
        return new PlanDecision(plan, bundles.Values.ToList(), approved || findings.None ? null : HoldReason(sha, findings), identities);
    }

    private static string HoldReason(string sha, HoldFindings findings)
    {
        var parts = new List<string>();
        if (findings.Removed.Count > 0)
        {
            parts.Add($"it removes {findings.Removed.Count} cluster(s) from the fleet: {Names(findings.Removed)}");
        }
        if (findings.Emptied.Count > 0)
        {
            findings.Emptied.Sort(StringComparer.Ordinal);
            parts.Add($"it leaves {findings.Emptied.Count} cluster(s) with zero objects: {Names(findings.Emptied)}");
        }
        if (findings.Deletions.Count > 0)
        {
            parts.Add($"it deletes more than {Percent(findings.Deletions[0].MaxShare)} of the objects on {findings.Deletions.Count} " +
                $"cluster(s): {Names(findings.Deletions.Select(d => $"{d.Cluster} ({d.Deleted} of {d.Before}, {Percent((double)d.Deleted / d.Before)})").ToList())}");
        }
        if (findings.Workspaces.Count > 0)
        {
            parts.Add($"it removes every Application of {findings.Workspaces.Count} workspace(s): " +
                Names(findings.Workspaces.Select(w => $"{w.Workspace} (had {w.Had})").ToList()));
        }
        parts.AddRange(findings.Provisioning);
        return $"held: {string.Join("; and ", parts)}. Nothing changed. To accept it, an admin runs " +
            $"'edgeplane revisions approve {sha}' (POST /api/v1/revisions/{sha}/approve).";
    }

    private static string Names(List<string> names) =>
        string.Join(", ", names.Take(MaxNamesInReason)) + (names.Count > MaxNamesInReason ? $" and {names.Count - MaxNamesInReason} more" : "");

    private static string Percent(double share) => (share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <param name="Provisioning">What approving does to real clusters whose Cluster API objects leave their management cluster's bundle.</param>
    /// <param name="StopsProvisioning">A declared cluster loses its provisioning (held on its own; removed clusters are held as removed).</param>
    private sealed record HoldFindings(List<string> Removed, List<string> Emptied, List<ClusterDeletion> Deletions,
        List<(string Workspace, int Had)> Workspaces, List<string> Provisioning, bool StopsProvisioning)
    {
        public bool None => Removed.Count == 0 && Emptied.Count == 0 && Deletions.Count == 0 && Workspaces.Count == 0 && !StopsProvisioning;
    }
}

/// <summary>
/// The plan (without compressed bundles yet), the bundles it needs with their object identities (by digest), and a
/// hold reason if it must wait.
/// </summary>
internal sealed record PlanDecision(RevisionPlan Plan, IReadOnlyList<CompiledBundle> BundlesToStore, string? HoldReason,
    IReadOnlyDictionary<string, ObjectIdentitySet> Identities);
