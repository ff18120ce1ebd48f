using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// The directives only kube-apiserver interprets in a map of a strategic merge patch: <c>$retainKeys</c> (drop the
/// merged map's other fields) and <c>$deleteFromPrimitiveList/&lt;field&gt;</c> (remove values from a scalar list).
/// <c>$setElementOrder/&lt;field&gt;</c> is dropped without reordering.
/// </summary>
internal sealed class ServerDirectives
{
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    private HashSet<string?>? _retain;
    private List<(string Field, JsonArray Values)>? _delete;

    /// <summary>Takes every <c>$</c> directive out of <paramref name="patch"/>; null when it had none to apply.</summary>
    public static ServerDirectives? Take(JsonObject patch)
    {
        List<string>? names = null;
        foreach (var (name, _) in patch)
        {
            if (name.StartsWith('$'))
            {
                (names ??= []).Add(name);
            }
        }
        if (names is null)
        {
            return null;
        }
        var directives = new ServerDirectives();
        foreach (var name in names)
        {
            patch.Remove(name, out var value);
            if (name == RetainKeys && value is JsonArray retain)
            {
                directives._retain = [.. retain.Select(ScalarText.Of)];
            }
            else if (name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) && value is JsonArray delete)
            {
                (directives._delete ??= []).Add((name[DeleteFromPrimitiveList.Length..], delete));
            }
        }
        return directives;
    }

    /// <summary>Applies the directives to the merged map.</summary>
    public void ApplyTo(JsonObject merged)
    {
        if (_retain is not null)
        {
            foreach (var name in merged.Select(p => p.Key).Where(k => !_retain.Contains(k)).ToList())
            {
                merged.Remove(name);
            }
        }
        foreach (var (field, values) in _delete ?? [])
        {
            if (merged[field] is JsonArray list)
            {
                foreach (var item in list.Where(i => values.Any(v => JsonNode.DeepEquals(v, i))).ToList())
                {
                    list.Remove(item);
                }
            }
        }
    }
}
