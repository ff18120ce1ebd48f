using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Turns the documents of a resource file into objects: each a mapping with kind and metadata.name; Lists expanded.</summary>
internal static class ResourceFile
{
    /// <summary>The objects, and at least how many bytes of JSON they hold (<paramref name="bytes"/>, for the build budget).</summary>
    public static IReadOnlyList<KustomizeResource> Read(IReadOnlyList<YamlDocument> documents, out long bytes)
    {
        var result = new List<KustomizeResource>();
        bytes = 0;
        foreach (var document in documents)
        {
            if (document.Root is not JsonObject obj)
            {
                throw KustomizeException.At(document.Location, "InvalidResource", "a resource must be a YAML mapping");
            }
            if (IsList(obj))
            {
                foreach (var item in (JsonArray)obj["items"]!)
                {
                    result.Add(Checked(item, document));
                    bytes += JsonSize.Of(item);
                }
                continue;
            }
            result.Add(Checked(obj, document));
            bytes += document.Bytes; // counted by the loader: keys and values, aliases expanded
        }
        return result;
    }

    private static bool IsList(JsonObject obj) =>
        ObjectFields.GetString(obj, "kind").EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray;

    private static KustomizeResource Checked(JsonNode? node, YamlDocument document)
    {
        var at = node is null ? document.Location : document.Map.Of(node);
        if (node is not JsonObject obj)
        {
            throw KustomizeException.At(at, "InvalidResource", "a resource must be a YAML mapping");
        }
        if (ObjectFields.GetString(obj, "kind").Length == 0)
        {
            throw KustomizeException.At(at, "InvalidResource", "resource has no 'kind'");
        }
        if (ObjectFields.GetMetadataString(obj, "name").Length == 0)
        {
            throw KustomizeException.At(at, "InvalidResource", $"{ObjectFields.GetString(obj, "kind")} has no 'metadata.name'");
        }
        return new KustomizeResource((JsonObject)obj.DeepClone(), at);
    }
}
