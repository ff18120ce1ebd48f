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
        return fleet.Workspaces.Select(w =>
        {
            var targeted = clusters.Select(c => c.Declaration)
                .Where(d => w.Spec.Targets.Matches(d.Name, d.Layer, d.Region ?? "", d.Site, d.Labels)).ToList();
            return new DeclaredWorkspace(w.Name, StrongestRoles(w.Spec.Members), w.Spec.Namespaces, targeted.Select(d => d.Name).ToList())
            {
                Workloads =
                [
                    .. fleet.Applications.Where(a => a.Spec.Workspace == w.Name)
                        .Select(a => new DeclaredWorkload("Application", a.Name, a.Spec.Namespace, Placed(a.Spec.Placement, targeted))),
                    .. fleet.NetworkFunctions.Where(n => n.Spec.Workspace == w.Name)
                        .Select(n => new DeclaredWorkload("NetworkFunction", n.Name, n.Spec.Namespace, Placed(n.Spec.Placement, targeted))),
                ],
            };
        }).ToList();
    }

    /// <summary>The workspace's clusters a workload's placement selects (it never lands outside its workspace's targets).</summary>
    private static List<string> Placed(PlacementSpec placement, IReadOnlyList<DeclaredCluster> targeted) =>
        targeted.Where(d => placement.Matches(d.Name, d.Layer, d.Region ?? "", d.Site, d.Labels)).Select(d => d.Name).ToList();

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
