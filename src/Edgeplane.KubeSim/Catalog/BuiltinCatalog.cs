using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Catalog;

/// <summary>The built-in kinds every virtual cluster serves (a generous subset of Kubernetes 1.31).</summary>
internal static partial class BuiltinCatalog
{
    private const bool Namespaced = true;
    private const bool ClusterScoped = false;

    private static readonly string[] SpecStatus = ["spec", "status"];

    public static IReadOnlyList<ResourceType> All { get; } = [.. Core(), .. Apps(), .. Batch(), .. Rbac(), .. Networking(), .. Others()];

    private static ResourceType Make(string group, string version, string kind, string plural, bool namespaced,
        string[] fields, string[]? shortNames = null, bool status = false, bool generation = false,
        string[]? categories = null, PrinterColumn[]? columns = null) => new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            HasStatus = status,
            TracksGeneration = generation,
            Schema = new BuiltinSchema(fields),
            PrinterColumns = columns ?? [],
        };

    private static IEnumerable<ResourceType> Core()
    {
        const string g = "";
        const string v = "v1";
        string[] all = ["all"];
        yield return Make(g, v, "Namespace", "namespaces", ClusterScoped, SpecStatus, ["ns"], status: true,
            columns: [new("Status", "string", ".status.phase")]);
        yield return Make(g, v, "ConfigMap", "configmaps", Namespaced, ["data", "binaryData", "immutable"], ["cm"]);
        yield return Make(g, v, "Secret", "secrets", Namespaced, ["data", "stringData", "type", "immutable"],
            columns: [new("Type", "string", ".type")]);
        yield return Make(g, v, "Service", "services", Namespaced, SpecStatus, ["svc"], status: true, categories: all,
            columns: [new("Type", "string", ".spec.type"), new("Cluster-IP", "string", ".spec.clusterIP")]);
        yield return Make(g, v, "ServiceAccount", "serviceaccounts", Namespaced,
            ["secrets", "imagePullSecrets", "automountServiceAccountToken"], ["sa"]);
        yield return Make(g, v, "Pod", "pods", Namespaced, SpecStatus, ["po"], status: true, categories: all,
            columns: [new("Status", "string", ".status.phase")]);
        yield return Make(g, v, "PersistentVolumeClaim", "persistentvolumeclaims", Namespaced, SpecStatus, ["pvc"],
            status: true, columns: [new("Status", "string", ".status.phase"), new("Volume", "string", ".spec.volumeName")]);
        yield return Make(g, v, "PersistentVolume", "persistentvolumes", ClusterScoped, SpecStatus, ["pv"], status: true,
            columns: [new("Status", "string", ".status.phase")]);
        yield return Make(g, v, "Endpoints", "endpoints", Namespaced, ["subsets"], ["ep"]);
        yield return Make(g, v, "Event", "events", Namespaced,
            ["involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type",
             "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"], ["ev"]);
        yield return Make(g, v, "Node", "nodes", ClusterScoped, SpecStatus, ["no"], status: true,
            columns: [new("Version", "string", ".status.nodeInfo.kubeletVersion")]);
        yield return Make(g, v, "LimitRange", "limitranges", Namespaced, ["spec"], ["limits"]);
        yield return Make(g, v, "ResourceQuota", "resourcequotas", Namespaced, SpecStatus, ["quota"], status: true);
    }

    private static IEnumerable<ResourceType> Apps()
    {
        string[] all = ["all"];
        yield return Make("apps", "v1", "Deployment", "deployments", Namespaced, SpecStatus, ["deploy"], true, true, all,
            [new("Ready", "string", ".status.readyReplicas/.spec.replicas"), new("Up-to-date", "integer", ".status.updatedReplicas"),
             new("Available", "integer", ".status.availableReplicas")]);
        yield return Make("apps", "v1", "StatefulSet", "statefulsets", Namespaced, SpecStatus, ["sts"], true, true, all,
            [new("Ready", "string", ".status.readyReplicas/.spec.replicas")]);
        yield return Make("apps", "v1", "DaemonSet", "daemonsets", Namespaced, SpecStatus, ["ds"], true, true, all,
            [new("Desired", "integer", ".status.desiredNumberScheduled"), new("Ready", "integer", ".status.numberReady")]);
        yield return Make("apps", "v1", "ReplicaSet", "replicasets", Namespaced, SpecStatus, ["rs"], true, true, all,
            [new("Desired", "integer", ".spec.replicas"), new("Ready", "integer", ".status.readyReplicas")]);
        yield return Make("apps", "v1", "ControllerRevision", "controllerrevisions", Namespaced, ["data", "revision"]);
    }

    private static IEnumerable<ResourceType> Batch()
    {
        string[] all = ["all"];
        yield return Make("batch", "v1", "Job", "jobs", Namespaced, SpecStatus, status: true, generation: true, categories: all,
            columns: [new("Completions", "string", ".status.succeeded/.spec.completions")]);
        yield return Make("batch", "v1", "CronJob", "cronjobs", Namespaced, SpecStatus, ["cj"], true, true, all,
            [new("Schedule", "string", ".spec.schedule"), new("Suspend", "boolean", ".spec.suspend")]);
    }

    private static IEnumerable<ResourceType> Rbac()
    {
        const string g = "rbac.authorization.k8s.io";
        yield return Make(g, "v1", "Role", "roles", Namespaced, ["rules"]);
        yield return Make(g, "v1", "RoleBinding", "rolebindings", Namespaced, ["subjects", "roleRef"],
            columns: [new("Role", "string", ".roleRef.name")]);
        yield return Make(g, "v1", "ClusterRole", "clusterroles", ClusterScoped, ["rules", "aggregationRule"]);
        yield return Make(g, "v1", "ClusterRoleBinding", "clusterrolebindings", ClusterScoped, ["subjects", "roleRef"],
            columns: [new("Role", "string", ".roleRef.name")]);
    }

    private static IEnumerable<ResourceType> Networking()
    {
        const string g = "networking.k8s.io";
        yield return Make(g, "v1", "NetworkPolicy", "networkpolicies", Namespaced, ["spec"], ["netpol"], generation: true);
        yield return Make(g, "v1", "Ingress", "ingresses", Namespaced, SpecStatus, ["ing"], true, true,
            columns: [new("Class", "string", ".spec.ingressClassName")]);
        yield return Make(g, "v1", "IngressClass", "ingressclasses", ClusterScoped, ["spec"], generation: true);
    }
}
