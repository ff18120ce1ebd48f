using System.Globalization;
using Edgeplane.KubeSim.Clusters;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Kubernetes versions as the simulated Cluster API reads them from control planes and machine templates.</summary>
internal static class ClusterApiVersions
{
    /// <summary>
    /// The version a workload cluster's <c>/version</c> reports for a control plane's <c>spec.version</c>: without build
    /// metadata (<c>v1.30.2+k3s2</c> → <c>v1.30.2</c>; a real k3s server would keep it), or
    /// <paramref name="fallback"/> (the server's default) when there is no version or it does not parse.
    /// </summary>
    public static KubeVersion Served(string? specVersion, string fallback)
    {
        var plus = specVersion?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        var text = plus > 0 ? specVersion![..plus] : specVersion;
        try
        {
            return KubeVersion.Parse(text ?? fallback);
        }
        catch (FormatException)
        {
            return KubeVersion.Parse(fallback);
        }
    }

    /// <summary>
    /// Whether <paramref name="version"/> has a newer minor than <paramref name="controlPlane"/> (Cluster API's
    /// KubernetesVersionSkew preflight check: workers never run a newer minor than the control plane). False when
    /// either does not parse.
    /// </summary>
    public static bool NewerMinor(string version, string? controlPlane)
    {
        if (controlPlane is null || Minor(version) is not { } mine || Minor(controlPlane) is not { } theirs)
        {
            return false;
        }
        return mine.CompareTo(theirs) > 0;
    }

    private static (int Major, int Minor)? Minor(string version)
    {
        try
        {
            var parsed = KubeVersion.Parse(version);
            return (int.Parse(parsed.Major, CultureInfo.InvariantCulture), int.Parse(parsed.Minor, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return null;
        }
    }
}
