using System.Globalization;

namespace Edgeplane.Model.Validation;

/// <summary>
/// A Kubernetes version read by <see cref="KubernetesVersions.TryParse"/>: <c>v1.30.4+k3s1</c> is major 1, minor 30,
/// patch 4 and suffix <c>+k3s1</c>; <c>v1.30</c> has no patch. The suffix (a pre-release or a distribution's build) is
/// kept as written and never ordered.
/// </summary>
/// <param name="Major">Always 1 (the only major Kubernetes has).</param>
/// <param name="Minor">The minor version.</param>
/// <param name="Patch">The patch version, or null when only the minor was written.</param>
/// <param name="Suffix">Everything after the numbers (<c>-rc1</c>, <c>+k3s1</c>, <c>-eks-a1b2</c>), or empty.</param>
public readonly record struct KubernetesVersionNumber(int Major, int Minor, int? Patch, string Suffix)
{
    /// <summary><c>1.30</c>: the minor line, as the skew policy names it.</summary>
    public string MinorLine => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary><c>v1.30.4</c> or <c>v1.30</c>, without the suffix.</summary>
    public string Core => Patch is { } patch
        ? string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}.{patch}")
        : string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}");

    /// <summary>The version with a leading <c>v</c> and its suffix, e.g. <c>v1.30.4+k3s1</c>.</summary>
    public override string ToString() => Core + Suffix;
}
