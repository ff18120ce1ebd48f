using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Adds key/value pairs to the maps a list of field specs points at: <c>commonLabels</c>, <c>labels</c> and
/// <c>commonAnnotations</c>. Missing maps are created where the spec says <c>create</c>.
/// </summary>
internal static class MapEntryTransformer
{
    public static void Apply(ResourceList list, IReadOnlyList<KeyValuePair<string, string>> pairs,
        IReadOnlyList<FieldSpec> specs, SourceLocation at)
    {
        if (pairs.Count == 0)
        {
            return;
        }
        var bytes = pairs.Sum(p => (long)p.Key.Length + p.Value.Length + 6);
        foreach (var resource in list.Items)
        {
            Action<JsonObject, string> visit = (parent, key) =>
            {
                list.Grow(bytes, at);
                SetAll(resource, parent, key, pairs, at);
            };
            foreach (var spec in specs)
            {
                FieldSpecWalker.Walk(resource, spec, NewMap, visit);
            }
        }
    }

    private static readonly Func<JsonNode> NewMap = () => new JsonObject();

    /// <summary>The field specs of one <c>labels</c> entry, as kustomize merges them.</summary>
    public static IReadOnlyList<FieldSpec> SpecsFor(LabelSpec label)
    {
        var specs = new List<FieldSpec>(label.Fields);
        if (label.IncludeSelectors)
        {
            MergeAll(specs, DefaultFieldSpecs.CommonLabels);
        }
        else
        {
            MergeAll(specs, [FieldSpec.Any("metadata/labels", create: true)]);
            if (label.IncludeTemplates)
            {
                MergeAll(specs, DefaultFieldSpecs.TemplateLabels);
            }
        }
        return specs;
    }

    private static void MergeAll(List<FieldSpec> specs, IEnumerable<FieldSpec> more)
    {
        foreach (var spec in more)
        {
            if (!specs.Exists(s => s.Selector == spec.Selector && s.Path == spec.Path))
            {
                specs.Add(spec);
            }
        }
    }

    private static void SetAll(KustomizeResource resource, JsonObject parent, string key,
        IReadOnlyList<KeyValuePair<string, string>> pairs, SourceLocation at)
    {
        if (parent[key] is not JsonObject map)
        {
            throw KustomizeException.At(at, "InvalidField", $"{resource.CurrentId}: field '{key}' must be a map to receive labels or annotations");
        }
        foreach (var (name, value) in pairs)
        {
            map[name] = value;
        }
    }
}
