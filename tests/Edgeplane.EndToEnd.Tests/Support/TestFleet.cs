using Edgeplane.Cli.Up;

namespace Edgeplane.EndToEnd.Tests.Support;

/// <summary>
/// The end-to-end fixture fleet: examples/fleet with only three of its clusters (one per cloud provider and one edge
/// site), so every layer, add-on kind and the network functions are exercised while a scenario stays small. Without
/// the example's Rollout (its night windows would hold a commit for hours): a commit reaches every cluster at once,
/// unless a test writes a policy of its own.
/// </summary>
internal static class TestFleet
{
    /// <summary>The clusters kept: the management cluster, the cluster the dashboards override names, one edge site.</summary>
    public static readonly string[] Clusters = ["aks-us-east", "edge-dub-01", "eks-eu-west"];

    public const string Edge = "edge-dub-01";

    private static readonly string[] KeptFiles = ["aks-us-east.yaml", "eks-eu-west.yaml", "dub-01.yaml"];

    /// <summary>Writes the fixture fleet into <paramref name="target"/> and returns it.</summary>
    public static string Write(string target)
    {
        var example = FleetRepo.FindExampleFleet() ?? throw new InvalidOperationException("examples/fleet not found");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(example, file);
            if ((relative.StartsWith("clusters" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !KeptFiles.Contains(Path.GetFileName(file)))
                || relative.StartsWith("rollouts" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    /// <summary>
    /// Writes (or rewrites) a ConfigMap into the flux add-on, which every layer runs: committing it changes every
    /// cluster's bundle.
    /// </summary>
    public static void WriteMarker(string repo, string value) =>
        File.WriteAllText(Path.Combine(repo, "addons", "flux", "manifests", "rollout-marker.yaml"), $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: rollout-marker
              namespace: flux-system
            data:
              value: "{value}"
            """);
}
