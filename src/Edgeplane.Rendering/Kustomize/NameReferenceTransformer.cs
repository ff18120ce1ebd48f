using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Fixes references after renames (prefixes, suffixes, hashes, namespaces): every field listed in
/// <see cref="NameReferenceConfig"/> that holds an old name of a target object is set to its new name, choosing the
/// target the way kustomize's <c>nameref</c> filter does (previous names, kind, roleRef kind, namespace visibility,
/// then same prefixes and suffixes). Runs once, at the end of the top-level build.
/// </summary>
internal static class NameReferenceTransformer
{
    public static void Apply(ResourceList list, SourceLocation at)
    {
        var resources = list.Items;
        foreach (var referrer in resources)
        {
            var original = referrer.OriginalId.Gvk;
            if (!NameReferenceConfig.ByReferrerKind.TryGetValue(original.Kind, out var fields))
            {
                continue;
            }
            List<KustomizeResource>? candidates = null;
            foreach (var field in fields)
            {
                if (!original.IsSelectedBy(field.Spec.Selector))
                {
                    continue;
                }
                candidates ??= VisibleTo(referrer, resources, at);
                var fix = new NameReferenceFix(referrer, field.Spec, field.Target, candidates, at);
                FieldSpecWalker.Walk(referrer, field.Path, null, fix.Visit);
            }
        }
    }

    /// <summary>Objects a referrer may name: same namespace, cluster-scoped, or (for RoleBindings) subjects' namespaces.</summary>
    private static List<KustomizeResource> VisibleTo(KustomizeResource referrer, IReadOnlyList<KustomizeResource> all, SourceLocation at)
    {
        var id = referrer.CurrentId;
        if (id.Gvk.IsClusterScoped)
        {
            return [.. all];
        }
        var subjectNamespaces = SubjectNamespaces(referrer, at);
        return [.. all.Where(r =>
        {
            var other = r.CurrentId;
            return other.Gvk.IsClusterScoped || other.EffectiveNamespace == id.EffectiveNamespace || subjectNamespaces.Contains(r.Namespace);
        })];
    }

    private static HashSet<string> SubjectNamespaces(KustomizeResource referrer, SourceLocation at)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (referrer.Kind != "RoleBinding" || referrer.Node["subjects"] is not JsonArray subjects)
        {
            return result;
        }
        foreach (var subject in subjects.OfType<JsonObject>())
        {
            if (subject.ContainsKey("namespace") && ObjectFields.ScalarText(subject["kind"]) == "ServiceAccount")
            {
                result.Add(ObjectFields.ScalarText(subject["namespace"])
                    ?? throw KustomizeException.At(at, "InvalidField", $"{referrer.CurrentId}: a subject's namespace must be a string"));
            }
        }
        return result;
    }
}
