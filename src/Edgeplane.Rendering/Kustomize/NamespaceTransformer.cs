using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// The <c>namespace</c> field, as kustomize v5: sets <c>metadata.namespace</c> on every kind not known to be
/// cluster-scoped, renames Namespace objects, sets the namespace of RoleBinding and ClusterRoleBinding subjects
/// named "default", and of the service of APIServices and CRD conversion webhooks.
/// </summary>
internal static class NamespaceTransformer
{
    private static readonly FieldSpec[] Specs =
    [
        FieldSpec.For("Namespace", "metadata/name", create: true),
        FieldSpec.For("APIService", "spec/service/namespace", create: true, group: "apiregistration.k8s.io"),
        FieldSpec.For("CustomResourceDefinition", "spec/conversion/webhook/clientConfig/service/namespace",
            group: "apiextensions.k8s.io"),
    ];

    public static void Apply(ResourceList list, Located<string>? field)
    {
        if (field is null || field.Value.Length == 0)
        {
            return;
        }
        var ns = field.Value;
        foreach (var resource in list.Items)
        {
            list.Grow(ns.Length, field.At);
            resource.StorePreviousId();
            if (!resource.Gvk.IsClusterScoped)
            {
                ObjectFields.SetMetadataString(resource.Node, "namespace", ns);
            }
            if (resource.Kind is "RoleBinding" or "ClusterRoleBinding")
            {
                SetDefaultSubjects(resource.Node, ns);
            }
            foreach (var spec in Specs)
            {
                FieldSpecWalker.Walk(resource, spec, () => JsonValue.Create(ns), (parent, key) => parent[key] = ns);
            }
        }
        CheckUnique(list, field.At);
    }

    private static void SetDefaultSubjects(JsonObject binding, string ns)
    {
        if (binding["subjects"] is not JsonArray subjects)
        {
            return;
        }
        foreach (var subject in subjects)
        {
            if (subject is JsonObject s && ObjectFields.ScalarText(s["name"]) == "default")
            {
                s["namespace"] = ns;
            }
        }
    }

    private static void CheckUnique(ResourceList list, SourceLocation at)
    {
        var seen = new HashSet<(Gvk, string, string)>();
        foreach (var resource in list.Items)
        {
            var id = resource.CurrentId;
            if (!seen.Add((id.Gvk, id.Name, id.EffectiveNamespace)))
            {
                throw KustomizeException.At(at, "DuplicateResource", $"namespace transformation produces ID conflict: {id}");
            }
        }
    }
}
