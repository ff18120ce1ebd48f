using Edgeplane.ApiMachinery.Labels;

namespace Edgeplane.Model.Specs;

/// <summary>
/// Which clusters something lands on. Every criterion written must match (AND); inside one list, any entry may
/// match (OR). Nothing written matches nothing; write <c>selector: {}</c> for every cluster.
/// </summary>
public sealed record PlacementSpec(
    IReadOnlyList<string> Layers,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Clusters,
    LabelSelector? Selector)
{
    /// <summary>Matches no cluster.</summary>
    public static PlacementSpec None { get; } = new([], [], [], [], null);

    /// <summary>True when no criterion is written.</summary>
    public bool IsEmpty => Layers.Count == 0 && Regions.Count == 0 && Sites.Count == 0 && Clusters.Count == 0 && Selector is null;

    /// <summary>True when the cluster described by the arguments is placed.</summary>
    public bool Matches(string cluster, string layer, string region, string? site, IReadOnlyDictionary<string, string> labels) =>
        !IsEmpty
        && (Layers.Count == 0 || Layers.Contains(layer))
        && (Regions.Count == 0 || Regions.Contains(region))
        && (Sites.Count == 0 || (site is not null && Sites.Contains(site)))
        && (Clusters.Count == 0 || Clusters.Contains(cluster))
        && (Selector is null || Selector.Matches(labels));
}
