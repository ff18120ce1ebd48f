using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Edgeplane.KubeSim.Json;

internal static partial class YamlJson
{
    /// <summary>
    /// Every document of a multi-document YAML stream (<c>---</c> separated), empty documents skipped, at most
    /// <paramref name="maxDocuments"/>; same rules as <see cref="Parse"/> otherwise.
    /// </summary>
    /// <exception cref="FormatException">Invalid YAML, aliases, or too many documents; the message says where.</exception>
    public static List<JsonNode> ParseAll(string text, int maxDocuments)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        if (stream.Documents.Count > maxDocuments)
        {
            throw new FormatException($"{stream.Documents.Count} YAML documents, more than the limit of {maxDocuments}");
        }
        return stream.Documents.Select(d => Convert(d.RootNode, 0)).OfType<JsonNode>().ToList();
    }
}
