namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// What a resource request asks to do, kube-apiserver's authorizer attributes: the verb (get, list, watch, create,
/// update, patch, delete, deletecollection, or bind/escalate for RBAC's own checks), the API group, the resource and
/// subresource, the namespace (empty at the cluster scope) and the object name (empty for create and collections).
/// </summary>
internal sealed record ResourceAttributes(string Verb, string Group, string Resource, string? Subresource = null,
    string? Namespace = null, string? Name = null)
{
    /// <summary>The resource as rules name it: <c>pods</c>, or <c>pods/log</c> for a subresource.</summary>
    public string CombinedResource => string.IsNullOrEmpty(Subresource) ? Resource : $"{Resource}/{Subresource}";

    /// <summary>The group-qualified resource of Kubernetes errors: <c>roles.rbac.authorization.k8s.io</c>, <c>configmaps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public bool AtClusterScope => string.IsNullOrEmpty(Namespace);

    /// <summary>
    /// Maps an HTTP request to attributes as kube-apiserver's RequestInfoFactory does: GET/HEAD is get, list or watch;
    /// POST create; PUT update; PATCH patch; DELETE delete, or deletecollection without a name. A list or watch whose
    /// field selector requires <c>metadata.name=X</c> is about X; a request on a Namespace is in that namespace.
    /// Null for a method no verb maps to (the handler answers 405).
    /// </summary>
    public static ResourceAttributes? ForRequest(string method, bool watch, string? fieldSelector, string group, string resource,
        string? subresource, string? ns, string? name)
    {
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => watch ? "watch" : name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name is null ? "deletecollection" : "delete",
            _ => null,
        };
        if (verb is null)
        {
            return null;
        }
        if (name is null && verb is "list" or "watch")
        {
            name = NameFromFieldSelector(fieldSelector);
        }
        if (group.Length == 0 && resource == "namespaces" && name is not null)
        {
            ns = name;
        }
        return new ResourceAttributes(verb, group, resource, subresource, ns, name);
    }

    private static string? NameFromFieldSelector(string? selector)
    {
        foreach (var term in (selector ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = term.StartsWith("metadata.name==", StringComparison.Ordinal) ? "metadata.name==".Length
                : term.StartsWith("metadata.name=", StringComparison.Ordinal) ? "metadata.name=".Length : -1;
            if (equals > 0 && term.Length > equals && !term[equals..].Contains('/', StringComparison.Ordinal) && term[equals..] is not ("." or ".."))
            {
                return term[equals..];
            }
        }
        return null;
    }
}
