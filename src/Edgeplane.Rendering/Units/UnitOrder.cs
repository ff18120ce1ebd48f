using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// Orders units so that each follows what it needs (Kahn's algorithm). Among units ready at the same time the lower
/// rank goes first, then the smaller <c>Kind/name</c>: the order is fully determined by the fleet. A cluster has tens
/// of units, so plain lists beat heavier structures here.
/// </summary>
internal static class UnitOrder
{
    public static List<RenderUnit> Sort(IReadOnlyList<RenderUnit> units, List<Diagnostic> errors, string cluster)
    {
        var pending = new List<RenderUnit>(units);
        pending.Sort(Compare);
        var done = new HashSet<Model.Specs.ResourceRef>();
        var present = new HashSet<Model.Specs.ResourceRef>(units.Count);
        foreach (var unit in units)
        {
            present.Add(unit.Ref);
        }
        var ordered = new List<RenderUnit>(units.Count);
        while (pending.Count > 0)
        {
            var index = pending.FindIndex(u => u.Needs.TrueForAll(n => !present.Contains(n.To) || done.Contains(n.To)));
            if (index < 0)
            {
                break;
            }
            var next = pending[index];
            pending.RemoveAt(index);
            ordered.Add(next);
            done.Add(next.Ref);
        }
        foreach (var stuck in pending)
        {
            var blocking = stuck.Needs.Where(n => present.Contains(n.To) && !done.Contains(n.To)).ToList();
            errors.Add(new Diagnostic(blocking[0].At,
                $"{stuck.Ref}: dependency cycle on cluster \"{cluster}\" (through {string.Join(", ", blocking.Select(n => n.To))})", "DependencyCycle"));
        }
        return ordered;
    }

    private static int Compare(RenderUnit a, RenderUnit b)
    {
        var byRank = a.Rank.CompareTo(b.Rank);
        return byRank != 0 ? byRank : a.Ref.CompareTo(b.Ref);
    }
}
