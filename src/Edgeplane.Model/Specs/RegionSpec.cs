namespace Edgeplane.Model.Specs;

/// <summary>A region: which layers may have clusters in it, its sites and its inherited settings.</summary>
/// <param name="Name">DNS-1123 label.</param>
/// <param name="Layers">Layers allowed in the region; empty means all.</param>
/// <param name="Sites">Sites of the region; site names are unique across the fleet.</param>
/// <param name="Settings">Settings for every cluster of the region.</param>
public sealed record RegionSpec(string Name, IReadOnlyList<string> Layers, IReadOnlyList<SiteSpec> Sites, ScopeSpec Settings);
