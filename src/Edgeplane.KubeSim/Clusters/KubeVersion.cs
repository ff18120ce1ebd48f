using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>A cluster's Kubernetes version as /version reports it.</summary>
internal sealed partial record KubeVersion(string GitVersion, string Major, string Minor)
{
    /// <exception cref="FormatException">Not of the form v1.31.4 (a leading v is added when missing).</exception>
    public static KubeVersion Parse(string version)
    {
        var text = version.StartsWith('v') ? version : "v" + version;
        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"\"{version}\" is not a Kubernetes version like v1.31.4");
        }
        return new KubeVersion(text, match.Groups[1].Value, match.Groups[2].Value);
    }

    public JsonObject ToJson() => new()
    {
        ["major"] = Major,
        ["minor"] = Minor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-01-01T00:00:00Z",
        ["goVersion"] = "go1.22.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    [GeneratedRegex(@"^v(\d+)\.(\d+)\.(\d+)([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex VersionPattern();
}
