using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge, null deletes, everything else replaces.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObj)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObj)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name], value);
                result.Remove(name);
                result[name] = merged;
            }
        }
        return result;
    }
}
