using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Tests.Fleet;

/// <summary>
/// The repo's own <c>examples/fleet</c>: copied into test repos, and rendered independently of the hub with
/// <see cref="FleetLoader"/> and <see cref="FleetRenderer"/> to know which digests the hub must serve.
/// </summary>
internal static class ExampleFleet
{
    /// <summary>Clusters the example declares: 2 cloud, 2 regional, 24 edge.</summary>
    public const int ClusterCount = 30;

    /// <summary>The text in fleet.yaml that gives site muc-01 (cluster edge-muc-01) its siteId.</summary>
    public const string MucSiteVariable = "- name: muc-01\n          labels: {site-tier: edge}\n          variables: {siteId: \"eu02\"}";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SourceDirectory { get; } = Path.Combine(RepoRoot, "examples", "fleet");

    /// <summary>
    /// This folder's own fixtures, read from the source tree (like examples/fleet) so the test project's build file
    /// needs no entry for them.
    /// </summary>
    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "Edgeplane.Hub.Tests", "Fleet", "testdata", name);

    /// <summary>Writes every file of examples/fleet into <paramref name="repo"/> (not committed).</summary>
    public static void CopyInto(TestRepo repo)
    {
        foreach (var file in Directory.EnumerateFiles(SourceDirectory, "*", SearchOption.AllDirectories))
        {
            repo.Write(Path.GetRelativePath(SourceDirectory, file), File.ReadAllText(file));
        }
    }

    /// <summary>Replaces the one occurrence of <paramref name="old"/> in a repo file (fails if it is not there exactly once).</summary>
    public static void ReplaceOnce(TestRepo repo, string relative, string old, string replacement)
    {
        var path = Path.Combine(repo.Path, relative);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' is not in {relative} exactly once");
        repo.Write(relative, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
    }

    /// <summary>Every cluster's bundle digest for the fleet in <paramref name="directory"/> rendered at <paramref name="revision"/>.</summary>
    public static Dictionary<string, string> RenderDigests(string directory, string revision)
    {
        var loaded = FleetLoader.Load(directory);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var rendered = new FleetRenderer(loaded.Fleet!).RenderAll(new RenderOptions { Revision = revision });
        Assert.True(rendered.Succeeded, string.Join("\n", rendered.Diagnostics));
        return rendered.Bundles.ToDictionary(b => b.ClusterName, b => b.Digest);
    }

    /// <summary>One cluster of examples/fleet as the renderer sees it (its add-on versions) and its bundle's objects, in apply order.</summary>
    public static (EffectiveCluster Cluster, IReadOnlyList<System.Text.Json.Nodes.JsonObject> Objects) Render(string cluster)
    {
        var loaded = FleetLoader.Load(SourceDirectory);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var renderer = new FleetRenderer(loaded.Fleet!);
        var rendered = renderer.Render(cluster, new RenderOptions { Revision = new string('a', 40) });
        Assert.True(rendered.Succeeded, string.Join("\n", rendered.Diagnostics));
        return (renderer.Describe(cluster), rendered.Bundle!.Objects.Select(o => o.ToJsonObject()).ToList());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repo root (Edgeplane.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
