namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A workspace of the last applied revision (<see cref="Revision"/>): its members with their roles, the namespaces it
/// owns, the clusters its <c>spec.targets</c> select, and its Applications and NetworkFunctions with the clusters their
/// placement selects.
/// </summary>
public sealed record WorkspaceResponse(
    string Name, string Revision, IReadOnlyList<WorkspaceMemberResponse> Members, IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Clusters, IReadOnlyList<WorkloadResponse> Applications);

/// <summary>A member subject (<c>user:…</c>, <c>group:…</c>) and its role in the workspace (<c>admin</c>, <c>member</c>, <c>viewer</c>).</summary>
public sealed record WorkspaceMemberResponse(string Subject, string Role);

/// <summary>An Application or NetworkFunction (<see cref="Kind"/>) of a workspace, its namespace and where it is placed.</summary>
public sealed record WorkloadResponse(string Kind, string Name, string Namespace, IReadOnlyList<string> Clusters);
