using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Helm;

/// <summary>Helm's install order (releaseutil.InstallOrder): by kind, unknown kinds last and by name; stable otherwise.</summary>
internal static class HelmInstallOrder
{
    private static readonly string[] Kinds =
    [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
        "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ];

    public static List<JsonObject> Sort(IEnumerable<JsonObject> objects) =>
        objects.Select((o, i) => (Object: o, Index: i))
            .OrderBy(x => Rank(x.Object.Str("kind")))
            .ThenBy(x => Rank(x.Object.Str("kind")) == Kinds.Length ? x.Object.Str("kind") : string.Empty, StringComparer.Ordinal)
            .ThenBy(x => x.Index)
            .Select(x => x.Object)
            .ToList();

    private static int Rank(string? kind)
    {
        var index = Array.IndexOf(Kinds, kind);
        return index < 0 ? Kinds.Length : index;
    }
}
