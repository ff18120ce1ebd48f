namespace Edgeplane.Rendering.Templates;

/// <summary>
/// Apply order of kinds inside one unit, after Helm's install order: what others refer to comes first
/// (accounts, config, RBAC, services) and admission webhooks come last so they cannot block their own unit. Among
/// custom resources, Cluster API control planes (<c>*ControlPlane</c>) come first: when a Kubernetes version changes,
/// the control plane's new <c>spec.version</c> is written before the machines', and from that write on Cluster API's
/// MachineSet preflight checks hold new worker Machines until the control plane has finished its upgrade.
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

    /// <summary>The rank: known kinds in order, then control planes, other custom resources, webhook configurations.</summary>
    public static int Rank(string kind) => Ranks.TryGetValue(kind, out var rank) ? rank
        : kind is "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration" ? Order.Length + 2
        : kind.EndsWith("ControlPlane", StringComparison.Ordinal) ? Order.Length
        : Order.Length + 1;
}
