namespace Edgeplane.Model.Specs;

/// <summary>One layer of the fleet (cloud, regional, edge…), with its inherited settings.</summary>
/// <param name="Name">DNS-1123 label.</param>
/// <param name="RequireSite">Clusters of this layer must name a site.</param>
/// <param name="Settings">Settings for every cluster of the layer.</param>
public sealed record LayerSpec(string Name, bool RequireSite, ScopeSpec Settings);
