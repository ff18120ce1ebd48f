using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.KubeSim.Discovery;

/// <summary>Kubernetes version priority (v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha1 &gt; anything else), used to pick preferred versions.</summary>
internal static partial class VersionPriority
{
    public static IEnumerable<string> Order(IEnumerable<string> versions) =>
        versions.OrderByDescending(Rank).ThenBy(v => v, StringComparer.Ordinal);

    private static (int Stage, int Major, int Minor) Rank(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0);
        }
        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        var stage = match.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        return (stage, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex KubeVersion();
}
