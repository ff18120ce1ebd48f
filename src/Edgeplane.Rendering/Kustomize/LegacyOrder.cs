namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// kustomize's default ("legacy") output order: kinds other objects depend on first (Namespace, ResourceQuota,
/// StorageClass, CRD, ServiceAccount, ...), webhook configurations last, everything else in between; ties are broken
/// by group, version and kind, then by namespace and name.
/// </summary>
internal static class LegacyOrder
{
    private static readonly string[] First =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob",
        "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static void Sort(ResourceList list)
    {
        var keyed = list.Items.Select(r => Key(r)).ToList();
        keyed.Sort(Compare);
        list.Reorder(keyed.Select(k => k.Resource));
    }

    private static SortKey Key(KustomizeResource resource)
    {
        var id = resource.CurrentId;
        var gvkKey = GvkKey(id.Gvk);
        return new SortKey(resource, id.Gvk, Rank(id.Gvk.Kind), gvkKey, $"{gvkKey}|{Or(id.Namespace, "~X")}|{Or(id.Name, "~N")}");
    }

    private static int Compare(SortKey a, SortKey b)
    {
        if (a.Gvk != b.Gvk)
        {
            var rank = a.Rank.CompareTo(b.Rank);
            return rank != 0 ? rank : Utf8Order.Instance.Compare(a.GvkKey, b.GvkKey);
        }
        return Utf8Order.Instance.Compare(a.IdKey, b.IdKey);
    }

    private sealed record SortKey(KustomizeResource Resource, Gvk Gvk, int Rank, string GvkKey, string IdKey);

    private static int Rank(string kind)
    {
        var first = Array.IndexOf(First, kind);
        if (first >= 0)
        {
            return first - First.Length;
        }
        var last = Array.IndexOf(Last, kind);
        return last >= 0 ? last + 1 : 0;
    }

    private static string GvkKey(Gvk gvk) =>
        $"{Or(gvk.Group, "~G")}_{Or(gvk.Version, "~V")}_{Or(gvk.Kind, "~K")}";

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
