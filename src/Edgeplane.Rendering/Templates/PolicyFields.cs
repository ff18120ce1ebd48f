using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// What render-time policy checks in a workspace's object, read once when it is compiled: the pod spec of every
/// workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate, Job, CronJob,
/// KubeVirt VirtualMachine and VirtualMachineInstance) and the RBAC of a Role or RoleBinding. A value written with a
/// <c>${…}</c> reference where a boolean belongs counts as set: it cannot be checked before the cluster is known.
/// </summary>
internal sealed partial record PolicyFields(IReadOnlyList<PodFinding> Pod, RbacFields? Rbac)
{
    public const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>The facts of <paramref name="obj"/>, or null when it has neither a pod spec nor RBAC.</summary>
    public static PolicyFields? Read(string group, string kind, JsonObject obj)
    {
        var rbac = group == RbacGroup ? ReadRbac(kind, obj) : null;
        var pod = PodSpecOf(group, kind, obj) is ({ } spec, var path) ? Pods(spec, path, group == "kubevirt.io") : [];
        return rbac is null && pod.Count == 0 ? null : new PolicyFields(pod, rbac);
    }

    private static (JsonObject? Spec, string Path) PodSpecOf(string group, string kind, JsonObject obj) => (group, kind) switch
    {
        ("", "Pod") or ("kubevirt.io", "VirtualMachineInstance") => (obj["spec"] as JsonObject, "spec"),
        ("", "PodTemplate") => (At(obj, "template", "spec"), "template.spec"),
        ("apps", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") or ("batch", "Job") or ("", "ReplicationController")
            or ("kubevirt.io", "VirtualMachine") => (At(obj, "spec", "template", "spec"), "spec.template.spec"),
        ("batch", "CronJob") => (At(obj, "spec", "jobTemplate", "spec", "template", "spec"), "spec.jobTemplate.spec.template.spec"),
        _ => (null, ""),
    };

    private static JsonObject? At(JsonObject obj, params string[] path) =>
        path.Aggregate<string, JsonObject?>(obj, (node, key) => node?[key] as JsonObject);

    private static bool IsSet(JsonNode? node) => node is JsonValue v
        && (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && StringTemplate.Parse(v.GetValue<string>(), out _, out _) is not null));

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? node) =>
        node is JsonArray array ? array.Select((n, i) => (n as JsonObject, i)).Where(e => e.Item1 is not null).Select(e => (e.Item1!, e.i)) : [];

    private static bool IsBaseline(string capability) => PodSecurityCapabilities.Baseline.Contains(capability);
}
