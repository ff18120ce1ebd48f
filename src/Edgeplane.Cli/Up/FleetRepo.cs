using LibGit2Sharp;

namespace Edgeplane.Cli.Up;

/// <summary>The local fleet repo of <c>edgeplane up</c>: made once from a fleet folder, then left to the user.</summary>
public static class FleetRepo
{
    /// <summary>The branch the hub follows.</summary>
    public const string Branch = "main";

    /// <summary>Most files copied from the seed fleet (the example has about 70).</summary>
    public const int MaxSeedFiles = 20_000;

    /// <summary>
    /// The fleet shipped with the CLI (<c>examples/fleet</c> copied next to the binary), else the one in the source tree
    /// above it (a development build run from elsewhere). Null when neither exists.
    /// </summary>
    public static string? FindExampleFleet() => FindExample("fleet", "fleet.yaml");

    /// <summary>
    /// What <c>up</c> lays over the example fleet (<c>examples/up</c>): the demo rollout policy with short soaks, in
    /// place of the example's production policy. Null when it is not shipped.
    /// </summary>
    public static string? FindUpOverlay() => FindExample("up", Path.Combine("rollouts", "default.yaml"));

    private static string? FindExample(string name, string marker)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "examples", name);
        if (File.Exists(Path.Combine(shipped, marker)))
        {
            return shipped;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", name);
            if (File.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Makes <paramref name="path"/> a Git repo holding a copy of <paramref name="seed"/> in one commit on <c>main</c>,
    /// unless it already is a repo (then nothing changes). Returns true when it made the repo. Throws
    /// <see cref="InvalidOperationException"/> when the folder exists with other content, or the seed is missing.
    /// Files of <paramref name="overlay"/>, when given, replace the seed's at the same paths.
    /// </summary>
    public static bool EnsureCreated(string path, string seed, string? overlay = null)
    {
        if (Repository.IsValid(path))
        {
            return false;
        }
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new InvalidOperationException($"'{path}' exists but is not a Git repo; move it away or use another --data folder");
        }
        if (!File.Exists(Path.Combine(seed, "fleet.yaml")))
        {
            throw new InvalidOperationException($"the seed fleet '{seed}' has no fleet.yaml");
        }
        var building = path + ".new";
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true); // an interrupted earlier attempt
        }
        Copy(seed, building);
        if (overlay is not null)
        {
            Copy(overlay, building);
        }
        Repository.Init(building);
        using (var repo = new Repository(building))
        {
            repo.Refs.UpdateTarget("HEAD", "refs/heads/" + Branch);
            LibGit2Sharp.Commands.Stage(repo, "*");
            var author = Signature();
            repo.Commit("Example fleet from edgeplane up", author, author);
        }
        if (Directory.Exists(path))
        {
            Directory.Delete(path);
        }
        Directory.Move(building, path); // the repo appears whole or not at all
        return true;
    }

    /// <summary>Stages everything in the work tree and commits it on the current branch; returns the commit sha.</summary>
    public static string CommitAll(string path, string message)
    {
        using var repo = new Repository(path);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var author = Signature();
        return repo.Commit(message, author, author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    private static Signature Signature() => new("edgeplane up", "up@edgeplane.invalid", DateTimeOffset.UtcNow);

    private static void Copy(string source, string target)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (++count > MaxSeedFiles)
            {
                throw new InvalidOperationException($"the seed fleet '{source}' has more than {MaxSeedFiles} files");
            }
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }
}
