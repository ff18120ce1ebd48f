using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// A workspace's members inside its namespaces: in each owned namespace, one RoleBinding per role that has members,
/// binding the members' users and groups to Kubernetes' built-in namespaced roles (admin → <c>admin</c>, member →
/// <c>edit</c>, viewer → <c>view</c>). The names are fixed, so a removed member leaves the subject list of the next
/// revision and a role left without members leaves the bundle (and is pruned).
/// </summary>
internal static class WorkspaceAccess
{
    /// <summary>The RoleBinding name and bound ClusterRole of each workspace role.</summary>
    public static (string Binding, string ClusterRole) Of(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin => ("edgeplane-workspace-admins", "admin"),
        WorkspaceRole.Member => ("edgeplane-workspace-members", "edit"),
        _ => ("edgeplane-workspace-viewers", "view"),
    };

    /// <summary>The members' RoleBindings in <paramref name="ns"/>, in role order (admin, member, viewer).</summary>
    public static IEnumerable<JsonObject> RoleBindings(string ns, string workspace, IReadOnlyList<WorkspaceMemberSpec> members)
    {
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            var subjects = members.Where(m => m.Role == role).Select(m => WorkspaceMemberSpec.Parse(m.Subject)).OfType<(string Kind, string Name)>()
                .Distinct().OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            if (subjects.Count == 0)
            {
                continue;
            }
            var (binding, clusterRole) = Of(role);
            yield return new JsonObject
            {
                ["apiVersion"] = "rbac.authorization.k8s.io/v1",
                ["kind"] = "RoleBinding",
                ["metadata"] = WorkspacePolicies.Metadata(binding, ns, workspace),
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = clusterRole },
                ["subjects"] = new JsonArray([.. subjects.Select(s => (JsonNode)new JsonObject
                {
                    ["apiGroup"] = "rbac.authorization.k8s.io",
                    ["kind"] = s.Kind,
                    ["name"] = s.Name,
                })]),
            };
        }
    }
}
