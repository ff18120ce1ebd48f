namespace Edgeplane.Rendering.Kustomize;

/// <summary>Group, version and kind of an object, as kustomize's <c>resid.Gvk</c>.</summary>
internal readonly record struct Gvk(string Group, string Version, string Kind)
{
    /// <summary>Splits <c>apiVersion</c> into group and version; "v1" has the empty (core) group.</summary>
    public static Gvk From(string apiVersion, string kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? new Gvk("", apiVersion, kind) : new Gvk(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>True when the selector's non-empty fields all equal this Gvk's (empty selector fields are wildcards).</summary>
    public bool IsSelectedBy(Gvk selector) =>
        (selector.Group.Length == 0 || selector.Group == Group)
        && (selector.Version.Length == 0 || selector.Version == Version)
        && (selector.Kind.Length == 0 || selector.Kind == Kind);

    /// <summary>True for kinds kustomize knows to be cluster-scoped; unknown kinds (CRD instances) count as namespaced.</summary>
    public bool IsClusterScoped => ClusterScope.IsClusterScoped(this);

    public override string ToString() => Group.Length == 0 ? $"{Kind}.{Version}" : $"{Kind}.{Version}.{Group}";
}
