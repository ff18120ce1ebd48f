using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Edgeplane.Benchmarks.Gateway;

/// <summary>
/// The fleet repo of one swarm scale, kept in the bench work folder between runs: the example fleet scaled to N edge
/// sites (bench/Edgeplane.FleetGenerator). Each <see cref="CommitRound"/> changes the monitoring add-on's default
/// remote-write URL, which every edge cluster renders (edge-baseline profile), so every agent's target digest changes.
/// </summary>
internal sealed partial class SwarmFleetRepo : IDisposable
{
    private const string AddOn = "addons/monitoring-agent/addon.yaml";
    private readonly Repository _repo;
    private int _round;

    private SwarmFleetRepo(string path, int sites)
    {
        Path = path;
        _repo = new Repository(path);
        Clusters = Enumerable.Range(0, sites).Select(i => $"edge-site-{i:D5}").ToList();
    }

    public string Path { get; }

    /// <summary>The edge clusters, one simulated agent each.</summary>
    public IReadOnlyList<string> Clusters { get; }

    public static SwarmFleetRepo Open(string example, string path, int sites)
    {
        if (!Directory.Exists(System.IO.Path.Combine(path, ".git")))
        {
            FleetGenerator.FleetGenerator.Generate(example, path, sites);
            Repository.Init(path);
        }
        return new SwarmFleetRepo(path, sites);
    }

    /// <summary>Commits a new remote-write URL and points <c>main</c> at the commit (what a push does); returns its sha.</summary>
    public string CommitRound()
    {
        var file = System.IO.Path.Combine(Path, AddOn);
        var text = File.ReadAllText(file);
        var marker = $"https://metrics.acme.example.net/api/v1/write?round={DateTime.UtcNow.Ticks}-{++_round}";
        var changed = RemoteWrite().Replace(text, "remoteWriteUrl: " + marker, 1);
        if (changed == text)
        {
            throw new InvalidOperationException($"{AddOn} has no 'remoteWriteUrl:' line to change");
        }
        File.WriteAllText(file, changed);
        Commands.Stage(_repo, "*");
        var signature = new Signature("Bench", "bench@example.com", DateTimeOffset.UtcNow);
        var commit = _repo.Commit($"monitoring remote write: {marker}", signature, signature);
        if (_repo.Refs["refs/heads/main"] is null)
        {
            _repo.Refs.Add("refs/heads/main", commit.Id);
        }
        else
        {
            _repo.Refs.UpdateTarget("refs/heads/main", commit.Sha);
        }
        return commit.Sha;
    }

    public void Dispose() => _repo.Dispose();

    [GeneratedRegex(@"remoteWriteUrl: \S+")]
    private static partial Regex RemoteWrite();
}
