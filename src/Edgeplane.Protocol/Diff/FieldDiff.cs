using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// The fields that differ between two JSON values, as readable paths in document order (keys sorted ordinally). Maps
/// are compared key by key. Lists whose items are all maps with a distinct string <c>name</c> (containers, env, volumes,
/// ports: where Kubernetes merges by name) are matched by name, <c>[name=x]</c>, and a new order is one change at
/// <c>path (order)</c>; other lists of the same length are compared by index, and lists whose length changed are one
/// change of the whole list. A field present on one side only is one change with its whole value (not every leaf
/// below it). The same path style as the agent's drift paths (<c>ObjectComparer</c>): simple keys joined with dots,
/// other keys in brackets (<c>metadata.labels[app.kubernetes.io/name]</c>).
/// </summary>
public static class FieldDiff
{
    /// <summary>Every difference between <paramref name="from"/> and <paramref name="to"/>, skipping paths <paramref name="ignore"/> accepts.</summary>
    public static List<FieldChange> Compare(JsonNode? from, JsonNode? to, Func<string, bool>? ignore = null)
    {
        var changes = new List<FieldChange>();
        new Walker(changes, ignore ?? (_ => false)).Walk(from, to, "");
        return changes;
    }

    private sealed class Walker(List<FieldChange> changes, Func<string, bool> ignore)
    {
        public void Walk(JsonNode? a, JsonNode? b, string path)
        {
            if (ignore(path))
            {
                return;
            }
            switch (a, b)
            {
                case (JsonObject x, JsonObject y):
                    WalkObject(x, y, path);
                    break;
                case (JsonArray x, JsonArray y):
                    WalkArray(x, y, path);
                    break;
                default:
                    if (!JsonNode.DeepEquals(a, b))
                    {
                        changes.Add(new FieldChange(Display(path), a, b));
                    }
                    break;
            }
        }

        private void WalkObject(JsonObject x, JsonObject y, string path)
        {
            var keys = x.Select(p => p.Key).Union(y.Select(p => p.Key)).Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var inX = x.TryGetPropertyValue(key, out var a);
                var inY = y.TryGetPropertyValue(key, out var b);
                var at = Join(path, key);
                if (inX && inY)
                {
                    Walk(a, b, at);
                }
                else if (!ignore(at))
                {
                    changes.Add(new FieldChange(Display(at), a, b) { Added = !inX, Removed = !inY });
                }
            }
        }

        private void WalkArray(JsonArray x, JsonArray y, string path)
        {
            if (NamedItems(x) is { } left && NamedItems(y) is { } right && (left.Count > 0 || right.Count > 0))
            {
                WalkNamed(left, right, path);
                return;
            }
            if (x.Count != y.Count)
            {
                changes.Add(new FieldChange(Display(path), x, y));
                return;
            }
            for (var i = 0; i < x.Count; i++)
            {
                Walk(x[i], y[i], $"{path}[{i}]");
            }
        }

        private void WalkNamed(List<(string Name, JsonObject Item)> left, List<(string Name, JsonObject Item)> right, string path)
        {
            var before = left.ToDictionary(p => p.Name, p => p.Item, StringComparer.Ordinal);
            var after = right.ToDictionary(p => p.Name, p => p.Item, StringComparer.Ordinal);
            foreach (var name in left.Select(p => p.Name).Union(right.Select(p => p.Name)))
            {
                var at = $"{path}[name={name}]";
                if (before.TryGetValue(name, out var a) && after.TryGetValue(name, out var b))
                {
                    Walk(a, b, at);
                }
                else if (!ignore(at))
                {
                    changes.Add(new FieldChange(at, a, after.GetValueOrDefault(name)) { Added = a is null, Removed = a is not null });
                }
            }
            var kept = left.Select(p => p.Name).Where(after.ContainsKey).ToList();
            var keptAfter = right.Select(p => p.Name).Where(before.ContainsKey).ToList();
            if (!kept.SequenceEqual(keptAfter, StringComparer.Ordinal))
            {
                changes.Add(new FieldChange($"{Display(path)} (order)", Names(kept), Names(keptAfter)));
            }
        }

        private static JsonArray Names(List<string> names) => new([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]);
    }

    /// <summary>The items with their names when every item is a map with a distinct string <c>name</c>; else null.</summary>
    private static List<(string Name, JsonObject Item)>? NamedItems(JsonArray array)
    {
        var items = new List<(string, JsonObject)>(array.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array)
        {
            if (item is not JsonObject obj || obj["name"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String
                || !seen.Add(value.GetValue<string>()))
            {
                return null;
            }
            items.Add((value.GetValue<string>(), obj));
        }
        return items;
    }

    private static string Join(string path, string key)
    {
        var simple = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return simple ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[{key}]";
    }

    private static string Display(string path) => path.Length == 0 ? "." : path;
}
