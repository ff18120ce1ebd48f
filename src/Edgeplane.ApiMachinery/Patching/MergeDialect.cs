namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// The two places a strategic merge patch is applied, which agree on maps, <c>null</c>, merge keys and
/// <c>$patch</c>, and differ in two documented ways.
/// </summary>
public enum MergeDialect
{
    /// <summary>
    /// kustomize v5 (kyaml's <c>merge2</c> walker): in a merging list the patch's elements come first, then the
    /// target's others; <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/…</c> and <c>$setElementOrder/…</c> are not
    /// interpreted and stay in the object.
    /// </summary>
    Kustomize,

    /// <summary>
    /// kube-apiserver (<c>k8s.io/apimachinery/pkg/util/strategicpatch</c>): in a merging list the target's elements keep
    /// their order and new ones are appended; <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/…</c> are applied and
    /// <c>$setElementOrder/…</c> is accepted and dropped (order is not reshuffled).
    /// </summary>
    KubeApiServer,
}
