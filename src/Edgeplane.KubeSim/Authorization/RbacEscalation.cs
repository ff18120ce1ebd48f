using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// RBAC's escalation prevention, which kube-apiserver runs when Roles and bindings are written (whatever the
/// authoriser): a Role or ClusterRole may be created or updated only by a user who already holds every permission in it
/// at that scope, or may <c>escalate</c> on it; a RoleBinding or ClusterRoleBinding only by a user who holds every
/// permission of the role it references at the binding's scope, or may <c>bind</c> that role. An aggregated ClusterRole
/// needs cluster-admin's permissions. KubeSim runs it for impersonated writers; its administrator callers hold everything.
/// </summary>
internal static class RbacEscalation
{
    private static readonly PolicyRule[] FullAuthority = [.. BuiltinClusterRoles.ClusterAdmin];

    /// <summary>Throws 403 (or 404 for a binding to a missing role) when <paramref name="user"/> may not write <paramref name="obj"/>.</summary>
    public static void Check(VirtualCluster cluster, ObjectTarget target, JsonObject obj, RequestUser user)
    {
        var type = target.Type;
        if (type.IsCustom || type.Group != RuleResolver.Group || user.IsPrivileged || target.Subresource is not null)
        {
            return;
        }
        var name = obj.Name() ?? string.Empty;
        switch (type.Kind)
        {
            case "Role" or "ClusterRole":
                CheckRole(cluster, user, type.Plural, target.Namespace, name, obj);
                break;
            case "RoleBinding" or "ClusterRoleBinding":
                CheckBinding(cluster, user, type.Plural, target.Namespace, name, RoleRef.Parse(obj["roleRef"]));
                break;
        }
    }

    private static void CheckRole(VirtualCluster cluster, RequestUser user, string plural, string? ns, string name, JsonObject role)
    {
        var escalate = new ResourceAttributes("escalate", RuleResolver.Group, plural, null, ns, name);
        if (RbacAuthorizer.Authorize(cluster, user, escalate).Allowed)
        {
            return;
        }
        var rules = (role["rules"] as JsonArray)?.Select(PolicyRule.Parse).ToList() ?? [];
        ConfirmNoEscalation(cluster, user, plural, ns, name, rules);
        if (role["aggregationRule"] is JsonObject && Missing(cluster, user, ns, FullAuthority).Uncovered is not [])
        {
            throw Forbidden(plural, name, "must have cluster-admin privileges to use the aggregationRule");
        }
    }

    private static void CheckBinding(VirtualCluster cluster, RequestUser user, string plural, string? ns, string name, RoleRef role)
    {
        var resource = role.Kind switch { "Role" => "roles", "ClusterRole" => "clusterroles", _ => null };
        var bind = new ResourceAttributes("bind", role.ApiGroup, resource ?? string.Empty, null, ns, role.Name);
        if (resource is not null && RbacAuthorizer.Authorize(cluster, user, bind).Allowed)
        {
            return;
        }
        var resolver = new RuleResolver(cluster);
        var rules = resolver.RoleRules(role, ns) ?? throw (resource is null
            ? Forbidden(plural, name, RbacAuthorizer.Aggregate(resolver.Errors))
            : new ApiException(404, "NotFound", $"{resource}.{RuleResolver.Group} {GoQuote.String(role.Name)} not found", role.Name, RuleResolver.Group, resource));
        ConfirmNoEscalation(cluster, user, plural, ns, name, rules);
    }

    private static void ConfirmNoEscalation(VirtualCluster cluster, RequestUser user, string plural, string? ns, string name, IReadOnlyList<PolicyRule> rules)
    {
        var (uncovered, errors) = Missing(cluster, user, ns, rules);
        if (uncovered is null)
        {
            throw Forbidden(plural, name, $"KubeSim checks roles of at most {RbacLimits.MaxEscalationRules} verb, group, resource and name combinations");
        }
        if (uncovered.Count == 0)
        {
            return;
        }
        var message = $"user {user.Describe()} is attempting to grant RBAC permissions not currently held:\n"
            + string.Join("\n", RuleCoverage.Describe(uncovered));
        if (errors.Count > 0)
        {
            message += $"; resolution errors: [{string.Join(' ', errors)}]";
        }
        throw Forbidden(plural, name, message);
    }

    private static (List<PolicyRule>? Uncovered, List<string> Errors) Missing(VirtualCluster cluster, RequestUser user, string? ns, IReadOnlyList<PolicyRule> rules)
    {
        var resolver = new RuleResolver(cluster);
        var held = resolver.RulesFor(user, ns);
        return (RuleCoverage.Uncovered(held, rules), resolver.Errors);
    }

    private static ApiException Forbidden(string plural, string name, string why) => name.Length == 0
        ? new(403, "Forbidden", $"{plural}.{RuleResolver.Group} is forbidden: {why}", null, RuleResolver.Group, plural)
        : new(403, "Forbidden", $"{plural}.{RuleResolver.Group} {GoQuote.String(name)} is forbidden: {why}", name, RuleResolver.Group, plural);
}
