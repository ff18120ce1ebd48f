using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Kubernetes' version skew policy between two revisions of one cluster's declared version
/// (https://kubernetes.io/releases/version-skew-policy/): the control plane moves one minor version at a time, and a
/// downgrade happens only when the fleet says so (<c>kubernetesUpgrade.allowDowngrade: true</c>), and then also one
/// minor at a time. Patch releases move freely upwards. Suffixes (<c>+k3s1</c>, <c>-eks-a1b2</c>, <c>-rc1</c>) are read
/// but not ordered; a version without a patch (<c>v1.30</c>) stands for the whole minor line.
/// </summary>
public static class KubernetesSkew
{
    /// <summary>
    /// Null when a cluster may go from <paramref name="previousVersion"/> to <paramref name="newVersion"/>; otherwise
    /// why not, naming both versions, e.g. <c>Kubernetes v1.29.8 → v1.31.0 skips minor version 1.30: …</c>.
    /// </summary>
    /// <param name="previousVersion">The version the cluster was declared at before (the stored revision).</param>
    /// <param name="newVersion">The version the new revision declares.</param>
    /// <param name="allowDowngrade">The new revision allows this cluster a downgrade.</param>
    public static string? Check(string previousVersion, string newVersion, bool allowDowngrade)
    {
        if (!KubernetesVersions.TryParse(previousVersion, out var from))
        {
            return $"the previous Kubernetes version \"{previousVersion}\" is not a Kubernetes version: {KubernetesVersions.Rule}";
        }
        if (!KubernetesVersions.TryParse(newVersion, out var to))
        {
            return $"Kubernetes version \"{newVersion}\" is not a Kubernetes version: {KubernetesVersions.Rule}";
        }
        var step = to.Minor - from.Minor;
        var move = $"Kubernetes {previousVersion} → {newVersion}";
        if (step > 1)
        {
            return $"{move} skips minor version{(step > 2 ? "s" : "")} {Between(from.Minor + 1, to.Minor - 1)}: "
                + $"upgrade one minor version at a time ({Path(from.Minor, to.Minor)})";
        }
        var downgrade = step < 0 || (step == 0 && from.Patch is { } p && to.Patch is { } q && q < p);
        if (downgrade && !allowDowngrade)
        {
            return $"{move} is a downgrade: set kubernetesUpgrade.allowDowngrade: true on the cluster or a scope above it to allow it";
        }
        if (step < -1)
        {
            return $"{move} skips minor version{(step < -2 ? "s" : "")} {Between(to.Minor + 1, from.Minor - 1)}: "
                + $"downgrade one minor version at a time ({Path(from.Minor, to.Minor)})";
        }
        return null;
    }

    /// <summary>Most cluster names one refusal lists.</summary>
    public const int MaxNamesInRefusal = 50;

    /// <summary>
    /// The changes <see cref="Check"/> refuses, as errors: the first refusal of each cluster counts, and clusters refused
    /// for the same reason at the same line make one error at that line, naming up to <see cref="MaxNamesInRefusal"/>
    /// of them (a layer-wide mistake does not make ten thousand errors). Sorted by file, line and message; empty when
    /// every change is allowed. A change whose versions are equal is not checked.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Refusals(IEnumerable<KubernetesVersionChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var refused = new Dictionary<(SourceLocation At, string Why), List<string>>();
        foreach (var change in changes)
        {
            if (change.Previous == change.Next || seen.Contains(change.Cluster) || Check(change.Previous, change.Next, change.AllowDowngrade) is not { } why)
            {
                continue;
            }
            seen.Add(change.Cluster);
            var origin = change.Origin;
            why = change.Note is null ? why : $"{why} ({change.Previous}: {change.Note})";
            var key = (origin?.At ?? SourceLocation.FileOnly(""), origin is { Own: false } ? $"{why} (the version is set by {origin.Where})" : why);
            (refused.TryGetValue(key, out var names) ? names : refused[key] = []).Add(change.Cluster);
        }
        return refused
            .OrderBy(r => r.Key.At.File, StringComparer.Ordinal).ThenBy(r => r.Key.At.Line).ThenBy(r => r.Key.Why, StringComparer.Ordinal)
            .Select(r =>
            {
                r.Value.Sort(StringComparer.Ordinal);
                var who = r.Value.Count == 1 ? $"Cluster \"{r.Value[0]}\""
                    : $"{r.Value.Count} clusters ({string.Join(", ", r.Value.Take(MaxNamesInRefusal))}"
                        + (r.Value.Count > MaxNamesInRefusal ? $" and {r.Value.Count - MaxNamesInRefusal} more)" : ")");
                return new Diagnostic(r.Key.At, $"{who}: {r.Key.Why}", "KubernetesVersionSkew");
            })
            .ToList();
    }

    private static string Between(int first, int last) =>
        string.Join(", ", Enumerable.Range(first, last - first + 1).Select(m => $"1.{m}"));

    private static string Path(int from, int to)
    {
        var minors = from <= to ? Enumerable.Range(from, to - from + 1) : Enumerable.Range(to, from - to + 1).Reverse();
        return string.Join(" → ", minors.Select(m => $"1.{m}"));
    }
}
