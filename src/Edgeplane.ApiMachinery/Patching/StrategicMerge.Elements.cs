using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

public static partial class StrategicMerge
{
    /// <summary>
    /// The key tuples of all elements without repeats ("" for a missing key): patch elements first (kyaml), or the
    /// target's first (kube-apiserver, whose merged list keeps the target's order and appends what is new).
    /// </summary>
    private static List<string[]> KeyValues(JsonArray? patch, JsonArray dest, string[] keys, bool patchFirst)
    {
        var result = new List<string[]>();
        foreach (var source in Sources(patch, dest, patchFirst))
        {
            foreach (var element in source)
            {
                var tuple = new string[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    tuple[i] = element is JsonObject obj && obj[keys[i]] is { } value && !IsEmpty(value) ? Text(value) : "";
                }
                if (!result.Exists(t => t.AsSpan().SequenceEqual(tuple)))
                {
                    result.Add(tuple);
                }
            }
        }
        return result;
    }

    private static List<string[]> PrimitiveValues(JsonArray? patch, JsonArray dest, bool patchFirst)
    {
        var result = new List<string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Sources(patch, dest, patchFirst))
        {
            foreach (var element in source)
            {
                var text = Text(element);
                if (seen.Add(text))
                {
                    result.Add([text]);
                }
            }
        }
        return result;
    }

    private static JsonArray[] Sources(JsonArray? patch, JsonArray dest, bool patchFirst) =>
        ReferenceEquals(patch, dest) || patch is null ? [dest] : patchFirst ? [patch, dest] : [dest, patch];

    /// <summary>Tuples that differ only where one side is empty describe the same element (kyaml's mergeValues).</summary>
    private static void UnifyPartialKeys(List<string[]> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = 0; j < values.Count; j++)
            {
                if (Unify(values[i], values[j]) is { } merged)
                {
                    values[i] = merged;
                    values[j] = merged;
                }
            }
        }
    }

    private static string[]? Unify(string[] a, string[] b)
    {
        var common = false;
        var result = new string[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                common = true;
                result[i] = a[i];
            }
            else if (a[i].Length > 0 && b[i].Length > 0)
            {
                return null;
            }
            else
            {
                result[i] = a[i].Length > 0 ? a[i] : b[i];
            }
        }
        return common ? result : null;
    }

    /// <summary>Keys that have a value in some tuple; falls back to all keys when none has (kyaml's validateKeys).</summary>
    private static (string[] Keys, string[] Values) ValidKeys(IEnumerable<string[]> tuples, string[] values, string[] keys)
    {
        var valid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tuple in tuples)
        {
            for (var i = 0; i < tuple.Length && i < keys.Length; i++)
            {
                if (tuple[i].Length > 0)
                {
                    valid.Add(keys[i]);
                }
            }
        }
        if (valid.Count == 0)
        {
            return (keys, values);
        }
        var validValues = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Length > 0 || valid.Contains(keys[i]))
            {
                validValues.Add(values[i]);
            }
        }
        return ([.. keys.Where(valid.Contains)], [.. validValues]);
    }

    /// <summary>The first element whose key fields all equal the values (kyaml's ElementMatcher).</summary>
    private static JsonNode? FindElement(List<JsonNode?> list, string[] keys, string[] values)
    {
        if (keys.Length != values.Length)
        {
            return null;
        }
        if (keys.Length == 0 || keys[0].Length == 0)
        {
            var wanted = values.Length > 0 ? values[0] : "";
            return list.Find(e => e is not null && Text(e) == wanted);
        }
        return list.Find(e => e is JsonObject obj && Enumerable.Range(0, keys.Length)
            .All(i => obj.TryGetPropertyValue(keys[i], out var v) && Text(v) == values[i]));
    }

    /// <summary>
    /// kyaml's ElementSetter: replaces every element matching the keys with <paramref name="element"/> (or removes them
    /// when it is null), appends it when none matched, and drops empty elements on the way.
    /// </summary>
    private static List<JsonNode?> SetElement(List<JsonNode?> list, JsonNode? element, string[] keys, string[] values)
    {
        var mappingSetter = keys.Length > 0 && keys[0].Length > 0 && values.Length > 0 && values[0].Length > 0;
        var result = new List<JsonNode?>(list.Count + 1);
        var matched = false;
        foreach (var item in list)
        {
            if (item is null || item is JsonObject { Count: 0 })
            {
                continue;
            }
            if (item is not JsonObject && mappingSetter)
            {
                result.Add(item);
                continue;
            }
            if (!Matches(item, keys, values))
            {
                if (values.Length > 0)
                {
                    result.Add(item);
                }
                continue;
            }
            matched = true;
            if (element is not null)
            {
                result.Add(element);
            }
        }
        if (element is not null && !matched)
        {
            result.Add(element);
        }
        return result;
    }

    private static bool Matches(JsonNode item, string[] keys, string[] values)
    {
        var last = false;
        for (var j = 0; j < keys.Length; j++)
        {
            if (j < values.Length)
            {
                last = FieldMatches(item, keys[j], values[j]);
            }
            if (!last)
            {
                return false;
            }
        }
        return keys.Length > 0;
    }

    // kyaml's FieldMatcher with a string value: an empty value matches any element that has the field.
    private static bool FieldMatches(JsonNode item, string key, string value)
    {
        if (key.Length == 0)
        {
            return item is not JsonObject && Text(item) == value;
        }
        return item is JsonObject obj && obj.TryGetPropertyValue(key, out var field) && (value.Length == 0 || Text(field) == value);
    }

    /// <summary>A node's text as kyaml compares it: the scalar as written, "" for null, maps and lists.</summary>
    private static string Text(JsonNode? node) => ScalarText.Of(node) ?? "";

    private static bool IsEmpty(JsonNode node) => node is JsonObject { Count: 0 } or JsonArray { Count: 0 };
}
