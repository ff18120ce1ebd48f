namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// The bundle split into apply stages, each in bundle order: (1) CRDs and Namespaces, (2) other cluster-scoped
/// objects, (3) namespaced objects, (4) Cluster API worker pools whose control plane is in the bundle
/// (<see cref="ControlPlaneOf"/>), written only once that control plane is Current.
/// </summary>
internal sealed record BundlePlan(IReadOnlyList<PlannedObject> Definitions, IReadOnlyList<PlannedObject> ClusterScoped,
    IReadOnlyList<PlannedObject> Namespaced)
{
    /// <summary>Worker pools that follow a control plane of the bundle (stage 4).</summary>
    public IReadOnlyList<PlannedObject> Workers { get; init; } = [];

    /// <summary>Each of <see cref="Workers"/> → its control plane (from the whole bundle, also when this plan is a subset of it).</summary>
    public IReadOnlyDictionary<Objects.ObjectRef, PlannedObject> ControlPlaneOf { get; init; } = new Dictionary<Objects.ObjectRef, PlannedObject>();

    /// <summary>Stages 1–3; <see cref="Workers"/> follow them.</summary>
    public IEnumerable<IReadOnlyList<PlannedObject>> Stages => [Definitions, ClusterScoped, Namespaced];

    public IEnumerable<PlannedObject> All => Definitions.Concat(ClusterScoped).Concat(Namespaced).Concat(Workers).OrderBy(o => o.Index);

    /// <summary>The same plan limited to <paramref name="keep"/> (a drift correction), keeping who follows whom.</summary>
    public BundlePlan Subset(IReadOnlySet<PlannedObject> keep) => new(
        Definitions.Where(keep.Contains).ToList(), ClusterScoped.Where(keep.Contains).ToList(), Namespaced.Where(keep.Contains).ToList())
    {
        Workers = Workers.Where(keep.Contains).ToList(),
        ControlPlaneOf = ControlPlaneOf,
    };
}
