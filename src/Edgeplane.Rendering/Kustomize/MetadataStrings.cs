using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// kustomize rewrites label and annotation maps through a <c>map[string]string</c> at some steps, turning every value
/// into its YAML text (<c>5</c> becomes "5", <c>null</c> becomes "null") and dropping maps left empty. This applies
/// the same rewrite where kustomize does: annotations of every output object, and the labels and annotations of a
/// strategic merge patch applied through a target or <c>patchesStrategicMerge</c>.
/// </summary>
internal static class MetadataStrings
{
    /// <summary>Rewrites <c>metadata.field</c> to strings; an empty map is removed when <paramref name="dropEmpty"/>.</summary>
    public static void Rewrite(JsonObject node, string field, bool dropEmpty)
    {
        if (node["metadata"] is not JsonObject metadata || metadata[field] is not JsonObject map)
        {
            return;
        }
        if (map.Count == 0)
        {
            if (dropEmpty)
            {
                metadata.Remove(field);
            }
            return;
        }
        foreach (var key in map.Select(p => p.Key).ToList())
        {
            if (map[key] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                map[key] = map[key] is null ? "null" : ObjectFields.ScalarText(map[key]) ?? "";
            }
        }
    }
}
