using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Where a cluster's Kubernetes version is written: the nearest scope that sets it (cluster → site → region → layer →
/// Fleet defaults), so an error about the version points at the line a user has to change.
/// </summary>
/// <param name="Version">The version as written.</param>
/// <param name="At">The file and line of the <c>kubernetesVersion</c> field.</param>
/// <param name="Where">The scope in words: <c>the cluster</c>, <c>site "s1"</c>, <c>layer "edge"</c>, <c>the Fleet defaults</c>.</param>
/// <param name="Own">The cluster sets the version itself.</param>
public sealed record KubernetesVersionOrigin(string Version, SourceLocation At, string Where, bool Own)
{
    /// <summary>The origin of <paramref name="cluster"/>'s version, or null when no scope sets one.</summary>
    public static KubernetesVersionOrigin? Find(FleetSnapshot fleet, FleetResource<ClusterSpec> cluster)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(cluster);
        var spec = cluster.Spec;
        if (spec.Settings.KubernetesVersion is { } own)
        {
            return new(own, cluster.Origin.Locate("spec", "kubernetesVersion"), "the cluster", true);
        }
        var fleetSpec = fleet.Fleet.Spec;
        var origin = fleet.Fleet.Origin;
        var r = IndexOf(fleetSpec.Regions, x => x.Name == spec.Region);
        var s = r < 0 || spec.Site is null ? -1 : IndexOf(fleetSpec.Regions[r].Sites, x => x.Name == spec.Site);
        if (s >= 0 && fleetSpec.Regions[r].Sites[s].Settings.KubernetesVersion is { } site)
        {
            return new(site, origin.Locate("spec", "regions", $"{r}", "sites", $"{s}", "kubernetesVersion"), $"site \"{spec.Site}\"", false);
        }
        if (r >= 0 && fleetSpec.Regions[r].Settings.KubernetesVersion is { } region)
        {
            return new(region, origin.Locate("spec", "regions", $"{r}", "kubernetesVersion"), $"region \"{spec.Region}\"", false);
        }
        var l = IndexOf(fleetSpec.Layers, x => x.Name == spec.Layer);
        if (l >= 0 && fleetSpec.Layers[l].Settings.KubernetesVersion is { } layer)
        {
            return new(layer, origin.Locate("spec", "layers", $"{l}", "kubernetesVersion"), $"layer \"{spec.Layer}\"", false);
        }
        return fleetSpec.Defaults.KubernetesVersion is { } defaults
            ? new(defaults, origin.Locate("spec", "defaults", "kubernetesVersion"), "the Fleet defaults", false)
            : null;
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
