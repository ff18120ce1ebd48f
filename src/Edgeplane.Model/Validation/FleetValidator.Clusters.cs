using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    private void CheckCluster(FleetResource<ClusterSpec> cluster)
    {
        var spec = cluster.Spec;
        var origin = cluster.Origin;
        var owner = $"Cluster \"{cluster.Name}\"";
        CheckScope(spec.Settings, owner, p => origin.Locate(["spec", .. p]), "spec");
        var layer = FleetSpec.Layers.FirstOrDefault(l => l.Name == spec.Layer);
        Known(spec.Layer, LayerNames, origin.Locate("spec", "layer"), owner, "a layer of the Fleet", "spec.layer");
        var region = FleetSpec.Regions.FirstOrDefault(r => r.Name == spec.Region);
        if (Known(spec.Region, RegionNames, origin.Locate("spec", "region"), owner, "a region of the Fleet", "spec.region")
            && layer is not null && region!.Layers.Count > 0 && !region.Layers.Contains(spec.Layer))
        {
            Error(origin.Locate("spec", "layer"), "LayerNotInRegion",
                $"{owner}: region \"{region.Name}\" holds only the layers {string.Join(", ", region.Layers)}, not \"{spec.Layer}\"");
        }
        CheckSite(cluster, layer, region);
        if (EffectiveVersion(cluster) is null)
        {
            Error(origin.Location, "RequiredField",
                $"{owner}: no Kubernetes version: set spec.kubernetesVersion here or on its site, region, layer or the Fleet defaults");
        }
        CheckVersionFits(cluster);
        if (spec.Provisioning is { } provisioning)
        {
            CheckProvisioning(cluster, provisioning);
        }
    }

    private void CheckSite(FleetResource<ClusterSpec> cluster, LayerSpec? layer, RegionSpec? region)
    {
        var spec = cluster.Spec;
        var owner = $"Cluster \"{cluster.Name}\"";
        if (spec.Site is null)
        {
            if (layer is { RequireSite: true })
            {
                Error(cluster.Origin.Locate("spec"), "RequiredField", $"{owner}: spec.site is required in layer \"{layer.Name}\"");
            }
            return;
        }
        var at = cluster.Origin.Locate("spec", "site");
        var home = _sites.TryGetValue(spec.Site, out var found) ? found.Region : null;
        if (home is null)
        {
            var candidates = region?.Sites.Select(s => s.Name) ?? FleetSpec.Regions.SelectMany(r => r.Sites).Select(s => s.Name);
            Known(spec.Site, candidates, at, owner, region is null ? "a site of the Fleet" : $"a site of region \"{region.Name}\"", "spec.site");
        }
        else if (region is not null && home.Name != region.Name)
        {
            Error(at, "SiteNotInRegion", $"{owner}: site \"{spec.Site}\" belongs to region \"{home.Name}\", not \"{region.Name}\"");
        }
    }

    private string? EffectiveVersion(FleetResource<ClusterSpec> cluster)
    {
        var spec = cluster.Spec;
        var region = FleetSpec.Regions.FirstOrDefault(r => r.Name == spec.Region);
        return spec.Settings.KubernetesVersion
            ?? (spec.Site is not null && _sites.TryGetValue(spec.Site, out var site) ? site.Site.Settings.KubernetesVersion : null)
            ?? region?.Settings.KubernetesVersion
            ?? FleetSpec.Layers.FirstOrDefault(l => l.Name == spec.Layer)?.Settings.KubernetesVersion
            ?? FleetSpec.Defaults.KubernetesVersion;
    }

    private void CheckProvisioning(FleetResource<ClusterSpec> cluster, ProvisioningSpec provisioning)
    {
        var owner = $"Cluster \"{cluster.Name}\"";
        var origin = cluster.Origin;
        if (Known(provisioning.Template, _fleet.ClusterTemplates.Names, origin.Locate("spec", "provisioning", "template"), owner,
                "a ClusterTemplate", "spec.provisioning.template"))
        {
            CheckParameters(cluster, provisioning, _fleet.ClusterTemplates.Find(provisioning.Template)!);
        }
        var management = provisioning.ManagementCluster ?? FleetSpec.ManagementCluster;
        var at = provisioning.ManagementCluster is null ? origin.Locate("spec", "provisioning") : origin.Locate("spec", "provisioning", "managementCluster");
        if (management is null)
        {
            Error(at, "RequiredField", $"{owner}: provisioning needs a management cluster: set spec.provisioning.managementCluster or the Fleet's spec.managementCluster");
        }
        else if (management == cluster.Name)
        {
            Error(at, "InvalidReference", $"{owner}: a cluster cannot be its own management cluster");
        }
        else if (provisioning.ManagementCluster is not null)
        {
            Known(management, _fleet.Clusters.Names, at, owner, "a cluster", "spec.provisioning.managementCluster");
        }
    }
}
