using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Inheritance;

/// <summary>
/// Deep merge of values, nearest wins: mappings merge key by key, recursively; lists and scalars replace;
/// a <c>null</c> removes the key. Inputs are never changed; the result shares no nodes with them.
/// </summary>
internal static class ValuesMerge
{
    public static JsonObject Merge(JsonObject farther, JsonObject nearer)
    {
        if (nearer.Count == 0)
        {
            return farther;
        }
        var result = (JsonObject)farther.DeepClone();
        MergeInto(result, nearer);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject over)
    {
        foreach (var (key, value) in over)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject nested && target[key] is JsonObject existing)
            {
                MergeInto(existing, nested);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
