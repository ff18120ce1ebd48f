namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// kustomize v5's built-in field specs for labels, annotations and replicas (its <c>builtinpluginconsts</c>),
/// re-encoded: which fields of which kinds receive common labels, template labels and annotations.
/// </summary>
internal static class DefaultFieldSpecs
{
    private const string Apps = "apps";
    private const string Batch = "batch";
    private const string Networking = "networking.k8s.io";

    /// <summary><c>metadata/labels</c> plus the pod template (and claim template) labels of the workload kinds.</summary>
    public static readonly IReadOnlyList<FieldSpec> TemplateLabels =
    [
        FieldSpec.Any("metadata/labels", create: true),
        FieldSpec.For("ReplicationController", "spec/template/metadata/labels", true, version: "v1"),
        FieldSpec.For("Deployment", "spec/template/metadata/labels", true),
        FieldSpec.For("ReplicaSet", "spec/template/metadata/labels", true),
        FieldSpec.For("DaemonSet", "spec/template/metadata/labels", true),
        FieldSpec.For("StatefulSet", "spec/template/metadata/labels", true, Apps),
        FieldSpec.For("StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true, Apps),
        FieldSpec.For("Job", "spec/template/metadata/labels", true, Batch),
        FieldSpec.For("CronJob", "spec/jobTemplate/metadata/labels", true, Batch),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/metadata/labels", true, Batch),
    ];

    /// <summary>Where <c>commonLabels</c> (and <c>labels</c> with <c>includeSelectors</c>) go: selectors too.</summary>
    public static readonly IReadOnlyList<FieldSpec> CommonLabels =
    [
        FieldSpec.For("Service", "spec/selector", true, version: "v1"),
        FieldSpec.For("ReplicationController", "spec/selector", true, version: "v1"),
        FieldSpec.For("Deployment", "spec/selector/matchLabels", true),
        .. AffinitySelectors("Deployment"),
        FieldSpec.For("ReplicaSet", "spec/selector/matchLabels", true),
        FieldSpec.For("DaemonSet", "spec/selector/matchLabels", true),
        FieldSpec.For("StatefulSet", "spec/selector/matchLabels", true, Apps),
        .. AffinitySelectors("StatefulSet"),
        FieldSpec.For("Job", "spec/selector/matchLabels", false, Batch),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/selector/matchLabels", false, Batch),
        FieldSpec.For("PodDisruptionBudget", "spec/selector/matchLabels", false, "policy"),
        FieldSpec.For("NetworkPolicy", "spec/podSelector/matchLabels", false, Networking),
        FieldSpec.For("NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false, Networking),
        FieldSpec.For("NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false, Networking),
        .. TemplateLabels,
    ];

    /// <summary>Where <c>commonAnnotations</c> go.</summary>
    public static readonly IReadOnlyList<FieldSpec> CommonAnnotations =
    [
        FieldSpec.Any("metadata/annotations", create: true),
        FieldSpec.For("ReplicationController", "spec/template/metadata/annotations", true, version: "v1"),
        FieldSpec.For("Deployment", "spec/template/metadata/annotations", true),
        FieldSpec.For("ReplicaSet", "spec/template/metadata/annotations", true),
        FieldSpec.For("DaemonSet", "spec/template/metadata/annotations", true),
        FieldSpec.For("StatefulSet", "spec/template/metadata/annotations", true),
        FieldSpec.For("Job", "spec/template/metadata/annotations", true, Batch),
        FieldSpec.For("CronJob", "spec/jobTemplate/metadata/annotations", true, Batch),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true, Batch),
    ];

    /// <summary>Where <c>replicas</c> sets the count.</summary>
    public static readonly IReadOnlyList<FieldSpec> Replicas =
    [
        FieldSpec.For("Deployment", "spec/replicas", true),
        FieldSpec.For("ReplicationController", "spec/replicas", true),
        FieldSpec.For("ReplicaSet", "spec/replicas", true),
        FieldSpec.For("StatefulSet", "spec/replicas", true),
    ];

    private static IEnumerable<FieldSpec> AffinitySelectors(string kind)
    {
        const string Spec = "spec/template/spec/affinity/";
        yield return FieldSpec.For(kind, Spec + "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", false, Apps);
        yield return FieldSpec.For(kind, Spec + "podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", false, Apps);
        yield return FieldSpec.For(kind, Spec + "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", false, Apps);
        yield return FieldSpec.For(kind, Spec + "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", false, Apps);
        yield return FieldSpec.For(kind, "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false, Apps);
    }
}
