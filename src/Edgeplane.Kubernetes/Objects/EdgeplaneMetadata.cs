namespace Edgeplane.Kubernetes.Objects;

/// <summary>The labels and annotations by which Edgeplane marks the objects it owns.</summary>
public static class EdgeplaneMetadata
{
    /// <summary>Label whose value <see cref="ManagedByValue"/> marks an object as Edgeplane's.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/> on Edgeplane's objects.</summary>
    public const string ManagedByValue = "edgeplane";

    /// <summary>Label naming the cluster the object was rendered for.</summary>
    public const string ClusterLabel = "edgeplane.dev/cluster";

    /// <summary>Label naming the bundle that owns the object.</summary>
    public const string BundleLabel = "edgeplane.dev/bundle";

    /// <summary>Annotation naming the fleet resource the object came from.</summary>
    public const string SourceAnnotation = "edgeplane.dev/source";

    /// <summary>Annotation with the Git revision the object was rendered from.</summary>
    public const string SourceRevisionAnnotation = "edgeplane.dev/source-revision";

    /// <summary>
    /// Annotation an operator may set on a live object to stop Edgeplane from changing it: with value
    /// <see cref="ReconcileDisabledValue"/> the object is reported Skipped instead of applied or corrected.
    /// </summary>
    public const string ReconcileAnnotation = "edgeplane.dev/reconcile";

    /// <summary>The value of <see cref="ReconcileAnnotation"/> that stops Edgeplane from changing the object.</summary>
    public const string ReconcileDisabledValue = "disabled";

    /// <summary>
    /// Annotation on a live CustomResourceDefinition: with value <see cref="PruneWithInstancesValue"/> the CRD is pruned
    /// even while objects of its kind that Edgeplane does not prune with it still exist (they are deleted with it).
    /// Without it such a CRD is held back (<see cref="Apply.PruneBlock"/>).
    /// </summary>
    public const string PruneWithInstancesAnnotation = "edgeplane.dev/prune-with-instances";

    /// <summary>The value of <see cref="PruneWithInstancesAnnotation"/> that lets the CRD be pruned with its instances.</summary>
    public const string PruneWithInstancesValue = "true";
}
