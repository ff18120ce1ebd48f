using System.Collections.Frozen;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// The scope of every kind Kubernetes itself serves (1.33, alpha and beta groups included), keyed by API group and kind
/// — never by the kind's name alone, so a custom resource named <c>ClusterRole</c> or <c>ConfigMap</c> is not mistaken
/// for the built-in one. A kind's scope does not change between versions of its group.
/// </summary>
internal static class BuiltinKinds
{
    private static readonly FrozenDictionary<(string Group, string Kind), bool> Namespaced = Build();

    /// <summary>True when (<paramref name="group"/>, <paramref name="kind"/>) is served by Kubernetes itself.</summary>
    public static bool IsBuiltin(string group, string kind) => Namespaced.ContainsKey((group, kind));

    /// <summary>True for a built-in cluster-scoped kind; false for a namespaced one and for any kind that is not built in.</summary>
    public static bool IsClusterScoped(string group, string kind) => Namespaced.TryGetValue((group, kind), out var ns) && !ns;

    /// <summary>The scope of a built-in kind, or null when Kubernetes does not serve it.</summary>
    public static bool? IsNamespaced(string group, string kind) => Namespaced.TryGetValue((group, kind), out var ns) ? ns : null;

    private static FrozenDictionary<(string, string), bool> Build()
    {
        var table = new Dictionary<(string, string), bool>();
        void Add(bool namespaced, string group, params string[] kinds)
        {
            foreach (var kind in kinds)
            {
                table[(group, kind)] = namespaced;
            }
        }
        Add(true, "", "Binding", "ConfigMap", "Endpoints", "Event", "LimitRange", "PersistentVolumeClaim", "Pod", "PodTemplate",
            "ReplicationController", "ResourceQuota", "Secret", "Service", "ServiceAccount");
        Add(false, "", "ComponentStatus", "Namespace", "Node", "PersistentVolume");
        Add(false, "admissionregistration.k8s.io", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding");
        Add(false, "apiextensions.k8s.io", "CustomResourceDefinition");
        Add(false, "apiregistration.k8s.io", "APIService");
        Add(true, "apps", "ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet");
        Add(false, "authentication.k8s.io", "TokenReview", "SelfSubjectReview");
        Add(true, "authorization.k8s.io", "LocalSubjectAccessReview");
        Add(false, "authorization.k8s.io", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview");
        Add(true, "autoscaling", "HorizontalPodAutoscaler");
        Add(true, "batch", "CronJob", "Job");
        Add(false, "certificates.k8s.io", "CertificateSigningRequest", "ClusterTrustBundle");
        Add(true, "coordination.k8s.io", "Lease", "LeaseCandidate");
        Add(true, "discovery.k8s.io", "EndpointSlice");
        Add(true, "events.k8s.io", "Event");
        Add(true, "extensions", "DaemonSet", "Deployment", "Ingress", "NetworkPolicy", "ReplicaSet");
        Add(false, "extensions", "PodSecurityPolicy");
        Add(false, "flowcontrol.apiserver.k8s.io", "FlowSchema", "PriorityLevelConfiguration");
        Add(false, "internal.apiserver.k8s.io", "StorageVersion");
        Add(true, "networking.k8s.io", "Ingress", "NetworkPolicy");
        Add(false, "networking.k8s.io", "IngressClass", "IPAddress", "ServiceCIDR");
        Add(false, "node.k8s.io", "RuntimeClass");
        Add(true, "policy", "PodDisruptionBudget");
        Add(false, "policy", "PodSecurityPolicy");
        Add(true, "rbac.authorization.k8s.io", "Role", "RoleBinding");
        Add(false, "rbac.authorization.k8s.io", "ClusterRole", "ClusterRoleBinding");
        Add(true, "resource.k8s.io", "ResourceClaim", "ResourceClaimTemplate");
        Add(false, "resource.k8s.io", "DeviceClass", "ResourceSlice", "DeviceTaintRule");
        Add(false, "scheduling.k8s.io", "PriorityClass");
        Add(true, "storage.k8s.io", "CSIStorageCapacity");
        Add(false, "storage.k8s.io", "CSIDriver", "CSINode", "StorageClass", "VolumeAttachment", "VolumeAttributesClass");
        Add(false, "storagemigration.k8s.io", "StorageVersionMigration");
        return table.ToFrozenDictionary();
    }
}
