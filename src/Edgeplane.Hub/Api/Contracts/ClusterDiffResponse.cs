namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One cluster in a revision diff: <c>added</c> (new to the fleet), <c>removed</c> or <c>changed</c>, its desired bundle
/// before and after, and its objects: ids of those added and removed, the changed ones with their fields (changed first,
/// then added, then removed, at most <see cref="RevisionDiffLimits.MaxObjects"/> in all; the rest counted).
/// </summary>
/// <param name="Name">The cluster.</param>
/// <param name="Change"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
/// <param name="From">Its desired bundle digest before the revision; null when added.</param>
/// <param name="To">Its desired bundle digest after; null when removed.</param>
/// <param name="Objects">How many objects were added, removed and changed, all of them.</param>
/// <param name="Added">Ids (<c>apiVersion/Kind/namespace/name</c>) of objects added, in apply order.</param>
/// <param name="Removed">Ids of objects removed.</param>
/// <param name="Changed">Objects changed, with their fields.</param>
/// <param name="OmittedObjects">Objects left out of the three lists.</param>
public sealed record ClusterDiffResponse(
    string Name,
    string Change,
    string? From,
    string? To,
    DiffCounts Objects,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<ObjectDiffResponse> Changed,
    int OmittedObjects)
{
    /// <summary>Why the objects could not be compared (a bundle missing from the store or unreadable); null when they were.</summary>
    public string? Note { get; init; }
}
