namespace Edgeplane.Rendering.Templates;

/// <summary>
/// Apply order of kinds inside one unit, after Helm's install order: what others refer to comes first
/// (accounts, config, RBAC, services) and admission webhooks come last so they cannot block their own unit.
/// </summary>
internal static class KindOrder
{
    private static readonly string[] Order =
    [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodDisruptionBudget", "ServiceAccount", "Secret",
        "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
        "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly Dictionary<string, int> Ranks = Order.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    /// <summary>The rank: known kinds in order, then custom resources, then webhook configurations.</summary>
    public static int Rank(string kind) => Ranks.TryGetValue(kind, out var rank) ? rank
        : kind is "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration" ? Order.Length + 1
        : Order.Length;
}
