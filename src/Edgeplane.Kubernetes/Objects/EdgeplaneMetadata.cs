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

    /// <summary>
    /// Annotation on the Cluster API objects of a provisioned cluster (written by the renderer from the cluster's
    /// <c>spec.provisioning.deletionPolicy</c>): with <see cref="DeletionPolicyRetain"/> a prune never deletes the live
    /// object, it leaves it in place and stops tracking it, so the real cluster outlives its removal from Git; with
    /// <see cref="DeletionPolicyDelete"/> (or without the annotation) it is pruned like any object.
    /// </summary>
    public const string DeletionPolicyAnnotation = "edgeplane.dev/deletion-policy";

    /// <summary>The value of <see cref="DeletionPolicyAnnotation"/> that keeps the object when it leaves the bundle.</summary>
    public const string DeletionPolicyRetain = "Retain";

    /// <summary>The value of <see cref="DeletionPolicyAnnotation"/> that lets the object be pruned.</summary>
    public const string DeletionPolicyDelete = "Delete";

    /// <summary>
    /// Label the renderer puts on a provisioned cluster's Cluster API <c>Cluster</c> in its management cluster's bundle,
    /// naming the fleet cluster it provisions (<see cref="ClusterLabel"/> names the management cluster, as on every object
    /// of that bundle).
    /// </summary>
    public const string ProvisionedClusterLabel = "edgeplane.dev/provisioned-cluster";
}
