using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Namespaces no workspace may own: Kubernetes' own (and its <c>kube-</c> prefix), <c>default</c>, Flux's and
/// Edgeplane's, and every namespace the platform's add-ons and cluster templates use. A workspace that owned one would
/// have its namespace-admin account (docs/rendering.md, "Tenancy") inside the platform.
/// </summary>
internal static class ReservedNamespaces
{
    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["kube-system"] = "a Kubernetes system namespace",
        ["kube-public"] = "a Kubernetes system namespace",
        ["kube-node-lease"] = "a Kubernetes system namespace",
        ["default"] = "the Kubernetes default namespace",
        ["flux-system"] = "Flux's namespace",
        ["edgeplane-system"] = "Edgeplane's own namespace (the agent keeps its inventories there)",
    };

    /// <summary>Why <paramref name="ns"/> is reserved in <paramref name="fleet"/>, or null when a workspace may own it.</summary>
    public static string? Why(string ns, FleetSnapshot fleet)
    {
        if (Fixed.TryGetValue(ns, out var why))
        {
            return why;
        }
        if (ns.StartsWith("kube-", StringComparison.Ordinal))
        {
            return "Kubernetes reserves the kube- prefix for system namespaces";
        }
        if (ns == fleet.Fleet.Spec.Flux.Namespace)
        {
            return $"the Fleet's Flux namespace (spec.flux.namespace, at {fleet.Fleet.Origin.Locate("spec", "flux", "namespace")})";
        }
        foreach (var addOn in fleet.AddOns)
        {
            if (addOn.Spec.Namespace == ns)
            {
                return $"used by AddOn \"{addOn.Name}\" (at {addOn.Origin.Locate("spec", "namespace")})";
            }
            if (addOn.Spec.Namespace is null && addOn.Spec.Source.Type == SourceType.Helm && addOn.Name == ns)
            {
                return $"used by AddOn \"{addOn.Name}\" (its Helm release's namespace, named after it, at {addOn.Origin.Locate("metadata", "name")})";
            }
        }
        var template = fleet.ClusterTemplates.FirstOrDefault(t => t.Spec.Namespace == ns);
        return template is null ? null : $"used by ClusterTemplate \"{template.Name}\" (at {template.Origin.Locate("spec", "namespace")})";
    }
}
