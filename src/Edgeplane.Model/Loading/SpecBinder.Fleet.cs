using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    public static FleetSpec Fleet(SpecReader r)
    {
        var layers = r.Has("layers")
            ? r.List("layers", l => l.Name("name", required: true) is { } name ? new LayerSpec(name, l.Bool("requireSite") ?? false, Scope(l)) : null)
            : [new LayerSpec("cloud", false, ScopeSpec.Empty), new LayerSpec("regional", false, ScopeSpec.Empty), new LayerSpec("edge", true, ScopeSpec.Empty)];
        var regions = r.List("regions", Region);
        ScopeSpec defaults = ScopeSpec.Empty;
        if (r.Object("defaults") is { } d)
        {
            defaults = Scope(d);
            d.Done();
        }
        var flux = FluxSettingsSpec.Default;
        if (r.Object("flux") is { } f)
        {
            flux = new FluxSettingsSpec(f.Name("addOn") ?? flux.AddOn, f.Name("namespace") ?? flux.Namespace);
            f.Done();
        }
        var upgrade = SystemUpgradeSettingsSpec.Default;
        if (r.Object("systemUpgrade") is { } u)
        {
            upgrade = new SystemUpgradeSettingsSpec(u.Name("addOn") ?? upgrade.AddOn);
            u.Done();
        }
        return new FleetSpec(layers, regions, defaults, r.Name("managementCluster"), flux) { SystemUpgrade = upgrade };
    }

    private static RegionSpec? Region(SpecReader r)
    {
        var name = r.Name("name", required: true);
        var layers = r.Strings("layers", names: true);
        var sites = r.List("sites", s => s.Name("name", required: true) is { } site ? new SiteSpec(site, Scope(s)) : null);
        var scope = Scope(r);
        return name is null ? null : new RegionSpec(name, layers, sites, scope);
    }

    public static ClusterSpec? Cluster(SpecReader r, IReadOnlyDictionary<string, string> labels)
    {
        var layer = r.Name("layer", required: true);
        var region = r.Name("region", required: true);
        var site = r.Name("site");
        var provider = r.Enum<ClusterProvider>("provider", required: true);
        var capabilities = r.Strings("capabilities", names: true);
        var scope = Scope(r, withLabels: false) with { Labels = labels };
        ProvisioningSpec? provisioning = null;
        if (r.Object("provisioning") is { } p)
        {
            var template = p.Name("template", required: true);
            var management = p.Name("managementCluster");
            var parameters = p.Variables("parameters");
            var deletion = p.Enum<DeletionPolicy>("deletionPolicy", pascalCase: true);
            p.Done();
            provisioning = template is null ? null
                : new ProvisioningSpec(template, management, parameters) { DeletionPolicy = deletion ?? DeletionPolicy.Retain };
        }
        return layer is null || region is null || provider is null
            ? null
            : new ClusterSpec(layer, region, site, provider.Value, capabilities, scope, provisioning);
    }
}
