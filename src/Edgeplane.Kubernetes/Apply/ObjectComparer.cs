using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Compares a live object with the server's dry-run result of applying the bundle's version, and lists the field
/// paths that differ. Server-kept bookkeeping (managedFields, resourceVersion, generation, timestamps, uid) and status
/// are ignored; ownership is compared separately: if our field manager would own a different set of fields, the
/// object differs at <c>metadata.managedFields[manager]</c> (another manager took a field over, even with the same value).
/// </summary>
internal static class ObjectComparer
{
    private static readonly string[] IgnoredMetadata =
        ["managedFields", "resourceVersion", "generation", "creationTimestamp", "uid", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    private const int MaxPaths = 100;

    public static IReadOnlyList<string> Diff(JsonObject live, JsonObject dryRun, string fieldManager)
    {
        var paths = new List<string>();
        Walk(Normalize(live), Normalize(dryRun), "", paths);
        if (!JsonNode.DeepEquals(OwnedFields(live, fieldManager), OwnedFields(dryRun, fieldManager)))
        {
            paths.Add($"metadata.managedFields[{fieldManager}]");
        }
        return paths.Count > MaxPaths ? [.. paths.Take(MaxPaths), $"… and {paths.Count - MaxPaths} more"] : paths;
    }

    private static JsonObject Normalize(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
        {
            foreach (var field in IgnoredMetadata)
            {
                meta.Remove(field);
            }
        }
        return copy;
    }

    private static JsonNode? OwnedFields(JsonObject obj, string fieldManager) =>
        (ObjectJson.Meta(obj)["managedFields"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(e => ObjectJson.Str(e, "manager") == fieldManager && ObjectJson.Str(e, "operation") == "Apply" && ObjectJson.Str(e, "subresource") is null or "")
            .Select(e => e["fieldsV1"])
            .FirstOrDefault();

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> paths)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(x[key], y[key], Join(path, key), paths);
                }
                break;
            case (JsonArray x, JsonArray y):
                WalkArray(x, y, path, paths);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    paths.Add(path.Length == 0 ? "." : path);
                }
                break;
        }
    }

    /// <summary>Lists of named items (containers, ports, env) are matched by name, so a path says which one.</summary>
    private static void WalkArray(JsonArray x, JsonArray y, string path, List<string> paths)
    {
        if (KeyedByName(x) && KeyedByName(y))
        {
            var left = x.OfType<JsonObject>().ToDictionary(o => ObjectJson.Str(o, "name")!, StringComparer.Ordinal);
            var right = y.OfType<JsonObject>().ToDictionary(o => ObjectJson.Str(o, "name")!, StringComparer.Ordinal);
            foreach (var name in left.Keys.Union(right.Keys))
            {
                Walk(left.GetValueOrDefault(name), right.GetValueOrDefault(name), $"{path}[name={name}]", paths);
            }
            if (!left.Keys.SequenceEqual(right.Keys) && left.Count == right.Count && left.Keys.Order().SequenceEqual(right.Keys.Order()))
            {
                paths.Add($"{path} (order)");
            }
            return;
        }
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            Walk(i < x.Count ? x[i] : null, i < y.Count ? y[i] : null, $"{path}[{i}]", paths);
        }
    }

    private static bool KeyedByName(JsonArray array) =>
        array.Count > 0
        && array.All(item => item is JsonObject o && ObjectJson.Str(o, "name") is not null)
        && array.Select(item => ObjectJson.Str((JsonObject)item!, "name")).Distinct(StringComparer.Ordinal).Count() == array.Count;

    private static string Join(string path, string key)
    {
        var simple = key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return simple ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[{key}]";
    }
}
