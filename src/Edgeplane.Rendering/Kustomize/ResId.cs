namespace Edgeplane.Rendering.Kustomize;

/// <summary>The identity of an object: its Gvk, name and namespace, as kustomize's <c>resid.ResId</c>.</summary>
internal readonly record struct ResId(Gvk Gvk, string Name, string Namespace)
{
    /// <summary>What kustomize uses as the namespace of a cluster-scoped object when comparing ids.</summary>
    public const string NotNamespaceable = "_non_namespaceable_";

    /// <summary>The namespace used for comparisons: "default" for an unset namespace, a marker for cluster-scoped kinds.</summary>
    public string EffectiveNamespace =>
        Gvk.IsClusterScoped ? NotNamespaceable : Namespace is "" or "default" ? "default" : Namespace;

    /// <summary>Same Gvk, name and effective namespace (kustomize's <c>ResId.Equals</c>).</summary>
    public bool Matches(ResId other) => GvknEquals(other) && EffectiveNamespace == other.EffectiveNamespace;

    /// <summary>Same Gvk and name, any namespace.</summary>
    public bool GvknEquals(ResId other) => Name == other.Name && Gvk == other.Gvk;

    public override string ToString() => Namespace.Length == 0 ? $"{Gvk}/{Name}" : $"{Gvk}/{Name} in namespace '{Namespace}'";
}
