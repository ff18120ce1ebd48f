using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

internal sealed partial class KustomizationParser
{
    private sealed record Options(
        IReadOnlyList<KeyValuePair<string, string>> Labels, IReadOnlyList<KeyValuePair<string, string>> Annotations,
        bool DisableNameSuffixHash, bool Immutable);

    private Options ParseGeneratorOptions(JsonObject obj, string key)
    {
        var options = Object(obj, key);
        if (options is null)
        {
            return new Options([], [], false, false);
        }
        CheckKeys(options, key, "labels", "annotations", "disableNameSuffixHash", "immutable");
        return new Options(StringMap(options, "labels"), StringMap(options, "annotations"),
            Bool(options, "disableNameSuffixHash"), Bool(options, "immutable"));
    }

    private GeneratorSpec ParseGenerator(JsonObject entry, string kind, Options? global)
    {
        var field = kind == "ConfigMap" ? "configMapGenerator" : "secretGenerator";
        string[] allowed = kind == "ConfigMap"
            ? ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options"]
            : ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options", "type"];
        CheckKeys(entry, field, allowed);
        var name = String(entry, "name");
        if (name.Length == 0)
        {
            throw Error(Map.Of(entry), $"a {field} entry needs a 'name'");
        }
        var local = ParseGeneratorOptions(entry, "options");
        return new GeneratorSpec
        {
            Kind = kind,
            Name = name,
            Namespace = String(entry, "namespace"),
            Behavior = ParseBehavior(entry),
            Type = kind == "Secret" ? (String(entry, "type") is { Length: > 0 } type ? type : "Opaque") : "",
            Literals = [.. StringList(entry, "literals").Select(v => new Located<string>(v.GetValue<string>(), Map.Of(v)))],
            Files = [.. StringList(entry, "files").Select(ParseFileSource)],
            Envs = [.. Paths(entry, "envs"), .. entry["env"] is null ? [] : new[] { Reference(String(entry, "env"), Map.OfValue(entry, "env")) }],
            // Per-generator options win over generatorOptions for maps; a global true cannot be turned off locally.
            Labels = MergeMaps(local.Labels, global?.Labels),
            Annotations = MergeMaps(local.Annotations, global?.Annotations),
            DisableNameSuffixHash = local.DisableNameSuffixHash || global?.DisableNameSuffixHash == true,
            Immutable = local.Immutable || global?.Immutable == true,
            At = Map.Of(entry),
        };
    }

    private GeneratorBehavior ParseBehavior(JsonObject entry) => String(entry, "behavior") switch
    {
        "" or "create" => GeneratorBehavior.Create,
        "merge" => GeneratorBehavior.Merge,
        "replace" => GeneratorBehavior.Replace,
        var other => throw Error(Map.OfValue(entry, "behavior"), $"behavior must be create, merge or replace, not '{other}'"),
    };

    /// <summary>A <c>files</c> entry is <c>path</c> (the key is the file name) or <c>key=path</c>.</summary>
    private (string Key, PathReference File) ParseFileSource(JsonValue value)
    {
        var text = value.GetValue<string>();
        var at = Map.Of(value);
        var separators = text.Count(c => c == '=');
        if (separators == 0)
        {
            return (Path.GetFileName(text.TrimEnd('/')), Reference(text, at));
        }
        if (separators > 1)
        {
            throw Error(at, $"files entry '{text}': key names or file paths cannot contain '='");
        }
        var cut = text.IndexOf('=', StringComparison.Ordinal);
        if (cut == 0)
        {
            throw Error(at, $"files entry '{text}': the key name is missing");
        }
        if (cut == text.Length - 1)
        {
            throw Error(at, $"files entry '{text}': the file path is missing");
        }
        return (text[..cut], Reference(text[(cut + 1)..], at));
    }

    private static IReadOnlyList<KeyValuePair<string, string>> MergeMaps(
        IReadOnlyList<KeyValuePair<string, string>> local, IReadOnlyList<KeyValuePair<string, string>>? global)
    {
        if (global is null || global.Count == 0)
        {
            return local;
        }
        var merged = global.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in local)
        {
            merged[key] = value;
        }
        return [.. merged.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }
}
