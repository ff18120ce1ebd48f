using Edgeplane.Cli.Up;
using LibGit2Sharp;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary><c>edgeplane rollout demo</c>: a patch bump committed to the fleet repo of <c>edgeplane up</c>.</summary>
public sealed class RolloutDemoCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edgeplane-cli-rollout-demo", Guid.NewGuid().ToString("N")[..12]);

    private string Repo => Path.Combine(_data, "fleet");

    [Fact]
    public async Task Demo_UpRepo_CommitsTheNextIstioPatchOnMain_EachRunOneMore()
    {
        Assert.True(FleetRepo.EnsureCreated(Repo, FleetRepo.FindExampleFleet()!));

        var first = await CliRun.Of("rollout", "demo", "--data", _data);
        var second = await CliRun.Of("rollout", "demo", "--data", _data);

        using var repo = new Repository(Repo);
        var commits = new[] { repo.Head.Tip, repo.Head.Tip.Parents.Single() }; // newest first, by parent (same-second commits)
        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Equal(
            $"committed istio 1.23.2 → 1.23.3 to {Repo} as {commits[1].Sha[..12]}; the hub of 'up' starts its rollout within seconds\n" +
            $"watch it: edgeplane rollout status --revision {commits[1].Sha[..12]} --watch\n", first.Out.ReplaceLineEndings("\n"));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("istio 1.23.3 → 1.23.4", second.Out);
        Assert.Equal(["istio 1.23.3 → 1.23.4 (edgeplane rollout demo)", "istio 1.23.2 → 1.23.3 (edgeplane rollout demo)"],
            commits.Select(c => c.MessageShort));
        Assert.Equal("main", repo.Head.FriendlyName);
        Assert.Contains("version: \"1.23.4\"", await File.ReadAllTextAsync(Path.Combine(Repo, RolloutDemo.AddOnFile)));
        Assert.DoesNotContain(repo.RetrieveStatus(), e => e.State != FileStatus.Ignored);
    }

    [Fact]
    public async Task Demo_NoUpRepo_ExitsOneSayingWhatIsMissing_CreatesNothing()
    {
        var run = await CliRun.Of("rollout", "demo", "--data", _data);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal($"error: {Path.Combine(Repo, RolloutDemo.AddOnFile)} does not exist: is '{Repo}' the fleet repo of edgeplane up (its --data folder + /fleet)?",
            run.Error.Trim());
        Assert.False(Directory.Exists(_data));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            foreach (var file in Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal); // git objects are read-only
            }
            Directory.Delete(_data, recursive: true);
        }
    }
}
