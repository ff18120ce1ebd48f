using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;
using static Edgeplane.ApiMachinery.Patching.MergeSchema;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// kustomize's merge keys for built-in kinds: those of the Kubernetes 1.21 OpenAPI document kustomize embeds, keyed by
/// exact apiVersion and kind. Only the paths that lead to merging lists are encoded; every other list is replaced by the
/// patch, which is what kustomize does for lists without a strategy.
/// </summary>
internal static class KustomizeMergeSchemas
{
    /// <summary>How kustomize merges: its dialect, with the schema of each object (and embedded object) looked up by kind.</summary>
    public static readonly StrategicMergeOptions Options = StrategicMergeOptions.Kustomize(ForObject);

    /// <summary>The schema for an object that carries its own apiVersion and kind, if kustomize knows the kind.</summary>
    public static MergeSchema? ForObject(JsonObject obj) =>
        obj["apiVersion"] is JsonValue a && obj["kind"] is JsonValue k
        && a.TryGetValue<string>(out var apiVersion) && k.TryGetValue<string>(out var kind)
            ? ForKind(Gvk.From(apiVersion, kind))
            : null;

    public static MergeSchema? ForKind(Gvk gvk) =>
        Kinds.TryGetValue((gvk.ApiVersion, gvk.Kind), out var schema) ? schema
        : ClusterScope.IsBuiltIn(gvk) ? Resource : null;

    private static readonly MergeSchema ObjectMeta = Object(
        ("finalizers", MergeList(null)),
        ("ownerReferences", MergeList(null, "uid")));

    private static readonly MergeSchema Container = Object(
        ("ports", MergeList(null, "containerPort", "protocol")),
        ("env", MergeList(null, "name")),
        ("volumeMounts", MergeList(null, "mountPath")),
        ("volumeDevices", MergeList(null, "devicePath")));

    private static readonly MergeSchema PodSpec = Object(
        ("volumes", MergeList(null, "name")),
        ("containers", MergeList(Container, "name")),
        ("initContainers", MergeList(Container, "name")),
        ("ephemeralContainers", MergeList(Container, "name")),
        ("imagePullSecrets", MergeList(null, "name")),
        ("hostAliases", MergeList(null, "ip")),
        ("topologySpreadConstraints", MergeList(null, "topologyKey", "whenUnsatisfiable")));

    private static readonly MergeSchema PodTemplateSpec = Object(("metadata", ObjectMeta), ("spec", PodSpec));

    private static readonly MergeSchema Resource = Object(("metadata", ObjectMeta));

    private static readonly MergeSchema Workload = Object(("metadata", ObjectMeta), ("spec", Object(("template", PodTemplateSpec))));

    private static readonly MergeSchema CronJob = Object(("metadata", ObjectMeta),
        ("spec", Object(("jobTemplate", Object(("metadata", ObjectMeta), ("spec", Object(("template", PodTemplateSpec))))))));

    private static readonly MergeSchema Webhooks = Object(("metadata", ObjectMeta), ("webhooks", MergeList(null, "name")));

    private static readonly FrozenDictionary<(string, string), MergeSchema> Kinds = new Dictionary<(string, string), MergeSchema>
    {
        [("v1", "Pod")] = Object(("metadata", ObjectMeta), ("spec", PodSpec)),
        [("v1", "PodTemplate")] = Object(("metadata", ObjectMeta), ("template", PodTemplateSpec)),
        [("v1", "ReplicationController")] = Workload,
        [("apps/v1", "Deployment")] = Workload,
        [("apps/v1", "ReplicaSet")] = Workload,
        [("apps/v1", "DaemonSet")] = Workload,
        [("apps/v1", "StatefulSet")] = Workload,
        [("batch/v1", "Job")] = Workload,
        [("batch/v1", "CronJob")] = CronJob,
        [("batch/v1beta1", "CronJob")] = CronJob,
        [("v1", "Service")] = Object(("metadata", ObjectMeta), ("spec", Object(("ports", MergeList(null, "port", "protocol"))))),
        [("v1", "ServiceAccount")] = Object(("metadata", ObjectMeta), ("secrets", MergeList(null, "name"))),
        [("v1", "Node")] = Object(("metadata", ObjectMeta), ("spec", Object(("podCIDRs", MergeList(null))))),
        [("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration")] = Webhooks,
        [("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")] = Webhooks,
        [("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration")] = Webhooks,
        [("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration")] = Webhooks,
    }.ToFrozenDictionary();
}
