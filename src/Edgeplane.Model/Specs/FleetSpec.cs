namespace Edgeplane.Model.Specs;

/// <summary>The root of the fleet: ordered layers, regions with their sites, defaults and hub-wide settings.</summary>
/// <param name="Layers">Ordered layers, e.g. cloud, regional, edge.</param>
/// <param name="Regions">Regions; each may restrict which layers it holds and declares its sites.</param>
/// <param name="Defaults">The farthest scope of inheritance.</param>
/// <param name="ManagementCluster">The cluster whose bundle receives Cluster API objects, unless a cluster names another.</param>
/// <param name="Flux">Which add-on is Flux and where Helm objects for add-ons go.</param>
public sealed record FleetSpec(
    IReadOnlyList<LayerSpec> Layers,
    IReadOnlyList<RegionSpec> Regions,
    ScopeSpec Defaults,
    string? ManagementCluster,
    FluxSettingsSpec Flux)
{
    /// <summary>Which add-on runs k3s/RKE2 upgrade Plans (<c>spec.systemUpgrade</c>).</summary>
    public SystemUpgradeSettingsSpec SystemUpgrade { get; init; } = SystemUpgradeSettingsSpec.Default;
}
