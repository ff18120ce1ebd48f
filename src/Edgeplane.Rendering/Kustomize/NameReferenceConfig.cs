using System.Collections.Frozen;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>A kind whose name others refer to, and the fields (of referrer kinds) that hold such references.</summary>
internal sealed record BackReference(Gvk Target, IReadOnlyList<FieldSpec> Referrers);

/// <summary>
/// kustomize v5's built-in <c>nameReference</c> configuration, re-encoded: which fields of which kinds name a
/// ConfigMap, Secret, Service, Role, ClusterRole, ServiceAccount, PersistentVolumeClaim, PersistentVolume,
/// StorageClass, PriorityClass or scale target, so those fields follow when the target is renamed.
/// </summary>
internal static class NameReferenceConfig
{
    private static readonly string[] TemplateKinds = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"];
    private const string Rbac = "rbac.authorization.k8s.io";

    public static readonly IReadOnlyList<BackReference> All =
    [
        .. new[] { "Deployment", "ReplicationController", "ReplicaSet", "StatefulSet" }.Select(kind =>
            new BackReference(new Gvk("", "", kind), [FieldSpec.For("HorizontalPodAutoscaler", "spec/scaleTargetRef/name")])),
        new(new Gvk("", "v1", "ConfigMap"),
        [
            .. PodFields("v1", "volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"),
            FieldSpec.For("Node", "spec/configSource/configMap"),
            FieldSpec.For("Role", "rules/resourceNames"),
            FieldSpec.For("ClusterRole", "rules/resourceNames"),
            FieldSpec.For("Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap"),
            FieldSpec.For("Service", "spec/template/spec/containers/env/valueFrom/configMapKeyRef/name", group: "serving.knative.dev", version: "v1"),
            FieldSpec.For("Service", "spec/template/spec/containers/envFrom/configMapRef/name", group: "serving.knative.dev", version: "v1"),
        ]),
        new(new Gvk("", "v1", "Secret"),
        [
            .. PodFields("v1", "volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                "initContainers/envFrom/secretRef/name", "imagePullSecrets/name", "volumes/projected/sources/secret/name"),
            FieldSpec.For("Ingress", "spec/tls/secretName"),
            FieldSpec.For("Ingress", "metadata/annotations/ingress.kubernetes.io\\/auth-secret"),
            FieldSpec.For("Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret"),
            FieldSpec.For("Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret"),
            FieldSpec.For("ServiceAccount", "imagePullSecrets/name"),
            FieldSpec.For("StorageClass", "parameters/secretName"),
            FieldSpec.For("StorageClass", "parameters/adminSecretName"),
            FieldSpec.For("StorageClass", "parameters/userSecretName"),
            FieldSpec.For("StorageClass", "parameters/secretRef"),
            FieldSpec.For("Role", "rules/resourceNames"),
            FieldSpec.For("ClusterRole", "rules/resourceNames"),
            FieldSpec.For("Service", "spec/template/spec/containers/env/valueFrom/secretKeyRef/name", group: "serving.knative.dev", version: "v1"),
            FieldSpec.For("PersistentVolume", "spec/azureFile/secretName"),
        ]),
        new(new Gvk("", "v1", "Service"),
        [
            FieldSpec.For("StatefulSet", "spec/serviceName", group: "apps"),
            FieldSpec.For("Ingress", "spec/rules/http/paths/backend/serviceName"),
            FieldSpec.For("Ingress", "spec/backend/serviceName"),
            FieldSpec.For("Ingress", "spec/rules/http/paths/backend/service/name"),
            FieldSpec.For("Ingress", "spec/defaultBackend/service/name"),
            FieldSpec.For("APIService", "spec/service/name", group: "apiregistration.k8s.io"),
            FieldSpec.For("ValidatingWebhookConfiguration", "webhooks/clientConfig/service", group: "admissionregistration.k8s.io"),
            FieldSpec.For("MutatingWebhookConfiguration", "webhooks/clientConfig/service", group: "admissionregistration.k8s.io"),
        ]),
        new(new Gvk(Rbac, "", "Role"), [FieldSpec.For("RoleBinding", "roleRef/name", group: Rbac)]),
        new(new Gvk(Rbac, "", "ClusterRole"),
            [FieldSpec.For("RoleBinding", "roleRef/name", group: Rbac), FieldSpec.For("ClusterRoleBinding", "roleRef/name", group: Rbac)]),
        new(new Gvk("", "v1", "ServiceAccount"),
        [
            FieldSpec.For("RoleBinding", "subjects", group: Rbac),
            FieldSpec.For("ClusterRoleBinding", "subjects", group: Rbac),
            FieldSpec.For("Pod", "spec/serviceAccountName"),
            .. new[] { "StatefulSet", "Deployment", "ReplicationController", "Job", "DaemonSet" }
                .Select(k => FieldSpec.For(k, "spec/template/spec/serviceAccountName")),
            FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/serviceAccountName"),
        ]),
        new(new Gvk("", "v1", "PersistentVolumeClaim"), WorkloadFields("volumes/persistentVolumeClaim/claimName")),
        new(new Gvk("", "v1", "PersistentVolume"),
            [FieldSpec.For("PersistentVolumeClaim", "spec/volumeName"), FieldSpec.For("ClusterRole", "rules/resourceNames")]),
        new(new Gvk("storage.k8s.io", "v1", "StorageClass"),
        [
            FieldSpec.For("PersistentVolume", "spec/storageClassName"),
            FieldSpec.For("PersistentVolumeClaim", "spec/storageClassName"),
            FieldSpec.For("StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName"),
        ]),
        new(new Gvk("scheduling.k8s.io", "v1", "PriorityClass"), WorkloadFields("priorityClassName")),
        // kustomize writes this group as "networking.k8s.io/v1", so the entry never matches; kept for fidelity.
        new(new Gvk("networking.k8s.io/v1", "v1", "IngressClass"), [FieldSpec.For("Ingress", "spec/ingressClassName")]),
    ];

    /// <summary>A referrer field to check: the kind selector, the path (walked on any kind), and the referral kind.</summary>
    internal sealed record Referrer(FieldSpec Spec, FieldSpec Path, Gvk Target);

    /// <summary>The referrer fields by referrer kind, with walk specs prepared once.</summary>
    public static readonly FrozenDictionary<string, Referrer[]> ByReferrerKind = All
        .SelectMany(b => b.Referrers.Select(spec => new Referrer(spec, spec with { Selector = new Gvk("", "", "") }, b.Target)))
        .GroupBy(r => r.Spec.Selector.Kind, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The pod spec fields of Pods (with <paramref name="podVersion"/>), the template kinds and CronJobs.</summary>
    private static IEnumerable<FieldSpec> PodFields(string podVersion, params string[] fields)
    {
        foreach (var field in fields)
        {
            yield return FieldSpec.For("Pod", "spec/" + field, version: podVersion);
        }
        foreach (var kind in TemplateKinds)
        {
            foreach (var field in fields)
            {
                yield return FieldSpec.For(kind, "spec/template/spec/" + field);
            }
        }
        foreach (var field in fields)
        {
            yield return FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/" + field);
        }
    }

    /// <summary>A pod spec field in Pods, StatefulSets, Deployments, ReplicationControllers, CronJobs, Jobs and DaemonSets.</summary>
    private static IReadOnlyList<FieldSpec> WorkloadFields(string field) =>
    [
        FieldSpec.For("Pod", "spec/" + field),
        .. new[] { "StatefulSet", "Deployment", "ReplicationController" }.Select(k => FieldSpec.For(k, "spec/template/spec/" + field)),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/" + field),
        .. new[] { "Job", "DaemonSet" }.Select(k => FieldSpec.For(k, "spec/template/spec/" + field)),
    ];
}
