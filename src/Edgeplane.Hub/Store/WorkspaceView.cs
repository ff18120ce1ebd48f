using Edgeplane.Hub.Plans;

namespace Edgeplane.Hub.Store;

/// <summary>A stored workspace: who its members are, what it owns, the clusters it targets and where its workloads are placed.</summary>
internal sealed record WorkspaceView(
    string Name, string Revision, IReadOnlyDictionary<string, string> Members, IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Clusters, IReadOnlyList<DeclaredWorkload> Workloads);
