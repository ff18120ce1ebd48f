using LibGit2Sharp;

namespace Edgeplane.Cli.Tests.Diff;

/// <summary>A Git repo of its own holding a copy of examples/fleet (in <c>fleet/</c>, or at the root), committed once.</summary>
internal sealed class GitFleetRepo : IDisposable
{
    public GitFleetRepo(string subdirectory = "fleet", bool commitFleet = true)
    {
        Root = Directory.CreateTempSubdirectory("ep-diff-").FullName;
        FleetDir = subdirectory.Length == 0 ? Root : Path.Combine(Root, subdirectory);
        Repository.Init(Root);
        if (!commitFleet)
        {
            File.WriteAllText(Path.Combine(Root, "README.md"), "not a fleet yet\n");
            InitialSha = Commit("readme");
        }
        Copy(Path.Combine(CliRun.RepoRoot(), "examples", "fleet"), FleetDir);
        if (commitFleet)
        {
            InitialSha = Commit("example fleet");
        }
    }

    public string Root { get; }

    public string FleetDir { get; }

    public string InitialSha { get; } = "";

    public GitFleetRepo Replace(string relative, string from, string to)
    {
        var path = Path.Combine(FleetDir, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        return this;
    }

    public GitFleetRepo Append(string relative, string text)
    {
        File.AppendAllText(Path.Combine(FleetDir, relative), text);
        return this;
    }

    public GitFleetRepo Write(string relative, string text)
    {
        var path = Path.Combine(FleetDir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public GitFleetRepo Delete(string relative)
    {
        File.Delete(Path.Combine(FleetDir, relative));
        return this;
    }

    public string Commit(string message)
    {
        using var repo = new Repository(Root);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var signature = new Signature("Diff Test", "diff@example.com", DateTimeOffset.UtcNow);
        return repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
