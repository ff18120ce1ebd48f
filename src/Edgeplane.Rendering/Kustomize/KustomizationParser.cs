using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Reads a kustomization file strictly, as kustomize does: every field must be known and of the right type.
/// Fields kustomize has but this implementation does not are errors that name the field, never silently ignored.
/// </summary>
internal sealed partial class KustomizationParser
{
    private static readonly FrozenSet<string> Supported = new[]
    {
        "apiVersion", "kind", "metadata", "resources", "bases", "components", "namespace", "namePrefix", "nameSuffix",
        "commonLabels", "labels", "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge",
        "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Unsupported = new[]
    {
        "openapi", "crds", "vars", "replacements", "sortOptions", "helmCharts", "helmGlobals",
        "helmChartInflationGenerator", "configurations", "generators", "transformers", "validators", "buildMetadata",
        "inventory", "imageTags",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string Group = "kustomize.config.k8s.io";

    private readonly YamlDocument _document;
    private readonly RepoFileSystem _repo;
    private readonly string _directory;

    private KustomizationParser(YamlDocument document, RepoFileSystem repo, string directory)
    {
        _document = document;
        _repo = repo;
        _directory = directory;
    }

    private SourceMap Map => _document.Map;

    /// <summary>Parses the one document of a kustomization file in <paramref name="directory"/>.</summary>
    public static Kustomization Parse(YamlDocument document, RepoFileSystem repo, string directory) =>
        new KustomizationParser(document, repo, directory).Parse();

    private Kustomization Parse()
    {
        if (_document.Root is not JsonObject root)
        {
            throw Error(_document.Location, "a kustomization must be a YAML mapping");
        }
        CheckFields(root);
        var isComponent = CheckKind(root);
        var options = root["generatorOptions"] is null ? null : ParseGeneratorOptions(root, "generatorOptions");
        return new Kustomization
        {
            Directory = _directory,
            File = _document.File,
            IsComponent = isComponent,
            Resources = [.. Paths(root, "resources"), .. Paths(root, "bases")],
            Components = Paths(root, "components"),
            Namespace = root["namespace"] is null ? null : new(String(root, "namespace"), Map.OfValue(root, "namespace")),
            NamePrefix = String(root, "namePrefix"),
            NameSuffix = String(root, "nameSuffix"),
            CommonLabels = StringMap(root, "commonLabels"),
            Labels = Entries(root, "labels", ParseLabel),
            CommonAnnotations = StringMap(root, "commonAnnotations"),
            Images = Entries(root, "images", ParseImage),
            Replicas = Entries(root, "replicas", ParseReplica),
            PatchesStrategicMerge = ParseStrategicMergePatches(root),
            Patches = Entries(root, "patches", e => ParsePatch(e, PatchField.Patches)),
            PatchesJson6902 = Entries(root, "patchesJson6902", e => ParsePatch(e, PatchField.Json6902)),
            Generators =
            [
                .. Entries(root, "configMapGenerator", e => ParseGenerator(e, "ConfigMap", options)),
                .. Entries(root, "secretGenerator", e => ParseGenerator(e, "Secret", options)),
            ],
        };
    }

    private void CheckFields(JsonObject root)
    {
        foreach (var (key, _) in root)
        {
            if (Unsupported.Contains(key))
            {
                throw Error(Map.OfKey(root, key), $"kustomize field '{key}' is not supported", "UnsupportedField");
            }
            if (!Supported.Contains(key))
            {
                throw Error(Map.OfKey(root, key), $"unknown kustomize field '{key}'", "UnknownField");
            }
        }
        if (root["metadata"] is not null and not JsonObject)
        {
            throw Error(Map.OfValue(root, "metadata"), "kustomize field 'metadata' must be a mapping");
        }
    }

    private bool CheckKind(JsonObject root)
    {
        var kind = String(root, "kind");
        var apiVersion = String(root, "apiVersion");
        var (expected, isComponent) = kind switch
        {
            "" or "Kustomization" => ($"{Group}/v1beta1", false),
            "Component" => ($"{Group}/v1alpha1", true),
            _ => throw Error(Map.OfValue(root, "kind"), $"kind must be Kustomization or Component, not '{kind}'"),
        };
        if (apiVersion.Length > 0 && apiVersion != expected)
        {
            throw Error(Map.OfValue(root, "apiVersion"),
                $"apiVersion for {(isComponent ? "Component" : "Kustomization")} should be {expected}, not '{apiVersion}'");
        }
        return isComponent;
    }

    private KustomizeException Error(SourceLocation at, string message, string code = "InvalidKustomization") =>
        KustomizeException.At(at, code, message);

    private string String(JsonObject obj, string key)
    {
        var value = obj[key];
        if (ObjectFields.IsNull(value))
        {
            return "";
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }
        throw Error(Map.OfValue(obj, key), $"kustomize field '{key}' must be a string");
    }

    private bool Bool(JsonObject obj, string key)
    {
        var value = obj[key];
        if (ObjectFields.IsNull(value))
        {
            return false;
        }
        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }
        throw Error(Map.OfValue(obj, key), $"kustomize field '{key}' must be true or false");
    }

    private JsonObject? Object(JsonObject obj, string key)
    {
        var value = obj[key];
        return ObjectFields.IsNull(value) ? null
            : value as JsonObject ?? throw Error(Map.OfValue(obj, key), $"kustomize field '{key}' must be a mapping");
    }

    private IReadOnlyList<KeyValuePair<string, string>> StringMap(JsonObject obj, string key)
    {
        if (Object(obj, key) is not { } map)
        {
            return [];
        }
        var result = new List<KeyValuePair<string, string>>(map.Count);
        foreach (var (name, _) in map)
        {
            result.Add(new(name, String(map, name)));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private void CheckKeys(JsonObject entry, string field, params string[] allowed)
    {
        foreach (var (key, _) in entry)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw Error(Map.OfKey(entry, key), $"unknown field '{key}' in a {field} entry", "UnknownField");
            }
        }
    }
}
