using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.Model.Validation;

/// <summary>Kubernetes version strings: <c>v1.30</c>, <c>v1.30.4</c>, <c>1.30.4</c>, <c>v1.30.4+k3s1</c>, <c>v1.29.8-eks-a1b2</c>.</summary>
public static partial class KubernetesVersions
{
    /// <summary>What a valid version looks like, for error messages.</summary>
    public const string Rule = "expected v1.MINOR or v1.MINOR.PATCH with an optional -pre or +build suffix, e.g. v1.30.4 or v1.30.4+k3s1";

    /// <summary>True when <paramref name="text"/> is a Kubernetes 1.x version.</summary>
    public static bool IsValid(string text) => Version().IsMatch(text);

    /// <summary>Reads a version written as <see cref="IsValid"/> accepts; false (and a default value) for anything else.</summary>
    public static bool TryParse(string? text, out KubernetesVersionNumber version)
    {
        var match = text is null ? null : Version().Match(text);
        if (match is null || !match.Success)
        {
            version = default;
            return false;
        }
        var minor = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int? patch = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : null;
        version = new KubernetesVersionNumber(1, minor, patch, match.Groups[4].Value);
        return true;
    }

    [GeneratedRegex("^v?1\\.(0|[1-9][0-9]?)(\\.(0|[1-9][0-9]{0,2}))?([-+][0-9A-Za-z][0-9A-Za-z.+-]*)?$")]
    private static partial Regex Version();
}
