using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Model.Specs;

/// <summary>
/// Where a resource was written: its file, document and the raw nodes with their positions, so that later stages
/// (rendering, policy) can point at the exact field that caused an error.
/// </summary>
public sealed class ResourceOrigin
{
    private readonly JsonObject _root;
    private readonly SourceMap _map;

    /// <summary>Wraps a loaded document.</summary>
    public ResourceOrigin(YamlDocument document)
    {
        _root = document.Root.AsObject();
        _map = document.Map;
        File = document.File;
    }

    /// <summary>Repo-relative path of the file that holds the resource.</summary>
    public string File { get; }

    /// <summary>Repo-relative directory of the file ("" at the root); source paths are relative to it.</summary>
    public string Directory => File.Contains('/', StringComparison.Ordinal) ? File[..File.LastIndexOf('/')] : "";

    /// <summary>Where the resource document starts.</summary>
    public SourceLocation Location => _map.Of(_root);

    /// <summary>
    /// Where a field is written, e.g. <c>Locate("spec", "placement")</c> or <c>Locate("spec", "dependsOn", "1")</c>
    /// (numbers index lists). Falls back to the nearest parent that exists.
    /// </summary>
    public SourceLocation Locate(params string[] path)
    {
        JsonNode? node = _root;
        var location = _map.Of(_root);
        foreach (var part in path)
        {
            switch (node)
            {
                case JsonObject obj when obj.ContainsKey(part):
                    location = _map.OfValue(obj, part);
                    node = obj[part];
                    break;
                case JsonArray array when int.TryParse(part, out var i) && i >= 0 && i < array.Count:
                    node = array[i];
                    location = _map.Of(node);
                    break;
                default:
                    return location;
            }
        }
        return location;
    }
}
