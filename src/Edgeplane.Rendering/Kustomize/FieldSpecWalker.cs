using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Follows a <see cref="FieldSpec"/> path through an object the way kustomize's fieldspec filter does: lists on the
/// way are entered element by element, a missing or null field ends the walk, and only when the spec says
/// <c>create</c> (and the caller can create) are missing fields made, as maps on the way and as
/// the value the caller's <c>create</c> function makes at the end.
/// </summary>
internal static class FieldSpecWalker
{
    /// <summary>Calls <paramref name="visit"/> with the parent object and key of every field the path reaches.</summary>
    public static void Walk(KustomizeResource resource, FieldSpec spec, Func<JsonNode>? create, Action<JsonObject, string> visit)
    {
        if (!spec.AppliesTo(resource.Gvk))
        {
            return;
        }
        Step(resource, resource.Node, spec, 0, spec.Create ? create : null, visit);
    }

    private static void Step(KustomizeResource resource, JsonNode node, FieldSpec spec, int index,
        Func<JsonNode>? create, Action<JsonObject, string> visit)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var element in array.ToArray())
                {
                    if (element is not null)
                    {
                        Step(resource, element, spec, index, create, visit);
                    }
                }
                break;
            case JsonObject obj:
                Field(resource, obj, spec, index, create, visit);
                break;
            default:
                throw KustomizeException.At(resource.Origin, "InvalidField",
                    $"{resource.CurrentId}: field path '{spec.Path}' expects a map or list at '{string.Join('/', spec.Segments[..index])}'");
        }
    }

    private static void Field(KustomizeResource resource, JsonObject obj, FieldSpec spec, int index,
        Func<JsonNode>? create, Action<JsonObject, string> visit)
    {
        var segment = spec.Segments[index];
        var isList = segment.EndsWith("[]", StringComparison.Ordinal);
        var key = isList ? segment[..^2] : segment;
        var last = index == spec.Segments.Length - 1;
        if (!obj.TryGetPropertyValue(key, out var child))
        {
            if (create is null || isList)
            {
                return;
            }
            child = last ? create() : new JsonObject();
            obj[key] = child;
        }
        if (ObjectFields.IsNull(child))
        {
            return;
        }
        if (last)
        {
            visit(obj, key);
            return;
        }
        Step(resource, child!, spec, index + 1, create, visit);
    }
}
