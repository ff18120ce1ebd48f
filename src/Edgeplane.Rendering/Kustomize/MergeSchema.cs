using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// What a strategic merge needs to know about one field of a built-in kind: its sub-fields, and for lists whether
/// they merge element by element and by which keys (<c>x-kubernetes-patch-strategy</c>,
/// <c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-list-map-keys</c>). Only the paths that lead to merging lists
/// are encoded; every other list is replaced by the patch, which is what kustomize does for lists without a strategy.
/// </summary>
internal sealed class MergeSchema
{
    /// <summary>A known type with no merging lists below it.</summary>
    public static readonly MergeSchema Opaque = new(null);

    private readonly FrozenDictionary<string, MergeSchema>? _fields;

    private MergeSchema(IDictionary<string, MergeSchema>? fields, bool mergeList = false, string[]? keys = null, MergeSchema? items = null)
    {
        _fields = fields?.ToFrozenDictionary(StringComparer.Ordinal);
        IsMergeList = mergeList;
        Keys = keys ?? [];
        Items = items;
    }

    /// <summary>True for a list whose elements are merged (patch strategy <c>merge</c>).</summary>
    public bool IsMergeList { get; }

    /// <summary>The merge keys of a merging list; empty for a list of scalars (e.g. finalizers).</summary>
    public string[] Keys { get; }

    /// <summary>The schema of a list's elements.</summary>
    public MergeSchema? Items { get; }

    public MergeSchema? Field(string name) => _fields is not null && _fields.TryGetValue(name, out var field) ? field : null;

    /// <summary>The schema for an object that carries its own apiVersion and kind, if kustomize knows the kind.</summary>
    public static MergeSchema? ForObject(JsonNode? node) =>
        node is JsonObject obj && obj["apiVersion"] is JsonValue a && obj["kind"] is JsonValue k
        && a.TryGetValue<string>(out var apiVersion) && k.TryGetValue<string>(out var kind)
            ? ForKind(Gvk.From(apiVersion, kind))
            : null;

    public static MergeSchema? ForKind(Gvk gvk) =>
        Kinds.TryGetValue((gvk.ApiVersion, gvk.Kind), out var schema) ? schema
        : ClusterScope.IsBuiltIn(gvk) ? Resource : null;

    private static MergeSchema Object(params (string Name, MergeSchema Schema)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Schema));

    private static MergeSchema MergeList(MergeSchema? items, params string[] keys) => new(null, true, keys, items ?? Opaque);

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
