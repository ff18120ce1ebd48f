namespace Edgeplane.Model.Specs;

/// <summary>A site (a physical location) inside a region, with its inherited settings.</summary>
/// <param name="Name">DNS-1123 label, unique across the fleet.</param>
/// <param name="Settings">Settings for every cluster at the site.</param>
public sealed record SiteSpec(string Name, ScopeSpec Settings);
