using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edgeplane.ApiMachinery.Patching;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Applies one patch entry (<c>patches</c>, <c>patchesStrategicMerge</c> or <c>patchesJson6902</c>).</summary>
internal static class PatchTransformer
{
    public static void Apply(ResourceList list, PatchSpec spec, LoadedPatch patch, RegexCache regexes)
    {
        if (patch.Operations is not null)
        {
            ApplyJson(list, spec, patch, regexes);
            return;
        }
        foreach (var document in patch.Strategic)
        {
            List<KustomizeResource> targets = spec.Target is null
                ? [list.GetById(IdOf(document), spec.At)]
                : PatchTargetMatcher.Create(spec.Target, regexes).Select(list);
            var bytes = JsonSize.Of(document);
            foreach (var target in targets)
            {
                list.Grow(bytes, spec.At); // a merge adds at most the patch to its target
                ApplyStrategic(list, target, document, spec, patch.Source);
            }
        }
    }

    private static ResId IdOf(JsonObject patch) => new(
        Gvk.From(ObjectFields.GetString(patch, "apiVersion"), ObjectFields.GetString(patch, "kind")),
        ObjectFields.GetMetadataString(patch, "name"), ObjectFields.GetMetadataString(patch, "namespace"));

    private static void ApplyJson(ResourceList list, PatchSpec spec, LoadedPatch patch, RegexCache regexes)
    {
        if (spec.Target is null)
        {
            throw KustomizeException.At(spec.At, "InvalidPatch", $"{patch.Source} is a JSON 6902 patch and needs a 'target'");
        }
        Action<JsonNode?> grow = value => list.Grow(JsonSize.Of(value), spec.At);
        foreach (var resource in PatchTargetMatcher.Create(spec.Target, regexes).Select(list))
        {
            resource.StorePreviousId();
            try
            {
                resource.Node = JsonPatch.Apply(resource.Node, patch.Operations!, grow) as JsonObject
                    ?? throw new InvalidOperationException("the result is not an object");
            }
            catch (InvalidOperationException e)
            {
                throw KustomizeException.At(spec.At, "PatchFailed", $"{patch.Source} on {resource.CurrentId}: {e.Message}");
            }
        }
    }

    private static void ApplyStrategic(ResourceList list, KustomizeResource target, JsonObject document, PatchSpec spec, string source)
    {
        var (name, ns, kind) = (target.Name, target.Namespace, target.Kind);
        var patch = (JsonObject)document.DeepClone();
        // kustomize applies the patch with the target's apiVersion and keeps the patch's own kind, name and namespace
        // only while merging; they are restored afterwards unless the patch options allow a change.
        patch["apiVersion"] = target.Node["apiVersion"]?.DeepClone();
        if (spec.Target is not null || spec.Field == PatchField.StrategicMerge)
        {
            MetadataStrings.Rewrite(patch, "labels", dropEmpty: true);
            MetadataStrings.Rewrite(patch, "annotations", dropEmpty: true);
        }
        if (spec.AllowNameChange || spec.AllowKindChange)
        {
            target.StorePreviousId();
        }
        JsonObject? merged;
        try
        {
            merged = StrategicMerge.Apply(target.Node, patch, KustomizeMergeSchemas.Options);
        }
        catch (InvalidOperationException e)
        {
            throw KustomizeException.At(spec.At, "PatchFailed", $"{source} on {target.CurrentId}: {e.Message}");
        }
        if (merged is null || merged.Count == 0)
        {
            list.RemoveAll(r => ReferenceEquals(r, target));
            return;
        }
        target.Node = merged;
        if (!spec.AllowKindChange)
        {
            merged["kind"] = kind;
        }
        if (!spec.AllowNameChange)
        {
            ObjectFields.SetMetadataString(merged, "name", name);
        }
        ObjectFields.SetMetadataString(merged, "namespace", ns);
    }
}
