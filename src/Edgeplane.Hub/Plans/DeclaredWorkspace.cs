namespace Edgeplane.Hub.Plans;

/// <summary>
/// A Workspace as the fleet repo declares it at one revision, as the hub's authorisation needs it: its members
/// (subject → <c>admin</c>, <c>member</c> or <c>viewer</c>; a subject listed twice keeps its strongest role), its
/// namespaces, and the declared clusters its <c>spec.targets</c> select.
/// </summary>
internal sealed record DeclaredWorkspace(
    string Name, IReadOnlyDictionary<string, string> Members, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Clusters)
{
    /// <summary>Its Applications and NetworkFunctions, each with the clusters its placement selects among <see cref="Clusters"/>.</summary>
    public IReadOnlyList<DeclaredWorkload> Workloads { get; init; } = [];
}

/// <summary>A workspace's Application or NetworkFunction (<paramref name="Kind"/>) and where it is placed.</summary>
internal sealed record DeclaredWorkload(string Kind, string Name, string Namespace, IReadOnlyList<string> Clusters);
