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
        var keyed = list.Items.Select(r => (Resource: r, Id: r.CurrentId)).ToList();
        keyed.Sort((a, b) => Compare(a.Id, b.Id));
        list.Reorder(keyed.Select(k => k.Resource));
    }

    private static int Compare(ResId a, ResId b)
    {
        if (a.Gvk != b.Gvk)
        {
            var rank = Rank(a.Gvk.Kind).CompareTo(Rank(b.Gvk.Kind));
            return rank != 0 ? rank : Utf8Order.Instance.Compare(GvkKey(a.Gvk), GvkKey(b.Gvk));
        }
        return Utf8Order.Instance.Compare(IdKey(a), IdKey(b));
    }

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

    private static string IdKey(ResId id) => $"{GvkKey(id.Gvk)}|{Or(id.Namespace, "~X")}|{Or(id.Name, "~N")}";

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
