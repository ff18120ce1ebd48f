using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Sources;

namespace Edgeplane.Rendering.Kustomize;

internal sealed partial class KustomizationParser
{
    private IReadOnlyList<T> Entries<T>(JsonObject obj, string key, Func<JsonObject, T> parse)
    {
        var value = obj[key];
        if (ObjectFields.IsNull(value))
        {
            return [];
        }
        if (value is not JsonArray list)
        {
            throw Error(Map.OfValue(obj, key), $"kustomize field '{key}' must be a list");
        }
        var result = new List<T>(list.Count);
        foreach (var item in list)
        {
            result.Add(item is JsonObject entry
                ? parse(entry)
                : throw Error(item is null ? Map.OfValue(obj, key) : Map.Of(item), $"each entry of '{key}' must be a mapping"));
        }
        return result;
    }

    private IReadOnlyList<JsonValue> StringList(JsonObject obj, string key)
    {
        var value = obj[key];
        if (ObjectFields.IsNull(value))
        {
            return [];
        }
        if (value is not JsonArray list)
        {
            throw Error(Map.OfValue(obj, key), $"kustomize field '{key}' must be a list of strings");
        }
        var result = new List<JsonValue>(list.Count);
        foreach (var item in list)
        {
            result.Add(item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v
                : throw Error(item is null ? Map.OfValue(obj, key) : Map.Of(item), $"each entry of '{key}' must be a string"));
        }
        return result;
    }

    private IReadOnlyList<PathReference> Paths(JsonObject obj, string key) =>
        [.. StringList(obj, key).Select(v => Reference(v.GetValue<string>(), Map.Of(v)))];

    private PathReference Reference(string written, Model.Diagnostics.SourceLocation at)
    {
        try
        {
            return new PathReference(written, _repo.Resolve(_directory, written, at), null, at);
        }
        catch (RepoPathException refused)
        {
            return new PathReference(written, null, refused.Diagnostic, at);
        }
    }

    private LabelSpec ParseLabel(JsonObject entry)
    {
        CheckKeys(entry, "labels", "pairs", "includeSelectors", "includeTemplates", "fields");
        var fields = Entries(entry, "fields", ParseFieldSpec);
        return new LabelSpec(StringMap(entry, "pairs"), Bool(entry, "includeSelectors"), Bool(entry, "includeTemplates"),
            fields, Map.Of(entry));
    }

    private FieldSpec ParseFieldSpec(JsonObject entry)
    {
        CheckKeys(entry, "fields", "path", "group", "version", "kind", "create");
        var path = String(entry, "path");
        if (path.Length == 0)
        {
            throw Error(Map.Of(entry), "a field spec needs a 'path'");
        }
        return new FieldSpec(new Gvk(String(entry, "group"), String(entry, "version"), String(entry, "kind")), path, Bool(entry, "create"));
    }

    private ImageSpec ParseImage(JsonObject entry)
    {
        CheckKeys(entry, "images", "name", "newName", "newTag", "digest");
        var name = String(entry, "name");
        if (name.Length == 0)
        {
            throw Error(Map.Of(entry), "an images entry needs a 'name'");
        }
        return new ImageSpec(name, String(entry, "newName"), String(entry, "newTag"), String(entry, "digest"), Map.Of(entry));
    }

    private ReplicaSpec ParseReplica(JsonObject entry)
    {
        CheckKeys(entry, "replicas", "name", "count");
        var name = String(entry, "name");
        if (name.Length == 0)
        {
            throw Error(Map.Of(entry), "a replicas entry needs a 'name'");
        }
        if (entry["count"] is not JsonValue count || count.GetValueKind() != JsonValueKind.Number || !count.TryGetValue<long>(out var n))
        {
            throw Error(Map.OfValue(entry, "count"), "replicas 'count' must be an integer");
        }
        return new ReplicaSpec(name, n, Map.Of(entry));
    }

    private IReadOnlyList<PatchSpec> ParseStrategicMergePatches(JsonObject root) =>
        [.. StringList(root, "patchesStrategicMerge").Select(v =>
        {
            var text = v.GetValue<string>();
            var at = Map.Of(v);
            // Like kustomize, an entry is a file when it reads as one path, and an inline patch otherwise.
            return text.Contains('\n', StringComparison.Ordinal) || text.TrimStart().StartsWith('{')
                ? new PatchSpec(PatchField.StrategicMerge, null, text, at, null, false, false, at)
                : new PatchSpec(PatchField.StrategicMerge, Reference(text, at), null, at, null, false, false, at);
        })];

    private PatchSpec ParsePatch(JsonObject entry, PatchField field)
    {
        var name = field == PatchField.Json6902 ? "patchesJson6902" : "patches";
        CheckKeys(entry, name, field == PatchField.Json6902 ? ["path", "patch", "target"] : ["path", "patch", "target", "options"]);
        var path = String(entry, "path");
        var inline = String(entry, "patch");
        if ((path.Length == 0) == (inline.Length == 0))
        {
            throw Error(Map.Of(entry), $"a {name} entry needs exactly one of 'path' and 'patch'");
        }
        var target = Object(entry, "target") is { } t ? ParseTarget(t, field) : null;
        if (field == PatchField.Json6902 && target is null)
        {
            throw Error(Map.Of(entry), "a patchesJson6902 entry needs a 'target'");
        }
        var options = Object(entry, "options");
        if (options is not null)
        {
            CheckKeys(options, "patch options", "allowNameChange", "allowKindChange");
        }
        return new PatchSpec(field, path.Length > 0 ? Reference(path, Map.OfValue(entry, "path")) : null,
            inline.Length > 0 ? inline : null, inline.Length > 0 ? Map.OfValue(entry, "patch") : Map.Of(entry), target,
            options is not null && Bool(options, "allowNameChange"), options is not null && Bool(options, "allowKindChange"),
            Map.Of(entry));
    }

    private PatchTarget ParseTarget(JsonObject target, PatchField field)
    {
        if (field == PatchField.Json6902)
        {
            CheckKeys(target, "patch target", "group", "version", "kind", "name", "namespace");
        }
        else
        {
            CheckKeys(target, "patch target", "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");
        }
        return new PatchTarget(String(target, "group"), String(target, "version"), String(target, "kind"), String(target, "name"),
            String(target, "namespace"), String(target, "labelSelector"), String(target, "annotationSelector"), Map.Of(target));
    }
}
