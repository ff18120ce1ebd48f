namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Where a transformer acts: a slash-separated field path (a <c>\/</c> is a literal slash in a key, a <c>[]</c>
/// suffix marks a list) on objects whose Gvk the selector matches, as kustomize's <c>types.FieldSpec</c>.
/// </summary>
internal sealed record FieldSpec(Gvk Selector, string Path, bool Create)
{
    private string[]? _segments;

    /// <summary>A spec for every kind.</summary>
    public static FieldSpec Any(string path, bool create = false) => new(new Gvk("", "", ""), path, create);

    /// <summary>A spec for one kind, optionally narrowed by group and version.</summary>
    public static FieldSpec For(string kind, string path, bool create = false, string group = "", string version = "") =>
        new(new Gvk(group, version, kind), path, create);

    /// <summary>The path split into keys, each with <c>[]</c> kept so the walker knows a list is expected.</summary>
    public string[] Segments => _segments ??= Split(Path);

    public bool AppliesTo(Gvk gvk) => gvk.IsSelectedBy(Selector);

    private static string[] Split(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (parts.Count > 0 && parts[^1].EndsWith('\\'))
            {
                parts[^1] = parts[^1][..^1] + "/" + part;
            }
            else
            {
                parts.Add(part);
            }
        }
        return [.. parts];
    }
}
