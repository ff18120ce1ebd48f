namespace Edgeplane.KubeSim.Catalog;

internal static partial class BuiltinCatalog
{
    /// <summary>Group of CustomResourceDefinitions; the CRD kind drives dynamic registration.</summary>
    public const string ApiExtensionsGroup = "apiextensions.k8s.io";

    private static IEnumerable<ResourceType> Others()
    {
        yield return Make(ApiExtensionsGroup, "v1", "CustomResourceDefinition", "customresourcedefinitions", ClusterScoped,
            SpecStatus, ["crd", "crds"], status: true, generation: true,
            columns: [new("Created At", "date", ".metadata.creationTimestamp")]);
        yield return Make("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", Namespaced, SpecStatus, ["pdb"],
            status: true, generation: true);
        yield return Make("storage.k8s.io", "v1", "StorageClass", "storageclasses", ClusterScoped,
            ["provisioner", "parameters", "reclaimPolicy", "mountOptions", "allowVolumeExpansion", "volumeBindingMode",
             "allowedTopologies"], ["sc"], columns: [new("Provisioner", "string", ".provisioner")]);
        yield return Make("coordination.k8s.io", "v1", "Lease", "leases", Namespaced, ["spec"]);
        yield return Make("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", ClusterScoped,
            ["value", "globalDefault", "description", "preemptionPolicy"], ["pc"], columns: [new("Value", "integer", ".value")]);
        yield return Make("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", Namespaced, SpecStatus,
            ["hpa"], status: true, generation: true, categories: ["all"]);
        yield return Make("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
            "validatingwebhookconfigurations", ClusterScoped, ["webhooks"], generation: true);
        yield return Make("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
            "mutatingwebhookconfigurations", ClusterScoped, ["webhooks"], generation: true);
    }
}
