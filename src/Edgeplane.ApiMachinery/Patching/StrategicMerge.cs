using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// Strategic merge patch, following kyaml's <c>merge2</c> walker step by step (the one kustomize v5 applies); the
/// <see cref="MergeDialect"/> switches its two differences from kube-apiserver. Maps merge field by field, <c>null</c>
/// deletes, scalars and lists without a merge strategy are replaced, lists with a strategy merge element by element on
/// their keys (<see cref="MergeSchema"/>), and <c>$patch: delete|replace|merge</c> apply to maps and lists. Without a
/// schema (custom resources) every list is replaced, which makes it a JSON merge patch with directives.
/// </summary>
public static partial class StrategicMerge
{
    private const string Directive = "$patch";

    private enum Strategy
    {
        Merge,
        Replace,
        Delete,
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="target"/>; null when the patch deletes the object. Both
    /// arguments are changed (the result is built from their nodes): pass copies of anything you keep.
    /// </summary>
    /// <exception cref="PatchException">The patch does not fit the object (a map where a list is, an unknown directive).</exception>
    public static JsonObject? Apply(JsonObject target, JsonObject patch, StrategicMergeOptions options) =>
        Walk(target, patch, hasPatch: true, options.Schema, "", options) as JsonObject;

    private static JsonNode? Walk(JsonNode? dest, JsonNode? patch, bool hasPatch, MergeSchema? schema, string path, StrategicMergeOptions options)
    {
        schema ??= SchemaOf(dest, options) ?? (hasPatch ? SchemaOf(patch, options) : null);
        var kind = dest ?? (hasPatch ? patch : null);
        CheckSameKind(dest, hasPatch ? patch : null, path);
        return kind switch
        {
            JsonArray when schema?.IsMergeList == true => WalkMergingList(dest, patch, hasPatch, schema, path, options),
            JsonArray => hasPatch ? patch : dest,
            JsonValue => hasPatch ? patch : dest,
            _ => WalkMap(dest as JsonObject, patch as JsonObject, hasPatch, schema, path, options),
        };
    }

    private static MergeSchema? SchemaOf(JsonNode? node, StrategicMergeOptions options) =>
        node is JsonObject obj && options.SchemaOf is { } lookup ? lookup(obj) : null;

    private static JsonNode? WalkMap(JsonObject? dest, JsonObject? patch, bool hasPatch, MergeSchema? schema, string path, StrategicMergeOptions options)
    {
        if (dest is null)
        {
            // Added by the patch: its directives still apply (delete drops it), errors in them are ignored as kyaml does.
            if (patch is null || MapStrategy(patch, ignoreUnknown: true) == Strategy.Delete)
            {
                return null;
            }
            dest = patch;
        }
        else if (hasPatch && patch is null)
        {
            return null;
        }
        else if (patch is not null)
        {
            switch (MapStrategy(patch, ignoreUnknown: false))
            {
                case Strategy.Delete:
                    return null;
                case Strategy.Replace:
                    dest = patch;
                    break;
            }
        }
        var directives = options.Dialect == MergeDialect.KubeApiServer && patch is not null ? ServerDirectives.Take(patch) : null;
        foreach (var key in FieldNames(dest, patch))
        {
            JsonNode? patchValue = null;
            var has = patch is not null && patch.TryGetPropertyValue(key, out patchValue);
            var value = Walk(dest[key], patchValue, has, schema?.Field(key), path + "." + key, options);
            Set(dest, key, value);
        }
        directives?.ApplyTo(dest);
        return dest;
    }

    private static Strategy MapStrategy(JsonObject patch, bool ignoreUnknown)
    {
        if (!patch.TryGetPropertyValue(Directive, out var value))
        {
            return Strategy.Merge;
        }
        var strategy = ParseStrategy(ScalarText.Of(value));
        if (strategy is null)
        {
            return ignoreUnknown ? Strategy.Merge
                : throw new PatchException($"unknown patch strategy '{ScalarText.Of(value)}'");
        }
        patch.Remove(Directive);
        return strategy.Value;
    }

    private static Strategy? ParseStrategy(string? text) => text switch
    {
        "merge" => Strategy.Merge,
        "replace" => Strategy.Replace,
        "delete" => Strategy.Delete,
        _ => null,
    };

    private static List<string> FieldNames(JsonObject dest, JsonObject? patch)
    {
        var names = new List<string>(dest.Count + (patch?.Count ?? 0));
        foreach (var (key, _) in dest)
        {
            names.Add(key);
        }
        if (patch is not null && !ReferenceEquals(patch, dest))
        {
            foreach (var (key, _) in patch)
            {
                if (!dest.ContainsKey(key))
                {
                    names.Add(key);
                }
            }
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static void Set(JsonObject dest, string key, JsonNode? value)
    {
        if (value is null)
        {
            dest.Remove(key);
            return;
        }
        if (dest.TryGetPropertyValue(key, out var current) && ReferenceEquals(current, value))
        {
            return;
        }
        dest[key] = Detach(value);
    }

    /// <summary>Frees a node taken from the patch so it can be attached to the target.</summary>
    private static JsonNode Detach(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonArray parent:
                parent.Remove(node);
                break;
        }
        return node;
    }

    private static void CheckSameKind(JsonNode? dest, JsonNode? patch, string path)
    {
        if (dest is not null && patch is not null && dest.GetType() != patch.GetType())
        {
            throw new PatchException(
                $"cannot merge {Describe(patch)} into {Describe(dest)} at '{(path.Length == 0 ? "." : path)}'");
        }
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "a map",
        JsonArray => "a list",
        _ => "a scalar",
    };
}
