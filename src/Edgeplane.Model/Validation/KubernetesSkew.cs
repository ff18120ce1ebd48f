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

    private static string Between(int first, int last) =>
        string.Join(", ", Enumerable.Range(first, last - first + 1).Select(m => $"1.{m}"));

    private static string Path(int from, int to)
    {
        var minors = from <= to ? Enumerable.Range(from, to - from + 1) : Enumerable.Range(to, from - to + 1).Reverse();
        return string.Join(" → ", minors.Select(m => $"1.{m}"));
    }
}
