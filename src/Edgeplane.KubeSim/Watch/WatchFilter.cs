using System.Text.Json;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Selectors;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Watch;

/// <summary>What a list or watch selects: one resource, optionally one namespace, label and field selectors.</summary>
internal sealed record WatchFilter(ResourceKey Resource, bool Namespaced, string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public bool Matches(StoredObject obj)
    {
        if (Namespace is not null && obj.Namespace != Namespace)
        {
            return false;
        }
        if (Labels.IsEmpty && Fields.IsEmpty)
        {
            return true;
        }
        if (Fields.Terms.All(t => t.Field is "metadata.name" or "metadata.namespace") && Labels.IsEmpty)
        {
            return Fields.Matches(f => f == "metadata.name" ? obj.Name : obj.Namespace);
        }
        using var doc = JsonDocument.Parse(obj.Json);
        var root = doc.RootElement;
        return Labels.Matches(ReadLabels(root)) && Fields.Matches(f => ReadField(root, f));
    }

    private static Dictionary<string, string> ReadLabels(JsonElement root)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in l.EnumerateObject())
            {
                labels[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        return labels;
    }

    private static string? ReadField(JsonElement root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return null;
            }
        }
        return node.ValueKind == JsonValueKind.String ? node.GetString() : node.GetRawText();
    }
}
