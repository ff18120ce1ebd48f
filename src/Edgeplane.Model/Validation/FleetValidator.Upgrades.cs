using System.Text.RegularExpressions;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Kubernetes versions a cluster's upgrade machinery can take: k3s and RKE2 versions carry only their own build suffix
/// (<c>+k3s1</c>, <c>+rke2r1</c>), which the system-upgrade-controller Plan uses as the image tag; a cluster that Cluster
/// API provisions needs a full <c>v1.MINOR.PATCH</c>, which kubeadm installs.
/// </summary>
internal sealed partial class FleetValidator
{
    /// <summary>A renamed upgrade add-on must exist; the default name may be absent (then no cluster gets Plans).</summary>
    private void CheckSystemUpgrade()
    {
        var name = FleetSpec.SystemUpgrade.AddOn;
        if (name != SystemUpgradeSettingsSpec.Default.AddOn)
        {
            Known(name, _fleet.AddOns.Names, _fleet.Fleet.Origin.Locate("spec", "systemUpgrade", "addOn"), FleetOwner, "an AddOn", "spec.systemUpgrade.addOn");
        }
    }

    private void CheckVersionFits(FleetResource<ClusterSpec> cluster)
    {
        if (!KubernetesVersions.TryParse(EffectiveVersion(cluster), out var version))
        {
            return;
        }
        var spec = cluster.Spec;
        var problem = spec.Provider switch
        {
            ClusterProvider.K3s when !K3sSuffix().IsMatch(version.Suffix) => "is not a k3s version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+k3sN, e.g. v1.30.4+k3s1",
            ClusterProvider.Rke2 when !Rke2Suffix().IsMatch(version.Suffix) => "is not an RKE2 version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+rke2rN, e.g. v1.30.4+rke2r1",
            _ when spec.Provisioning is not null && (version.Patch is null || version.Suffix.Contains('+', StringComparison.Ordinal)) =>
                "cannot be installed by Cluster API, which needs a full version without a build suffix: write v1.MINOR.PATCH, e.g. v1.30.4",
            _ => null,
        };
        if (problem is null || VersionOrigin(cluster) is not { } found)
        {
            return;
        }
        var provider = spec.Provider.ToString().ToLowerInvariant();
        var at = found.Own ? found.At : cluster.Origin.Locate("spec", spec.Provisioning is null ? "provider" : "provisioning");
        var from = found.Own ? "" : $" (inherited from {found.Where} at {found.At})";
        Error(at, "InvalidVersion", $"Cluster \"{cluster.Name}\" ({provider}): kubernetesVersion \"{found.Version}\"{from} {problem}");
    }

    /// <summary>The nearest scope that sets the cluster's Kubernetes version: the version, where it is written and which scope that is.</summary>
    private (string Version, SourceLocation At, string Where, bool Own)? VersionOrigin(FleetResource<ClusterSpec> cluster)
    {
        var spec = cluster.Spec;
        if (spec.Settings.KubernetesVersion is { } own)
        {
            return (own, cluster.Origin.Locate("spec", "kubernetesVersion"), "the cluster", true);
        }
        var origin = _fleet.Fleet.Origin;
        var r = IndexOf(FleetSpec.Regions, x => x.Name == spec.Region);
        var s = r < 0 || spec.Site is null ? -1 : IndexOf(FleetSpec.Regions[r].Sites, x => x.Name == spec.Site);
        if (s >= 0 && FleetSpec.Regions[r].Sites[s].Settings.KubernetesVersion is { } site)
        {
            return (site, origin.Locate("spec", "regions", $"{r}", "sites", $"{s}", "kubernetesVersion"), $"site \"{spec.Site}\"", false);
        }
        if (r >= 0 && FleetSpec.Regions[r].Settings.KubernetesVersion is { } region)
        {
            return (region, origin.Locate("spec", "regions", $"{r}", "kubernetesVersion"), $"region \"{spec.Region}\"", false);
        }
        var l = IndexOf(FleetSpec.Layers, x => x.Name == spec.Layer);
        if (l >= 0 && FleetSpec.Layers[l].Settings.KubernetesVersion is { } layer)
        {
            return (layer, origin.Locate("spec", "layers", $"{l}", "kubernetesVersion"), $"layer \"{spec.Layer}\"", false);
        }
        return FleetSpec.Defaults.KubernetesVersion is { } fleet
            ? (fleet, origin.Locate("spec", "defaults", "kubernetesVersion"), "the Fleet defaults", false)
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

    [GeneratedRegex("^(-rc[0-9]+)?(\\+k3s[0-9]+)?$")]
    private static partial Regex K3sSuffix();

    [GeneratedRegex("^(-rc[0-9]+)?(\\+rke2r[0-9]+)?$")]
    private static partial Regex Rke2Suffix();
}
