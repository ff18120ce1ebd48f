using System.Collections.Frozen;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// What a strategic merge needs to know about one field of a kind: its sub-fields, and for lists whether they merge
/// element by element and by which keys (<c>x-kubernetes-patch-strategy</c>, <c>x-kubernetes-patch-merge-key</c>,
/// <c>x-kubernetes-list-map-keys</c>). Only the paths that lead to merging lists need to be described; every other list
/// is replaced by the patch. Built once per kind with <see cref="Object"/>, <see cref="MergeList"/> and
/// <see cref="Computed"/>; immutable and safe to share.
/// </summary>
public sealed class MergeSchema
{
    /// <summary>A known type with no merging lists below it.</summary>
    public static readonly MergeSchema Opaque = new(null, null);

    private readonly FrozenDictionary<string, MergeSchema>? _fields;
    private readonly Func<string, MergeSchema?>? _computed;

    private MergeSchema(FrozenDictionary<string, MergeSchema>? fields, Func<string, MergeSchema?>? computed,
        bool mergeList = false, string[]? keys = null, MergeSchema? items = null)
    {
        _fields = fields;
        _computed = computed;
        IsMergeList = mergeList;
        Keys = keys ?? [];
        Items = items;
    }

    /// <summary>True for a list whose elements are merged (patch strategy <c>merge</c>).</summary>
    internal bool IsMergeList { get; }

    /// <summary>The merge keys of a merging list; empty for a list of scalars merged as a set (e.g. finalizers).</summary>
    internal string[] Keys { get; }

    /// <summary>The schema of a list's elements.</summary>
    internal MergeSchema? Items { get; }

    /// <summary>The schema of a field of this map; null when nothing is known of it.</summary>
    internal MergeSchema? Field(string name) =>
        _fields is not null ? (_fields.TryGetValue(name, out var field) ? field : null) : _computed?.Invoke(name);

    /// <summary>A map with the given fields; fields not listed are unknown.</summary>
    public static MergeSchema Object(params (string Name, MergeSchema Schema)[] fields) =>
        new(fields.ToFrozenDictionary(f => f.Name, f => f.Schema, StringComparer.Ordinal), null);

    /// <summary>
    /// A map whose fields' schemas are computed when the merge reaches them, for schemas that are rules over paths
    /// rather than a tree (e.g. "any list named containers merges by name").
    /// </summary>
    public static MergeSchema Computed(Func<string, MergeSchema?> field) => new(null, field);

    /// <summary>
    /// A list merged element by element: maps by <paramref name="keys"/> (all must match), or, with no keys, scalars
    /// as a set. <paramref name="items"/> describes the elements (null: <see cref="Opaque"/>).
    /// </summary>
    public static MergeSchema MergeList(MergeSchema? items, params string[] keys) => new(null, null, true, keys, items ?? Opaque);
}
