using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Schema;

/// <summary>
/// The validation (422 Invalid) KubeSim performs: object names, label keys/values, workload selectors matching
/// template labels, containers with name and image, Service ports, immutable fields (workload selectors,
/// ConfigMap/Secret with immutable=true, a binding's roleRef). Everything else is accepted as is.
/// </summary>
internal static partial class ObjectValidator
{
    private const int MaxAnnotationBytes = 256 * 1024;

    private static readonly HashSet<string> LabelNamedKinds = ["Namespace", "Service"];
    private static readonly HashSet<string> Workloads = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];

    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<StatusCause>();
        Metadata(type, obj, causes);
        if (!type.IsCustom)
        {
            Kind(type, obj, old, causes);
        }
        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type, obj.Name() ?? string.Empty, causes);
        }
    }

    private static void Metadata(ResourceType type, JsonObject obj, List<StatusCause> causes)
    {
        var name = obj.Name() ?? string.Empty;
        var isLabel = LabelNamedKinds.Contains(type.Kind) && !type.IsCustom;
        if (name.Length == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
        else if (isLabel ? !Dns1123Label().IsMatch(name) || name.Length > 63 : !Dns1123Subdomain().IsMatch(name) || name.Length > 253)
        {
            var what = isLabel ? "a lowercase RFC 1123 label" : "a lowercase RFC 1123 subdomain";
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{name}\": {what} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", "metadata.name"));
        }
        foreach (var (key, value) in obj.Labels())
        {
            if (!LabelKey().IsMatch(key))
            {
                causes.Add(new("FieldValueInvalid", $"Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.'", "metadata.labels"));
            }
            if (value.Length > 0 && !LabelValue().IsMatch(value))
            {
                causes.Add(new("FieldValueInvalid", $"Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", "metadata.labels"));
            }
        }
        if (obj.At("metadata", "annotations") is JsonObject annotations && annotations.ToJsonString().Length > MaxAnnotationBytes)
        {
            causes.Add(new("FieldValueTooLong", $"Too long: must have at most {MaxAnnotationBytes} bytes", "metadata.annotations"));
        }
    }

    private static void Kind(ResourceType type, JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        if (Workloads.Contains(type.Kind))
        {
            Workload(type, obj, old, causes);
        }
        else if (type.Kind is "Job")
        {
            Containers(obj.At("spec", "template", "spec"), "spec.template.spec", causes);
            var restart = obj.At("spec", "template", "spec", "restartPolicy")?.ToString();
            if (restart is not ("OnFailure" or "Never"))
            {
                causes.Add(new("FieldValueRequired", "Required value: valid values: \"OnFailure\", \"Never\"", "spec.template.spec.restartPolicy"));
            }
        }
        else if (type.Kind is "Pod")
        {
            Containers(obj["spec"], "spec", causes);
        }
        else if (type.Kind is "Service")
        {
            ServicePorts(obj, causes);
        }
        else if (type.Kind is "ConfigMap" or "Secret" && old?.Bool("immutable") == true)
        {
            if (!JsonUtil.DeepEquals(old["data"], obj["data"]) || !JsonUtil.DeepEquals(old["binaryData"], obj["binaryData"]))
            {
                causes.Add(new("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "data"));
            }
        }
        else if (type.Kind is "RoleBinding" or "ClusterRoleBinding" && old is not null && !JsonUtil.DeepEquals(old["roleRef"], obj["roleRef"]))
        {
            // roleRef is immutable, so update on a binding delegates the choice of subjects only (a new role is a new binding).
            var roleRef = obj["roleRef"];
            causes.Add(new("FieldValueInvalid", $"Invalid value: rbac.RoleRef{{APIGroup:\"{roleRef.Str("apiGroup")}\", Kind:\"{roleRef.Str("kind")}\", " +
                $"Name:\"{roleRef.Str("name")}\"}}: cannot change roleRef", "roleRef"));
        }
    }

    private static void Workload(ResourceType type, JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var selector = obj.At("spec", "selector") as JsonObject;
        if (selector is null)
        {
            causes.Add(new("FieldValueRequired", "Required value", "spec.selector"));
        }
        else if (selector["matchLabels"] is JsonObject matchLabels)
        {
            var labels = (obj.At("spec", "template", "metadata", "labels") as JsonObject) ?? [];
            if (matchLabels.Any(kv => labels[kv.Key]?.ToString() != kv.Value?.ToString()))
            {
                causes.Add(new("FieldValueInvalid", $"Invalid value: {labels.ToJsonString()}: `selector` does not match template `labels`", "spec.template.metadata.labels"));
            }
        }
        if (old is not null && !JsonUtil.DeepEquals(old.At("spec", "selector"), selector) && type.Kind != "ReplicaSet")
        {
            causes.Add(new("FieldValueInvalid", $"Invalid value: {selector?.ToJsonString() ?? "null"}: field is immutable", "spec.selector"));
        }
        Containers(obj.At("spec", "template", "spec"), "spec.template.spec", causes);
    }

    private static void Containers(JsonNode? podSpec, string path, List<StatusCause> causes)
    {
        var containers = podSpec?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value", $"{path}.containers"));
            return;
        }
        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty(containers[i].Str("name")))
            {
                causes.Add(new("FieldValueRequired", "Required value", $"{path}.containers[{i}].name"));
            }
            if (string.IsNullOrEmpty(containers[i].Str("image")))
            {
                causes.Add(new("FieldValueRequired", "Required value", $"{path}.containers[{i}].image"));
            }
        }
    }

    private static void ServicePorts(JsonObject obj, List<StatusCause> causes)
    {
        var ports = obj.At("spec", "ports") as JsonArray ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i].Long("port");
            if (port is null or < 1 or > 65535)
            {
                causes.Add(new("FieldValueInvalid", $"Invalid value: {port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"}: must be between 1 and 65535, inclusive", $"spec.ports[{i}].port"));
            }
        }
        if (ports.Count == 0 && obj.At("spec", "type")?.ToString() != "ExternalName" && obj.At("spec", "clusterIP")?.ToString() != "None")
        {
            causes.Add(new("FieldValueRequired", "Required value", "spec.ports"));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
