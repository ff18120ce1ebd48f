using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Schema;

/// <summary>
/// The defaults kube-apiserver fills in that clients commonly see (and that drift checks meet): workload
/// replicas/strategies/history limits, pod template and container defaults, Service type/IP/ports, Secret
/// stringData, Namespace and PVC phases. Not every default of every kind.
/// </summary>
internal static class BuiltinDefaults
{
    public static void Apply(ResourceType type, JsonObject obj, JsonObject? old, Func<string> nextServiceIp)
    {
        if (type.IsCustom)
        {
            return;
        }
        var spec = obj["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Deployment":
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "progressDeadlineSeconds", 600);
                Set(spec, "strategy", () => new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
                });
                PodTemplate(spec, "Always");
                break;
            case "StatefulSet":
                Set(spec, "replicas", 1);
                Set(spec, "podManagementPolicy", "OrderedReady");
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "updateStrategy", () => new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } });
                PodTemplate(spec, "Always");
                break;
            case "DaemonSet":
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "updateStrategy", () => new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
                });
                PodTemplate(spec, "Always");
                break;
            case "ReplicaSet":
                Set(spec, "replicas", 1);
                PodTemplate(spec, "Always");
                break;
            case "Job":
                Job(obj, spec, old);
                break;
            case "CronJob":
                Set(spec, "concurrencyPolicy", "Allow");
                Set(spec, "suspend", false);
                Set(spec, "successfulJobsHistoryLimit", 3);
                Set(spec, "failedJobsHistoryLimit", 1);
                break;
            case "Pod":
                PodSpec(spec, "Always");
                break;
            case "Service":
                Service(spec, old?["spec"] as JsonObject, nextServiceIp);
                break;
            case "Secret":
                Secret(obj);
                break;
            case "Namespace":
                obj.Obj("metadata").Obj("labels")["kubernetes.io/metadata.name"] = obj.Name();
                obj.Obj("spec")["finalizers"] ??= JsonUtil.Strings(["kubernetes"]);
                obj.Obj("status")["phase"] ??= "Active";
                break;
            case "PersistentVolumeClaim":
                Set(spec, "volumeMode", "Filesystem");
                obj.Obj("status")["phase"] ??= "Pending";
                break;
            case "CustomResourceDefinition":
                Set(spec, "conversion", () => new JsonObject { ["strategy"] = "None" });
                break;
        }
    }

    private static void Set(JsonObject? obj, string name, JsonNode value)
    {
        if (obj is not null && obj[name] is null)
        {
            obj[name] = value;
        }
    }

    private static void Set(JsonObject? obj, string name, Func<JsonNode> value)
    {
        if (obj is not null && obj[name] is null)
        {
            obj[name] = value();
        }
    }

    private static void PodTemplate(JsonObject? spec, string restartPolicy) =>
        PodSpec(spec?["template"]?["spec"] as JsonObject, restartPolicy);

    private static void PodSpec(JsonObject? pod, string? restartPolicy)
    {
        if (pod is null)
        {
            return;
        }
        if (restartPolicy is not null)
        {
            Set(pod, "restartPolicy", restartPolicy);
        }
        Set(pod, "terminationGracePeriodSeconds", 30);
        Set(pod, "dnsPolicy", "ClusterFirst");
        Set(pod, "securityContext", () => new JsonObject());
        Set(pod, "schedulerName", "default-scheduler");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (pod[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Container(container);
            }
        }
    }

    private static void Container(JsonObject container)
    {
        Set(container, "terminationMessagePath", "/dev/termination-log");
        Set(container, "terminationMessagePolicy", "File");
        Set(container, "resources", () => new JsonObject());
        var image = container.Str("image") ?? string.Empty;
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var latest = !lastSegment.Contains(':', StringComparison.Ordinal) && !image.Contains('@', StringComparison.Ordinal)
            || image.EndsWith(":latest", StringComparison.Ordinal);
        Set(container, "imagePullPolicy", latest ? "Always" : "IfNotPresent");
        foreach (var port in (container["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Set(port, "protocol", "TCP");
        }
    }

    private static void Job(JsonObject obj, JsonObject? spec, JsonObject? old)
    {
        if (spec is null)
        {
            return;
        }
        Set(spec, "completions", 1);
        Set(spec, "parallelism", 1);
        Set(spec, "backoffLimit", 6);
        Set(spec, "completionMode", "NonIndexed");
        Set(spec, "suspend", false);
        Set(spec, "podReplacementPolicy", "TerminatingOrFailed");
        var uid = old?.Uid() ?? obj.Uid();
        if (uid is not null && spec["selector"] is null && spec.Bool("manualSelector") != true)
        {
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
            var labels = spec.At("template") is JsonObject template ? template.Obj("metadata").Obj("labels") : null;
            if (labels is not null)
            {
                labels["batch.kubernetes.io/controller-uid"] = uid;
                labels["batch.kubernetes.io/job-name"] = obj.Name();
                labels["controller-uid"] = uid;
                labels["job-name"] = obj.Name();
            }
        }
        PodSpec(spec["template"]?["spec"] as JsonObject, null);
    }

    private static void Service(JsonObject? spec, JsonObject? oldSpec, Func<string> nextServiceIp)
    {
        if (spec is null)
        {
            return;
        }
        Set(spec, "type", "ClusterIP");
        Set(spec, "sessionAffinity", "None");
        if (spec.Str("type") != "ExternalName")
        {
            var ip = spec.Str("clusterIP") ?? oldSpec?.Str("clusterIP") ?? nextServiceIp();
            spec["clusterIP"] = ip;
            Set(spec, "clusterIPs", () => JsonUtil.Strings([ip]));
            if (ip != "None")
            {
                Set(spec, "ipFamilies", () => JsonUtil.Strings(["IPv4"]));
                Set(spec, "ipFamilyPolicy", "SingleStack");
            }
            Set(spec, "internalTrafficPolicy", "Cluster");
        }
        foreach (var port in (spec["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Set(port, "protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is JsonNode p)
            {
                port["targetPort"] = p.DeepClone();
            }
        }
    }

    private static void Secret(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj.Obj("data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
            }
            obj.Remove("stringData");
        }
    }
}
