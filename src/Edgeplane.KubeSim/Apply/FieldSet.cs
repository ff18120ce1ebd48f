using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Apply;

/// <summary>
/// A set of field paths in the structured-merge-diff sense. A path is its elements (<c>f:name</c>,
/// <c>k:{"name":"x"}</c>, <c>v:"x"</c>) joined by <see cref="Separator"/>; a path in the set means that node is owned.
/// Converts to and from the <c>FieldsV1</c> wire form.
/// </summary>
internal sealed class FieldSet
{
    /// <summary>Never appears inside an element: JSON escapes control characters.</summary>
    public const char Separator = '\u001f';

    private readonly HashSet<string> _paths;

    public FieldSet() => _paths = new HashSet<string>(StringComparer.Ordinal);

    public FieldSet(IEnumerable<string> paths) => _paths = new HashSet<string>(paths, StringComparer.Ordinal);

    public int Count => _paths.Count;

    public IEnumerable<string> Paths => _paths;

    public static string Join(string prefix, string element) => prefix.Length == 0 ? element : prefix + Separator + element;

    public static string[] Split(string path) => path.Split(Separator);

    public void Add(string path) => _paths.Add(path);

    public bool Contains(string path) => _paths.Contains(path);

    public void UnionWith(FieldSet other) => _paths.UnionWith(other._paths);

    public void ExceptWith(FieldSet other) => _paths.ExceptWith(other._paths);

    public FieldSet Intersect(FieldSet other) => new(_paths.Where(other._paths.Contains));

    public FieldSet Except(FieldSet other) => new(_paths.Where(p => !other._paths.Contains(p)));

    public FieldSet Where(Func<string, bool> keep) => new(_paths.Where(keep));

    /// <summary>True when the set holds a path strictly below <paramref name="path"/>.</summary>
    public bool HasDescendant(string path)
    {
        var prefix = path + Separator;
        return _paths.Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    public JsonObject ToFieldsV1()
    {
        var root = new Node();
        foreach (var path in _paths)
        {
            var node = root;
            foreach (var element in Split(path))
            {
                node = node.Child(element);
            }
            node.Owned = true;
        }
        return root.ToJson();
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null)
        {
            Collect(fields, string.Empty, set);
        }
        return set;
    }

    /// <summary>Renders paths the way kube-apiserver names them in conflicts, e.g. <c>.spec.containers[name="app"].image</c>.</summary>
    public static string Describe(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in Split(path))
        {
            text.Append(element[0] switch
            {
                'f' => "." + element[2..],
                'k' => "[" + string.Join(",", ((JsonObject)JsonNode.Parse(element[2..])!).Select(kv => $"{kv.Key}={kv.Value!.ToJsonString()}")) + "]",
                'v' => "[" + element[2..] + "]",
                _ => "[" + element[2..] + "]",
            });
        }
        return text.ToString();
    }

    private static void Collect(JsonObject node, string prefix, FieldSet set)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".")
            {
                set.Add(prefix);
                continue;
            }
            var path = Join(prefix, key);
            if (value is JsonObject child && child.Count > 0)
            {
                Collect(child, path, set);
            }
            else
            {
                set.Add(path);
            }
        }
    }

    private sealed class Node
    {
        private SortedDictionary<string, Node>? _children;

        public bool Owned { get; set; }

        public Node Child(string element)
        {
            _children ??= new SortedDictionary<string, Node>(StringComparer.Ordinal);
            if (!_children.TryGetValue(element, out var child))
            {
                child = new Node();
                _children[element] = child;
            }
            return child;
        }

        public JsonObject ToJson()
        {
            var json = new JsonObject();
            if (_children is null)
            {
                return json;
            }
            if (Owned)
            {
                json["."] = new JsonObject();
            }
            foreach (var (key, child) in _children)
            {
                json[key] = child.ToJson();
            }
            return json;
        }
    }
}
