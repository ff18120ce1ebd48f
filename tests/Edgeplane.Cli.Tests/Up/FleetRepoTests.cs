using Edgeplane.Cli.Up;
using LibGit2Sharp;

namespace Edgeplane.Cli.Tests.Up;

public sealed class FleetRepoTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-cli-fleetrepo", Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void FindExampleFleet_FromTheBuildOutput_FindsTheShippedCopy()
    {
        var found = FleetRepo.FindExampleFleet();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "examples", "fleet"), found);
        Assert.True(File.Exists(Path.Combine(found!, "fleet.yaml")));
    }

    [Fact]
    public void EnsureCreated_NewFolder_OneCommitOnMainWithEveryFile()
    {
        var seed = FleetRepo.FindExampleFleet()!;
        var path = Path.Combine(_root, "fleet");

        Assert.True(FleetRepo.EnsureCreated(path, seed));

        using var repo = new Repository(path);
        Assert.Equal("main", repo.Head.FriendlyName);
        Assert.Single(repo.Commits);
        Assert.Equal(Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories).Count(),
            repo.Index.Count);
        Assert.False(Directory.Exists(path + ".new"));
    }

    [Fact]
    public void EnsureCreated_ExistingRepo_LeftAsItIs()
    {
        var seed = FleetRepo.FindExampleFleet()!;
        var path = Path.Combine(_root, "fleet");
        FleetRepo.EnsureCreated(path, seed);
        File.WriteAllText(Path.Combine(path, "README.md"), "my change");
        var sha = FleetRepo.CommitAll(path, "user commit");

        Assert.False(FleetRepo.EnsureCreated(path, seed));

        using var repo = new Repository(path);
        Assert.Equal(sha, repo.Head.Tip.Sha);
        Assert.Equal(2, repo.Commits.Count());
    }

    [Fact]
    public void EnsureCreated_SeedWithoutFleetYaml_Refused()
    {
        var seed = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var e = Assert.Throws<InvalidOperationException>(() => FleetRepo.EnsureCreated(Path.Combine(_root, "fleet"), seed));

        Assert.Equal($"the seed fleet '{seed}' has no fleet.yaml", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "fleet")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
