using Edgeplane.Hub.Plans;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Hub.Pipeline;

/// <summary>Reads each Workspace of a loaded fleet into a <see cref="DeclaredWorkspace"/>, with the compiled clusters it targets.</summary>
internal static class WorkspaceDeclarations
{
    /// <summary>Every workspace of <paramref name="fleet"/>, with the clusters of <paramref name="clusters"/> its <c>spec.targets</c> select.</summary>
    public static IReadOnlyList<DeclaredWorkspace> From(FleetSnapshot fleet, IReadOnlyList<CompiledCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(clusters);
        return fleet.Workspaces.Select(w => new DeclaredWorkspace(w.Name, StrongestRoles(w.Spec.Members), w.Spec.Namespaces,
            clusters.Select(c => c.Declaration)
                .Where(d => w.Spec.Targets.Matches(d.Name, d.Layer, d.Region ?? "", d.Site, d.Labels))
                .Select(d => d.Name).ToList())).ToList();
    }

    private static Dictionary<string, string> StrongestRoles(IReadOnlyList<WorkspaceMemberSpec> members)
    {
        var roles = new Dictionary<string, WorkspaceRole>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            // WorkspaceRole orders Admin < Member < Viewer: the smaller value is the stronger role.
            roles[member.Subject] = roles.TryGetValue(member.Subject, out var known) && known < member.Role ? known : member.Role;
        }
        return roles.ToDictionary(r => r.Key, r => r.Value.ToString().ToLowerInvariant(), StringComparer.Ordinal);
    }
}
