using System.Text.RegularExpressions;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Kubernetes versions a cluster's upgrade machinery can take: k3s and RKE2 versions carry only their own build suffix
/// (<c>+k3s1</c>, <c>+rke2r1</c>), which the system-upgrade-controller Plan uses as the image tag; a cluster that Cluster
/// API provisions needs a full <c>v1.MINOR.PATCH</c>, which kubeadm installs, and a provisioned k3s cluster a full k3s
/// release <c>v1.MINOR.PATCH+k3sN</c>, which cluster-api-k3s installs.
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
            ClusterProvider.K3s when spec.Provisioning is not null && (version.Patch is null || !ProvisionedK3sSuffix().IsMatch(version.Suffix)) =>
                "cannot be installed by Cluster API's k3s provider, which installs a k3s release: write v1.MINOR.PATCH+k3sN, e.g. v1.30.4+k3s1",
            ClusterProvider.K3s when !K3sSuffix().IsMatch(version.Suffix) => "is not a k3s version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+k3sN, e.g. v1.30.4+k3s1",
            ClusterProvider.Rke2 when !Rke2Suffix().IsMatch(version.Suffix) => "is not an RKE2 version: write v1.MINOR, v1.MINOR.PATCH or v1.MINOR.PATCH+rke2rN, e.g. v1.30.4+rke2r1",
            not ClusterProvider.K3s when spec.Provisioning is not null && (version.Patch is null || version.Suffix.Contains('+', StringComparison.Ordinal)) =>
                "cannot be installed by Cluster API, which needs a full version without a build suffix: write v1.MINOR.PATCH, e.g. v1.30.4",
            _ => null,
        };
        if (problem is null || KubernetesVersionOrigin.Find(_fleet, cluster) is not { } found)
        {
            return;
        }
        var provider = spec.Provider.ToString().ToLowerInvariant();
        var at = found.Own ? found.At : cluster.Origin.Locate("spec", spec.Provisioning is null ? "provider" : "provisioning");
        var from = found.Own ? "" : $" (inherited from {found.Where} at {found.At})";
        Error(at, "InvalidVersion", $"Cluster \"{cluster.Name}\" ({provider}): kubernetesVersion \"{found.Version}\"{from} {problem}");
    }

    [GeneratedRegex("^(-rc[0-9]+)?(\\+k3s[0-9]+)?$")]
    private static partial Regex K3sSuffix();

    [GeneratedRegex("^(-rc[0-9]+)?\\+k3s[0-9]+$")]
    private static partial Regex ProvisionedK3sSuffix();

    [GeneratedRegex("^(-rc[0-9]+)?(\\+rke2r[0-9]+)?$")]
    private static partial Regex Rke2Suffix();
}
