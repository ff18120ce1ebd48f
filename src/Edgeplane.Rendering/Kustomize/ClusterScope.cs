using System.Collections.Frozen;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Which built-in kinds are cluster-scoped and which are namespaced, keyed by exact apiVersion and kind. This is
/// the table kustomize v5 carries (kyaml's precomputed scopes from the Kubernetes 1.21 OpenAPI document); a kind that
/// is not in it (any custom resource) is treated as namespaced, exactly as kustomize does.
/// </summary>
internal static class ClusterScope
{
    // Keyed by kind, then a few (group, version) pairs: lookups compare strings without building an apiVersion.
    private static readonly FrozenDictionary<string, (string Group, string Version, bool Namespaced)[]> ByKind = Build()
        .GroupBy(e => e.Key.Item2, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(e => Split(e.Key.Item1, e.Value)).ToArray(), StringComparer.Ordinal);

    public static bool IsClusterScoped(Gvk gvk) => Find(gvk) is { } namespaced && !namespaced;

    /// <summary>True when kustomize has a built-in OpenAPI schema for the kind (it then knows its merge keys).</summary>
    public static bool IsBuiltIn(Gvk gvk) => Find(gvk) is not null;

    private static bool? Find(Gvk gvk)
    {
        if (gvk.Kind is null || !ByKind.TryGetValue(gvk.Kind, out var entries))
        {
            return null;
        }
        foreach (var (group, version, namespaced) in entries)
        {
            if (group == gvk.Group && version == gvk.Version)
            {
                return namespaced;
            }
        }
        return null;
    }

    private static (string, string, bool) Split(string apiVersion, bool namespaced)
    {
        var gvk = Gvk.From(apiVersion, "");
        return (gvk.Group, gvk.Version, namespaced);
    }

    private static FrozenDictionary<(string, string), bool> Build()
    {
        var table = new Dictionary<(string, string), bool>();
        void Add(bool namespaced, string apiVersion, params string[] kinds)
        {
            foreach (var kind in kinds)
            {
                table[(apiVersion, kind)] = namespaced;
            }
        }
        foreach (var v in new[] { "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1" })
        {
            Add(false, v, "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
        }
        Add(false, "apiextensions.k8s.io/v1", "CustomResourceDefinition");
        Add(false, "apiextensions.k8s.io/v1beta1", "CustomResourceDefinition");
        Add(false, "apiregistration.k8s.io/v1", "APIService");
        Add(false, "apiregistration.k8s.io/v1beta1", "APIService");
        Add(true, "apps/v1", "ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet");
        Add(true, "autoscaling/v1", "HorizontalPodAutoscaler", "Scale");
        Add(true, "autoscaling/v2beta1", "HorizontalPodAutoscaler");
        Add(true, "autoscaling/v2beta2", "HorizontalPodAutoscaler");
        Add(true, "batch/v1", "CronJob", "Job");
        Add(true, "batch/v1beta1", "CronJob");
        Add(false, "certificates.k8s.io/v1", "CertificateSigningRequest");
        Add(false, "certificates.k8s.io/v1beta1", "CertificateSigningRequest");
        Add(true, "coordination.k8s.io/v1", "Lease");
        Add(true, "coordination.k8s.io/v1beta1", "Lease");
        Add(true, "discovery.k8s.io/v1", "EndpointSlice");
        Add(true, "discovery.k8s.io/v1beta1", "EndpointSlice");
        Add(true, "events.k8s.io/v1", "Event");
        Add(true, "events.k8s.io/v1beta1", "Event");
        Add(true, "extensions/v1beta1", "Ingress");
        Add(false, "flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "PriorityLevelConfiguration");
        Add(true, "networking.k8s.io/v1", "Ingress", "NetworkPolicy");
        Add(false, "networking.k8s.io/v1", "IngressClass");
        Add(true, "networking.k8s.io/v1beta1", "Ingress");
        Add(false, "networking.k8s.io/v1beta1", "IngressClass");
        Add(false, "node.k8s.io/v1", "RuntimeClass");
        Add(false, "node.k8s.io/v1beta1", "RuntimeClass");
        Add(true, "policy/v1", "PodDisruptionBudget");
        Add(true, "policy/v1beta1", "PodDisruptionBudget");
        Add(false, "policy/v1beta1", "PodSecurityPolicy");
        foreach (var v in new[] { "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1" })
        {
            Add(false, v, "ClusterRole", "ClusterRoleBinding");
            Add(true, v, "Role", "RoleBinding");
        }
        Add(false, "scheduling.k8s.io/v1", "PriorityClass");
        Add(false, "scheduling.k8s.io/v1beta1", "PriorityClass");
        Add(false, "storage.k8s.io/v1", "CSIDriver", "CSINode", "StorageClass", "VolumeAttachment");
        Add(false, "storage.k8s.io/v1beta1", "CSIDriver", "CSINode", "StorageClass", "VolumeAttachment");
        Add(true, "storage.k8s.io/v1beta1", "CSIStorageCapacity");
        Add(false, "v1", "ComponentStatus", "Namespace", "Node", "NodeProxyOptions", "PersistentVolume");
        Add(true, "v1", "ConfigMap", "Endpoints", "Event", "LimitRange", "PersistentVolumeClaim", "Pod", "PodAttachOptions",
            "PodExecOptions", "PodPortForwardOptions", "PodProxyOptions", "PodTemplate", "ReplicationController",
            "ResourceQuota", "Secret", "Service", "ServiceAccount", "ServiceProxyOptions");
        return table.ToFrozenDictionary();
    }
}
