using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    private void CheckRollouts()
    {
        var governedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rollout in _fleet.Rollouts)
        {
            var owner = $"Rollout \"{rollout.Name}\"";
            var spec = rollout.Spec;
            CheckPlacement(spec.Clusters, rollout.Origin, owner, "spec", "clusters");
            UniqueIn(spec.Waves.Select(w => w.Name).ToList(), rollout.Origin, owner, "waves", "wave");
            UniqueIn(spec.HealthGates.Select(g => g.Name).ToList(), rollout.Origin, owner, "healthGates", "health gate");
            UniqueIn(spec.MaintenanceWindows.Select(w => w.Name).ToList(), rollout.Origin, owner, "maintenanceWindows", "maintenance window");
            for (var i = 0; i < spec.Waves.Count; i++)
            {
                CheckPlacement(spec.Waves[i].Target, rollout.Origin, owner, "spec", "waves", $"{i}", "target");
            }
            for (var i = 0; i < spec.MaintenanceWindows.Count; i++)
            {
                if (spec.MaintenanceWindows[i].Target is { } target)
                {
                    CheckPlacement(target, rollout.Origin, owner, "spec", "maintenanceWindows", $"{i}", "target");
                }
            }
            foreach (var cluster in _fleet.Clusters.Where(c => Places(spec.Clusters, c)))
            {
                if (!governedBy.TryAdd(cluster.Name, rollout.Name))
                {
                    Error(rollout.Origin.Locate("spec", "clusters"), "OverlappingRollouts",
                        $"{owner}: cluster \"{cluster.Name}\" is already governed by Rollout \"{governedBy[cluster.Name]}\"; a cluster follows one rollout");
                }
            }
        }
    }

    private static bool Places(PlacementSpec placement, FleetResource<ClusterSpec> cluster) =>
        placement.Matches(cluster.Name, cluster.Spec.Layer, cluster.Spec.Region, cluster.Spec.Site, cluster.Labels);

    private void UniqueIn(IReadOnlyList<string> names, ResourceOrigin origin, string owner, string key, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!seen.Add(names[i]))
            {
                Error(origin.Locate("spec", key, $"{i}", "name"), "DuplicateName", $"{owner}: {what} \"{names[i]}\" is declared twice");
            }
        }
    }
}
