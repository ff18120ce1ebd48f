using Edgeplane.Model.Loading;
using Edgeplane.Rendering;
using LibGit2Sharp;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// A Git repo with two commits of the example fleet scaled to N edge sites (bench/Edgeplane.FleetGenerator):
/// <see cref="Full"/> (the fleet) and <see cref="Incremental"/> (one site's variable changed in fleet.yaml, so exactly one
/// cluster's bundle changes), kept on side branches. Each run points <c>main</c> at them in turn. The digests every
/// cluster must get are rendered once, outside the timing, with the same loader and renderer.
/// </summary>
internal sealed class PipelineFleetRepo : IDisposable
{
    private readonly Repository _repo;

    private PipelineFleetRepo(string root, Repository repo)
    {
        Root = root;
        _repo = repo;
    }

    public string Root { get; }

    public string Path => System.IO.Path.Combine(Root, "repo");

    public string Full { get; private set; } = "";

    public string Incremental { get; private set; } = "";

    /// <summary>The cluster whose site variable the incremental commit changes.</summary>
    public string ChangedCluster { get; private set; } = "";

    public int ClusterCount { get; private set; }

    public int FileCount { get; private set; }

    public IReadOnlyDictionary<string, string> FullDigests { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IncrementalDigests { get; private set; } = new Dictionary<string, string>();

    public static PipelineFleetRepo Create(string example, int sites)
    {
        var root = Directory.CreateTempSubdirectory("edgeplane-bench-hub-pipeline-").FullName;
        var path = System.IO.Path.Combine(root, "repo");
        FleetGenerator.FleetGenerator.Generate(example, path, sites);
        Repository.Init(path);
        var fleet = new PipelineFleetRepo(root, new Repository(path));
        fleet.CommitBoth(sites);
        return fleet;
    }

    /// <summary>Removes <c>main</c>: a hub started now finds no branch and waits.</summary>
    public void Unpublish()
    {
        if (_repo.Refs["refs/heads/main"] is not null)
        {
            _repo.Refs.Remove("refs/heads/main");
        }
    }

    /// <summary>Points <c>main</c> at <paramref name="sha"/> (what a push does).</summary>
    public void Publish(string sha)
    {
        if (_repo.Refs["refs/heads/main"] is null)
        {
            _repo.Refs.Add("refs/heads/main", new ObjectId(sha));
        }
        else
        {
            _repo.Refs.UpdateTarget("refs/heads/main", sha);
        }
    }

    private void CommitBoth(int sites)
    {
        FileCount = Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Count(f => !f.Contains("/.git/", StringComparison.Ordinal));
        Full = CommitAll("fleet with generated edge sites", "bench-full");
        FullDigests = Render(Full);
        ClusterCount = FullDigests.Count;
        var site = Math.Min(42, sites - 1);
        ChangedCluster = $"edge-site-{site:D5}";
        var fleetFile = System.IO.Path.Combine(Path, "fleet.yaml");
        var text = File.ReadAllText(fleetFile);
        var old = $"siteId: \"{site:D5}\"";
        if (text.Split(old).Length != 2)
        {
            throw new InvalidOperationException($"fleet.yaml does not hold '{old}' exactly once");
        }
        File.WriteAllText(fleetFile, text.Replace(old, "siteId: \"bench-changed\"", StringComparison.Ordinal));
        Incremental = CommitAll($"site-{site:D5}: new siteId", "bench-incremental");
        IncrementalDigests = Render(Incremental);
    }

    private string CommitAll(string message, string branch)
    {
        Commands.Stage(_repo, "*");
        var signature = new Signature("Bench", "bench@example.com", DateTimeOffset.UtcNow);
        var commit = _repo.Commit(message, signature, signature);
        _repo.Refs.Add($"refs/heads/{branch}", commit.Id, allowOverwrite: true);
        return commit.Sha;
    }

    private Dictionary<string, string> Render(string revision)
    {
        var loaded = FleetLoader.Load(Path);
        if (!loaded.Succeeded)
        {
            throw new InvalidOperationException("the generated fleet does not load: " + string.Join("\n", loaded.Diagnostics.Take(5)));
        }
        var rendered = new FleetRenderer(loaded.Fleet!).RenderAll(new RenderOptions { Revision = revision });
        if (!rendered.Succeeded)
        {
            throw new InvalidOperationException("the generated fleet does not render: " + string.Join("\n", rendered.Diagnostics.Take(5)));
        }
        return rendered.Bundles.ToDictionary(b => b.ClusterName, b => b.Digest, StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
