using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.Cli.Up;

/// <summary>
/// The change <c>edgeplane rollout demo</c> commits to the fleet repo of <c>edgeplane up</c>: the Istio add-on's patch
/// version one up (1.23.2 → 1.23.3), a security patch as a platform team would ship it, so the user sees it go wave by
/// wave without editing a file.
/// </summary>
public static partial class RolloutDemo
{
    /// <summary>The add-on file the demo edits, relative to the repo.</summary>
    public const string AddOnFile = "addons/istio/addon.yaml";

    /// <summary>Bumps the patch version and commits; returns the old and new version and the commit.</summary>
    /// <exception cref="InvalidOperationException">The repo or the add-on file is missing, or its version is not X.Y.Z.</exception>
    public static (string From, string To, string Sha) Commit(string repo)
    {
        var path = Path.Combine(repo, AddOnFile);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist: is '{repo}' the fleet repo of edgeplane up (its --data folder + /fleet)?");
        }
        var text = File.ReadAllText(path);
        var match = Version().Match(text);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{path}: no line 'version: \"X.Y.Z\"' to bump");
        }
        var from = match.Groups["v"].Value;
        var parts = from.Split('.');
        var to = $"{parts[0]}.{parts[1]}.{int.Parse(parts[2], CultureInfo.InvariantCulture) + 1}";
        File.WriteAllText(path, string.Concat(text.AsSpan(0, match.Groups["v"].Index), to, text.AsSpan(match.Groups["v"].Index + from.Length)));
        var sha = FleetRepo.CommitAll(repo, $"istio {from} → {to} (edgeplane rollout demo)");
        return (from, to, sha);
    }

    [GeneratedRegex("""^\s*version:\s*"(?<v>\d+\.\d+\.\d+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex Version();
}
