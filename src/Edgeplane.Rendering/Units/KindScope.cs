namespace Edgeplane.Rendering.Units;

/// <summary>Whether objects of a kind live in a namespace, as far as one cluster's bundle can tell.</summary>
internal enum KindScope
{
    /// <summary>A built-in namespaced kind, or one whose CRD in the bundle says <c>scope: Namespaced</c>.</summary>
    Namespaced,

    /// <summary>A built-in cluster-scoped kind, or one whose CRD in the bundle says <c>scope: Cluster</c>.</summary>
    Cluster,

    /// <summary>Neither built in nor defined by a CRD in the bundle (its CRD may come from a Helm chart or be installed by hand).</summary>
    Unknown,
}
