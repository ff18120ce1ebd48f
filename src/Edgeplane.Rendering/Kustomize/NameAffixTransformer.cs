using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// <c>namePrefix</c> and <c>nameSuffix</c>: changes <c>metadata.name</c> of every object except CRDs, APIServices and
/// Namespaces (decided on the original kind, as kustomize does), remembering the old id for name references.
/// </summary>
internal static class NameAffixTransformer
{
    public static void ApplyPrefix(ResourceList list, string prefix, SourceLocation at) => Apply(list, prefix, isPrefix: true, at);

    public static void ApplySuffix(ResourceList list, string suffix, SourceLocation at) => Apply(list, suffix, isPrefix: false, at);

    private static void Apply(ResourceList list, string affix, bool isPrefix, SourceLocation at)
    {
        if (affix.Length == 0)
        {
            return;
        }
        foreach (var resource in list.Items)
        {
            if (IsSkipped(resource.OriginalId.Gvk))
            {
                continue;
            }
            list.Grow(affix.Length, at);
            (isPrefix ? resource.Prefixes : resource.Suffixes).Add(affix);
            resource.HasBuildAnnotations = true;
            resource.StorePreviousId();
            var name = resource.Name;
            ObjectFields.SetMetadataString(resource.Node, "name", isPrefix ? affix + name : name + affix);
        }
    }

    private static bool IsSkipped(Gvk gvk) =>
        gvk.Kind is "CustomResourceDefinition" or "Namespace"
        || (gvk.Kind == "APIService" && gvk.Group == "apiregistration.k8s.io");
}
