using Edgeplane.Model.Rollouts;
using Edgeplane.Protocol.Diff;
using Edgeplane.Rendering;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// The waves a change would go through, by the rules of docs/rollouts.md, with the same <see cref="WaveAssignment"/>
/// the hub's engine calls, over the rollouts of the fleet being compared (not the base's). New clusters move at once:
/// they have no previous bundle to protect. Changed clusters that no rollout governs move at once too. Each rollout's
/// waves follow, rollouts by name, waves in their order (empty waves kept, as the run shows them). Removed clusters are
/// in no wave: nothing is moved to them.
/// </summary>
internal static class WavePlanner
{
    public static IReadOnlyList<WavePreview> Plan(FleetRenderer fleet, IEnumerable<ClusterDiff> clusters)
    {
        var list = clusters.ToList();
        var waves = new List<WavePreview>();
        var added = list.Where(c => c.Change == ClusterDiff.Added).Select(c => c.Name).ToList();
        if (added.Count > 0)
        {
            waves.Add(new WavePreview(null, WavePreview.AtOnce, added, null, null, WavePreview.NewClusters));
        }
        var changed = list.Where(c => c.Change == ClusterDiff.Changed).Select(c => Member(fleet.Describe(c.Name))).ToList();
        var rollouts = fleet.Fleet.Rollouts.Select(r => (r.Name, Governed: changed.Where(m => WaveAssignment.Governs(r.Spec, m)).ToList(), r.Spec)).ToList();
        var governed = rollouts.SelectMany(r => r.Governed).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var free = changed.Where(m => !governed.Contains(m.Name)).Select(m => m.Name).ToList();
        if (free.Count > 0)
        {
            waves.Add(new WavePreview(null, WavePreview.AtOnce, free, null, null, WavePreview.Ungoverned));
        }
        foreach (var (name, members, spec) in rollouts.Where(r => r.Governed.Count > 0))
        {
            waves.AddRange(WaveAssignment.Assign(spec, members).Select(w =>
                new WavePreview(name, w.Name, w.Clusters, w.MaxUnavailable, Soak(w.SoakTime))));
        }
        return waves;
    }

    private static RolloutMember Member(EffectiveCluster cluster) =>
        new(cluster.Name, cluster.Layer, cluster.Region, cluster.Site, cluster.Labels);

    /// <summary>A soak time as the fleet files write it: <c>1h</c>, <c>15m</c>, <c>1h30m</c>, <c>45s</c>, <c>0s</c>.</summary>
    internal static string Soak(TimeSpan soak)
    {
        if (soak <= TimeSpan.Zero)
        {
            return "0s";
        }
        var text = (soak.Days > 0 ? $"{soak.Days}d" : "") + (soak.Hours > 0 ? $"{soak.Hours}h" : "") + (soak.Minutes > 0 ? $"{soak.Minutes}m" : "");
        var seconds = soak.Seconds + soak.Milliseconds / 1000.0;
        return seconds > 0 ? text + seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s" : text;
    }
}
