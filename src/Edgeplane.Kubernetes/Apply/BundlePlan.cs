namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// The bundle split into apply stages, each in bundle order: (1) CRDs and Namespaces, (2) other cluster-scoped
/// objects, (3) namespaced objects.
/// </summary>
internal sealed record BundlePlan(IReadOnlyList<PlannedObject> Definitions, IReadOnlyList<PlannedObject> ClusterScoped,
    IReadOnlyList<PlannedObject> Namespaced)
{
    public IEnumerable<IReadOnlyList<PlannedObject>> Stages => [Definitions, ClusterScoped, Namespaced];

    public IEnumerable<PlannedObject> All => Definitions.Concat(ClusterScoped).Concat(Namespaced).OrderBy(o => o.Index);
}
