using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// Orders units so that each follows what it needs (Kahn's algorithm). Among units ready at the same time the lower
/// rank goes first, then the smaller <c>Kind/name</c>: the order is fully determined by the fleet.
/// </summary>
internal static class UnitOrder
{
    public static List<RenderUnit> Sort(IReadOnlyList<RenderUnit> units, List<Diagnostic> errors, string cluster)
    {
        var byRef = units.ToDictionary(u => u.Ref);
        var waiting = units.ToDictionary(u => u.Ref, u => u.Needs.Select(n => n.To).Where(byRef.ContainsKey).Distinct().Count());
        var followers = units.ToDictionary(u => u.Ref, _ => new List<RenderUnit>());
        foreach (var unit in units)
        {
            foreach (var need in unit.Needs.Select(n => n.To).Where(byRef.ContainsKey).Distinct())
            {
                followers[need].Add(unit);
            }
        }
        var ready = new SortedSet<RenderUnit>(Comparer<RenderUnit>.Create(Compare));
        ready.UnionWith(units.Where(u => waiting[u.Ref] == 0));
        var ordered = new List<RenderUnit>(units.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            ordered.Add(next);
            foreach (var follower in followers[next.Ref])
            {
                if (--waiting[follower.Ref] == 0)
                {
                    ready.Add(follower);
                }
            }
        }
        foreach (var stuck in units.Where(u => waiting[u.Ref] > 0).OrderBy(u => u.Ref))
        {
            var at = stuck.Needs.First(n => byRef.ContainsKey(n.To) && waiting[n.To] > 0).At;
            errors.Add(new Diagnostic(at, $"{stuck.Ref}: dependency cycle on cluster \"{cluster}\" (through {string.Join(", ",
                stuck.Needs.Where(n => byRef.ContainsKey(n.To) && waiting[n.To] > 0).Select(n => n.To))})", "DependencyCycle"));
        }
        return ordered;
    }

    private static int Compare(RenderUnit a, RenderUnit b)
    {
        var byRank = a.Rank.CompareTo(b.Rank);
        return byRank != 0 ? byRank : a.Ref.CompareTo(b.Ref);
    }
}
