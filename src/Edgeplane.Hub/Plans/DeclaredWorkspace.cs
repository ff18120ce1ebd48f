namespace Edgeplane.Hub.Plans;

/// <summary>
/// A Workspace as the fleet repo declares it at one revision, as the hub's authorisation needs it: its members
/// (subject → <c>admin</c>, <c>member</c> or <c>viewer</c>; a subject listed twice keeps its strongest role), its
/// namespaces, and the declared clusters its <c>spec.targets</c> select.
/// </summary>
internal sealed record DeclaredWorkspace(
    string Name, IReadOnlyDictionary<string, string> Members, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Clusters);
