using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Patching;

/// <summary>
/// kube-apiserver's JSON patch and strategic merge patch, applied with Edgeplane.ApiMachinery: the request body checked
/// as the server checks it, at most <see cref="JsonPatch.MaxOperations"/> operations, and the kind's list semantics
/// (<see cref="ResourceSchema.ListAt"/>) as the merge keys of the <see cref="MergeDialect.KubeApiServer"/> dialect.
/// </summary>
internal static class ApiServerPatch
{
    /// <summary>Applies an RFC 6902 patch to <paramref name="target"/> (changed in place).</summary>
    /// <exception cref="FormatException">The patch is not a list of well-formed operations.</exception>
    /// <exception cref="PatchException">An operation does not apply.</exception>
    public static JsonNode Json(JsonObject target, JsonNode? patch) =>
        patch is JsonArray operations
            ? JsonPatch.Apply(target, JsonPatch.Parse(operations))
            : throw new FormatException("a JSON patch must be an array of operations");

    /// <summary>Applies a strategic merge patch to <paramref name="target"/> (changed in place); null when it is not an object.</summary>
    /// <exception cref="PatchException">The patch does not fit the object.</exception>
    public static JsonObject? Strategic(JsonObject target, JsonNode? patch, ResourceSchema schema) =>
        patch is JsonObject merge ? StrategicMerge.Apply(target, merge, Options(schema)) : null;

    /// <summary>The kube-apiserver merge of an object with this schema.</summary>
    public static StrategicMergeOptions Options(ResourceSchema schema) => StrategicMergeOptions.KubeApiServer(MapAt(schema, []));

    // KubeSim's schema is a rule over field-name paths (list items add no name), so the merge schema is computed as the
    // merge walks: each field asks ListAt for its path.
    private static MergeSchema MapAt(ResourceSchema schema, string[] path) =>
        MergeSchema.Computed(name => FieldAt(schema, [.. path, name]));

    private static MergeSchema FieldAt(ResourceSchema schema, string[] path)
    {
        var list = schema.ListAt(path);
        if (list.PatchMergePrimitives)
        {
            return MergeSchema.MergeList(null);
        }
        return list.PatchMergeKey is { } key ? MergeSchema.MergeList(MapAt(schema, path), key) : MapAt(schema, path);
    }
}
