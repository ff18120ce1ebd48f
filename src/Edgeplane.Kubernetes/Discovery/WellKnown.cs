namespace Edgeplane.Kubernetes.Discovery;

/// <summary>Core kinds whose mapping never changes, so the engine's own bookkeeping needs no discovery.</summary>
internal static class WellKnown
{
    public static readonly ResourceMapping ConfigMap = new("", "v1", "ConfigMap", "configmaps", true);
    public static readonly ResourceMapping Namespace = new("", "v1", "Namespace", "namespaces", false);
    public static readonly ResourceMapping Crd = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);

    public static bool IsCrd(string group, string kind) => group == Crd.Group && kind == Crd.Kind;

    public static bool IsNamespace(string group, string kind) => group.Length == 0 && kind == Namespace.Kind;
}
