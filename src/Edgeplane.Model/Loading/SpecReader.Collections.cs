using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Loading;

internal sealed partial class SpecReader
{
    public SpecReader? Object(string key, bool required = false)
    {
        if (!Has(key))
        {
            Missing(key, required);
            return null;
        }
        if (Node[key] is JsonObject obj)
        {
            return new SpecReader(obj, Map, Bag, Owner, FieldPath(key));
        }
        Error(key, "InvalidType", $"{FieldPath(key)} must be a mapping, not {Describe(Node[key])}");
        return null;
    }

    public IReadOnlyList<T> List<T>(string key, Func<SpecReader, T?> read, bool required = false)
        where T : class
    {
        if (ArrayOf(key, required) is not { } array)
        {
            return [];
        }
        var items = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject obj)
            {
                var reader = new SpecReader(obj, Map, Bag, Owner, $"{FieldPath(key)}[{i}]");
                if (read(reader) is { } item)
                {
                    items.Add(item);
                }
                reader.Done();
            }
            else
            {
                Bag.Add(Map.Of(array[i]) is var at && at.Line > 0 ? at : At(key), "InvalidType",
                    $"{Owner}: {FieldPath(key)}[{i}] must be a mapping, not {Describe(array[i])}");
            }
        }
        return items;
    }

    public IReadOnlyList<string> Strings(string key, bool names = false, bool required = false)
    {
        if (ArrayOf(key, required) is not { } array)
        {
            return [];
        }
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var at = Map.Of(array[i]);
            if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                Bag.Add(at, "InvalidType", $"{Owner}: {FieldPath(key)}[{i}] must be a string, not {Describe(array[i])}");
            }
            else if (names && !Names.IsDns1123Label(v.GetValue<string>()))
            {
                Bag.Add(at, "InvalidName", $"{Owner}: {FieldPath(key)}[{i}] \"{v.GetValue<string>()}\" is not a valid name: {Names.Dns1123Rule}");
            }
            else
            {
                items.Add(v.GetValue<string>());
            }
        }
        return items;
    }

    public IReadOnlyDictionary<string, string> StringMap(string key, bool labels = false)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(key) is not { } map)
        {
            return result;
        }
        foreach (var (name, value) in map.Node)
        {
            var at = Map.OfKey(map.Node, name);
            if (value is not JsonValue v || v.GetValueKind() == JsonValueKind.Null
                || v.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array)
            {
                Bag.Add(at, "InvalidType", $"{Owner}: {map.FieldPath(name)} must be a string, not {Describe(value)}");
                continue;
            }
            var text = new VariableValue(v).Text;
            if (labels && !Names.IsLabelKey(name))
            {
                Bag.Add(at, "InvalidLabel", $"{Owner}: label key \"{name}\" in {FieldPath(key)} is not a valid label key");
            }
            else if (labels && !Names.IsLabelValue(text))
            {
                Bag.Add(Map.OfValue(map.Node, name), "InvalidLabel", $"{Owner}: label value \"{text}\" of {map.FieldPath(name)} is not a valid label value");
            }
            else
            {
                result[name] = text;
            }
        }
        return result;
    }

    public IReadOnlyDictionary<string, VariableValue> Variables(string key)
    {
        var result = new Dictionary<string, VariableValue>(StringComparer.Ordinal);
        if (Object(key) is not { } map)
        {
            return result;
        }
        foreach (var (name, value) in map.Node)
        {
            var at = Map.OfKey(map.Node, name);
            if (!Names.IsVariableName(name))
            {
                Bag.Add(at, "InvalidName", $"{Owner}: \"{name}\" in {FieldPath(key)} is not a valid variable name: use letters, digits, '_', '-' and '.', starting with a letter or '_'");
            }
            else if (Reserved.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                Bag.Add(at, "ReservedVariable", $"{Owner}: variable \"{name}\" in {FieldPath(key)} uses a reserved prefix ({string.Join(", ", Reserved)})");
            }
            else if (value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                result[name] = new VariableValue(v);
            }
            else
            {
                Bag.Add(Map.OfValue(map.Node, name), "InvalidType", $"{Owner}: {map.FieldPath(name)} must be a string, number or boolean, not {Describe(value)}");
            }
        }
        return result;
    }

    /// <summary>Prefixes of built-in variables; user variables may not start with them.</summary>
    public static readonly string[] Reserved = ["cluster.", "fleet.", "this.", "values.", "params."];

    public Values Values(string key) => Object(key) is { } map ? new Values(map.Node) : Specs.Values.Empty;

    private JsonArray? ArrayOf(string key, bool required)
    {
        if (!Has(key))
        {
            Missing(key, required);
            return null;
        }
        if (Node[key] is JsonArray array)
        {
            return array;
        }
        Error(key, "InvalidType", $"{FieldPath(key)} must be a list, not {Describe(Node[key])}");
        return null;
    }
}
