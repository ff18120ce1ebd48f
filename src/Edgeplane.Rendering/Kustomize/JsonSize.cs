using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// A quick lower bound of the size of a node as compact JSON (strings counted in UTF-16 units, escapes and number
/// digits not counted), for the build budget of <see cref="ResourceList.Grow"/>: cheaper than writing it.
/// </summary>
internal static class JsonSize
{
    public static long Of(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                long size = 2;
                foreach (var (key, value) in obj)
                {
                    size += key.Length + 4 + Of(value);
                }
                return size;
            case JsonArray array:
                long items = 2;
                foreach (var item in array)
                {
                    items += 1 + Of(item);
                }
                return items;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text.Length + 2;
            default:
                return 4;
        }
    }
}
