using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>A patch read and classified: strategic merge documents, or JSON 6902 operations. Shared; clone before use.</summary>
internal sealed record LoadedPatch(IReadOnlyList<JsonObject> Strategic, IReadOnlyList<PatchOperation>? Operations, string Source)
{
    /// <summary>
    /// Classifies the documents of a patch as kustomize does: a single YAML/JSON list is a JSON 6902 patch; mappings
    /// (one or more documents) are strategic merge patches and need <c>kind</c> and <c>metadata.name</c>.
    /// </summary>
    public static LoadedPatch From(IReadOnlyList<YamlDocument> documents, string source, SourceLocation at, PatchField field)
    {
        if (documents.Count == 0)
        {
            throw KustomizeException.At(at, "InvalidPatch", $"{source} is empty");
        }
        if (documents[0].Root is JsonArray operations)
        {
            if (documents.Count > 1 || field == PatchField.StrategicMerge)
            {
                throw KustomizeException.At(at, "InvalidPatch", field == PatchField.StrategicMerge
                    ? $"{source} is a JSON 6902 patch; patchesStrategicMerge takes strategic merge patches only"
                    : $"{source} has more than one document; a JSON 6902 patch is one list of operations");
            }
            try
            {
                return new LoadedPatch([], JsonPatch.Parse(operations), source);
            }
            catch (FormatException e)
            {
                throw KustomizeException.At(documents[0].Map.Of(operations) is { Line: > 0 } l ? l : at, "InvalidPatch", $"{source}: {e.Message}");
            }
        }
        if (field == PatchField.Json6902)
        {
            throw KustomizeException.At(at, "InvalidPatch", $"{source} is not a list of JSON 6902 operations");
        }
        return new LoadedPatch([.. documents.Select(d => CheckStrategic(d, source, at))], null, source);
    }

    private static JsonObject CheckStrategic(YamlDocument document, string source, SourceLocation at)
    {
        var where = document.Location.Line > 0 ? document.Location : at;
        if (document.Root is not JsonObject patch)
        {
            throw KustomizeException.At(where, "InvalidPatch", $"{source}: a strategic merge patch must be a mapping");
        }
        if (ObjectFields.GetString(patch, "kind").Length == 0 || ObjectFields.GetMetadataString(patch, "name").Length == 0)
        {
            throw KustomizeException.At(where, "InvalidPatch", $"{source}: a strategic merge patch needs 'kind' and 'metadata.name'");
        }
        return patch;
    }
}
