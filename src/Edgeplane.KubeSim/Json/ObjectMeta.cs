using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Json;

/// <summary>Accessors for the metadata of an object held as a JSON tree.</summary>
internal static class ObjectMeta
{
    public static JsonObject Meta(this JsonObject obj) => obj.Obj("metadata");

    public static string? Name(this JsonObject obj) => obj.At("metadata", "name")?.GetValue<string>();

    public static string? Namespace(this JsonObject obj) => (obj.At("metadata", "namespace") as JsonValue)?.GetValue<string>();

    public static string? Uid(this JsonObject obj) => obj.At("metadata", "uid")?.GetValue<string>();

    public static long Generation(this JsonObject obj) => obj["metadata"].Long("generation") ?? 0;

    public static bool IsDeleting(this JsonObject obj) => obj.At("metadata", "deletionTimestamp") is not null;

    public static List<string> Finalizers(this JsonObject obj) =>
        (obj.At("metadata", "finalizers") as JsonArray)?.Select(f => f?.GetValue<string>()).OfType<string>().ToList() ?? [];

    public static Dictionary<string, string> Labels(this JsonObject obj) =>
        (obj.At("metadata", "labels") as JsonObject)?
            .Where(kv => kv.Value is JsonValue)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal) ?? [];

    /// <summary>The object without metadata and status: what generation tracks.</summary>
    public static JsonObject SpecPart(this JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")))
        {
            copy[name] = value?.DeepClone();
        }
        return copy;
    }

    /// <summary>Container images of a workload, pod template or pod, for readiness faults.</summary>
    public static IEnumerable<string> Images(this JsonObject obj)
    {
        var podSpec = obj.At("spec", "template", "spec") ?? obj.At("spec", "jobTemplate", "spec", "template", "spec") ?? obj.At("spec");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (podSpec?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (container.Str("image") is { } image)
                {
                    yield return image;
                }
            }
        }
    }
}
