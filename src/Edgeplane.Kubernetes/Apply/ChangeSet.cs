using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>The per-object outcome of an apply, in the order the engine handled the objects.</summary>
public sealed record ChangeSet(IReadOnlyList<ChangeSetEntry> Entries)
{
    /// <summary>No entries.</summary>
    public static ChangeSet Empty { get; } = new([]);

    /// <summary>How many entries have <paramref name="action"/>.</summary>
    public int Count(ChangeAction action) => Entries.Count(e => e.Action == action);

    /// <summary>The last entry for <paramref name="obj"/> (an object pruned after a failed apply can appear twice), or null.</summary>
    public ChangeSetEntry? For(ObjectRef obj) => Entries.LastOrDefault(e => e.Object == obj);

    /// <summary>Counts per action, e.g. "3 Created, 1 Unchanged".</summary>
    public override string ToString() =>
        Entries.Count == 0
            ? "no objects"
            : string.Join(", ", Entries.GroupBy(e => e.Action).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
}
