using System.Security.Cryptography;
using System.Text;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Rollouts;

/// <summary>
/// Forms a run's waves from a rollout policy and the clusters that change (docs/rollouts.md, "Waves"). Pure and
/// deterministic: the hub's engine and <c>edgeplane diff</c> call the same code, so a preview shows the real waves.
/// </summary>
public static class WaveAssignment
{
    /// <summary>The name of the implicit last wave that takes governed clusters no written wave matched.</summary>
    public const string RestWave = "rest";

    /// <summary>True when <paramref name="rollout"/> governs <paramref name="member"/> (no <c>spec.clusters</c>: every cluster).</summary>
    public static bool Governs(RolloutSpec rollout, RolloutMember member)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(member);
        return Matches(rollout.Clusters, member, emptyMatchesAll: true);
    }

    /// <summary>
    /// The waves of a run over <paramref name="members"/> (the changed clusters the rollout governs). A cluster joins
    /// the first wave whose target matches it; a wave with <c>percentage</c> keeps the first ceil(P% × matched) in
    /// sha256 order; clusters no wave took form the last wave, <see cref="RestWave"/>. Empty waves are kept (with no
    /// clusters) so the run shows every wave of the policy.
    /// </summary>
    public static IReadOnlyList<PlannedWave> Assign(RolloutSpec rollout, IEnumerable<RolloutMember> members)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(members);
        var left = members.OrderBy(m => OrderKey(m.Name), StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var waves = new List<PlannedWave>(rollout.Waves.Count + 1);
        foreach (var wave in rollout.Waves)
        {
            var matched = left.Where(m => Matches(wave.Target, m, emptyMatchesAll: true)).ToList();
            if (wave.Percentage is { } percent && matched.Count > 0)
            {
                matched = matched.Take(Math.Max(1, (int)Math.Ceiling(matched.Count * percent / 100.0))).ToList();
            }
            var taken = matched.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            left.RemoveAll(m => taken.Contains(m.Name));
            waves.Add(Resolve(rollout, wave.Name, matched, wave.MaxUnavailable, wave.SoakTime));
        }
        if (left.Count > 0)
        {
            waves.Add(Resolve(rollout, RestWave, left, null, null));
        }
        return waves;
    }

    /// <summary>The maintenance windows of <paramref name="rollout"/> that apply to <paramref name="member"/> (no target: every member).</summary>
    public static IReadOnlyList<MaintenanceWindowSpec> WindowsFor(RolloutSpec rollout, RolloutMember member)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.MaintenanceWindows.Where(w => w.Target is null || Matches(w.Target, member, emptyMatchesAll: true)).ToList();
    }

    /// <summary>The position key of a cluster in its wave: the lowercase hex sha256 of its name.</summary>
    public static string OrderKey(string cluster) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cluster)));

    private static PlannedWave Resolve(RolloutSpec rollout, string name, List<RolloutMember> members, IntOrPercent? maxUnavailable, TimeSpan? soak)
    {
        var max = (maxUnavailable ?? rollout.MaxUnavailable).Of(members.Count);
        return new PlannedWave(name, members.Select(m => m.Name).ToList(), Math.Max(1, max), soak ?? rollout.SoakTime);
    }

    private static bool Matches(PlacementSpec placement, RolloutMember member, bool emptyMatchesAll) =>
        (emptyMatchesAll && placement.IsEmpty) || placement.Matches(member.Name, member.Layer, member.Region, member.Site, member.Labels);
}
