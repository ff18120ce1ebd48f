using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Yaml;

/// <summary>One YAML document of a file, converted to JSON nodes, with the position of every node.</summary>
/// <param name="File">Repo-relative path of the file.</param>
/// <param name="Index">0-based index of the document within its file.</param>
/// <param name="Root">The document's root node; never null (empty documents are skipped by the loader).</param>
/// <param name="Map">Positions of the nodes under <paramref name="Root"/>.</param>
public sealed record YamlDocument(string File, int Index, JsonNode Root, SourceMap Map)
{
    /// <summary>
    /// Bytes (UTF-8) of the keys and scalar values of the document, aliases counted as what they expand to: a lower
    /// bound of its size as JSON, known without walking it. Bounded by <see cref="Sources.LoadLimits.MaxDocumentBytes"/>.
    /// </summary>
    public long Bytes { get; init; }

    /// <summary>Where the document starts.</summary>
    public SourceLocation Location => Map.Of(Root);
}
