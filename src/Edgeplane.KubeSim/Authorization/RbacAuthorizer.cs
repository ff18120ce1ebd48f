using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Clusters;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// Kubernetes' RBAC authoriser over the Roles, ClusterRoles and bindings stored in one virtual cluster (plus the
/// built-in ClusterRoles, <see cref="BuiltinClusterRoles"/>): a request is allowed when some rule of some binding that
/// names the user allows it; members of <c>system:masters</c> are always allowed. Only impersonated requests and
/// KubeSim's own impersonating controllers are authorised; everything else acts as the cluster's administrator.
/// </summary>
internal static class RbacAuthorizer
{
    /// <summary>Whether the user may; when not, the reason kube-apiserver would append (<c>RBAC: …</c>) or null.</summary>
    public static (bool Allowed, string? Reason) Authorize(VirtualCluster cluster, RequestUser user, ResourceAttributes request)
    {
        if (user.IsPrivileged)
        {
            return (true, null);
        }
        var resolver = new RuleResolver(cluster);
        if (resolver.Any(user, request.Namespace, rule => rule.Allows(request)))
        {
            return (true, null);
        }
        return (false, resolver.Errors.Count == 0 ? null : "RBAC: " + Aggregate(resolver.Errors));
    }

    /// <summary>Throws kube-apiserver's 403 when the user may not.</summary>
    /// <exception cref="ApiException">403 Forbidden, in the upstream wording.</exception>
    public static void Require(VirtualCluster cluster, RequestUser user, ResourceAttributes request)
    {
        var (allowed, reason) = Authorize(cluster, user, request);
        if (!allowed)
        {
            throw Forbidden(user, request, reason);
        }
    }

    /// <summary>
    /// The refusal as kube-apiserver words it (responsewriters.ForbiddenStatusError):
    /// <c>clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "u" cannot create resource
    /// "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope</c>, or
    /// <c>… in the namespace "x"</c>; details carry the group, the resource as kind, and the name when there is one.
    /// </summary>
    public static ApiException Forbidden(RequestUser user, ResourceAttributes request, string? reason)
    {
        var scope = request.AtClusterScope ? "at the cluster scope" : $"in the namespace {GoQuote.String(request.Namespace!)}";
        var why = $"User {GoQuote.String(user.Name)} cannot {request.Verb} resource {GoQuote.String(request.CombinedResource)} " +
            $"in API group {GoQuote.String(request.Group)} {scope}";
        if (!string.IsNullOrEmpty(reason))
        {
            why += ": " + reason;
        }
        var name = string.IsNullOrEmpty(request.Name) ? null : request.Name;
        var subject = name is null ? request.QualifiedResource : $"{request.QualifiedResource} {GoQuote.String(name)}";
        return new ApiException(403, "Forbidden", $"{subject} is forbidden: {why}", name, request.Group, request.Resource);
    }

    /// <summary>Go's aggregate error text: one message alone, several (deduplicated) as <c>[a, b]</c>.</summary>
    public static string Aggregate(IReadOnlyList<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
