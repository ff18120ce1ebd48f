using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// A private copy of the repo's examples/fleet (so a test may change it) and the bundles <see cref="FleetRenderer"/>
/// makes from it: exactly what the hub would serve an agent.
/// </summary>
public sealed class ExampleFleetCopy : IDisposable
{
    public ExampleFleetCopy()
    {
        Path = Directory.CreateTempSubdirectory("example-fleet-").FullName;
        var source = System.IO.Path.Combine(RepoRoot(), "examples", "fleet");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    /// <summary>Renders <paramref name="cluster"/>'s bundle from the copy as it is now.</summary>
    public Bundle Render(string cluster, string revision = "example-1")
    {
        var loaded = FleetLoader.Load(Path);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var rendered = new FleetRenderer(loaded.Fleet!).Render(cluster, new RenderOptions { Revision = revision });
        Assert.True(rendered.Succeeded, string.Join("\n", rendered.Diagnostics));
        return rendered.Bundle!;
    }

    /// <summary>Replaces the one occurrence of <paramref name="old"/> in a file of the copy.</summary>
    public void ReplaceOnce(string relative, string old, string replacement)
    {
        var path = System.IO.Path.Combine(Path, relative);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' is not in {relative} exactly once");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
    }

    /// <summary>The apply request an agent makes for <paramref name="bundle"/>: its objects, digest, revision and prune option.</summary>
    public static ApplyRequest Request(Bundle bundle) => new()
    {
        Cluster = bundle.ClusterName,
        Bundle = bundle.ClusterName,
        Objects = Objects(bundle),
        Digest = bundle.Digest,
        Revision = bundle.Revision,
        Prune = bundle.Prune,
    };

    public static IReadOnlyList<JsonObject> Objects(Bundle bundle) => bundle.Objects.Select(o => o.ToJsonObject()).ToList();

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Edgeplane.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repo root (Edgeplane.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
