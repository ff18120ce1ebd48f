namespace Edgeplane.Cli.Tests.Diff;

/// <summary>What <c>edgeplane diff</c> does with bad input: exit 2, a message naming what and where, nothing on stdout.</summary>
public sealed class DiffCommandErrorTests
{
    [Fact]
    public async Task Diff_UnknownRevision_Exit2NamingTheRevision()
    {
        using var repo = new GitFleetRepo();

        var run = await CliRun.Of("diff", repo.FleetDir, "--against", "v9.9-nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"error: unknown revision 'v9.9-nope': the Git repository at {repo.Root}/ has no such commit\n", run.Error);
        using var git = new LibGit2Sharp.Repository(repo.Root);
        Assert.False(git.RetrieveStatus(new LibGit2Sharp.StatusOptions()).IsDirty); // diff reads; it never writes into the repo
    }

    [Fact]
    public async Task Diff_BaseRevisionLinksOutOfTheRepo_Exit2AndNothingOutsideIsRead()
    {
        using var repo = new GitFleetRepo();
        var outside = Path.Combine(Path.GetTempPath(), $"ep-diff-outside-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(outside, "apiVersion: edgeplane.dev/v1alpha1\nkind: Cluster\nmetadata: {name: stolen}\n");
        try
        {
            File.CreateSymbolicLink(Path.Combine(repo.FleetDir, "clusters", "evil.yaml"), outside);
            repo.Commit("a link out of the repo");
            File.Delete(Path.Combine(repo.FleetDir, "clusters", "evil.yaml"));

            var run = await CliRun.Of("diff", repo.FleetDir);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Out);
            Assert.StartsWith("HEAD:fleet/clusters/evil.yaml", run.Error, StringComparison.Ordinal);
            Assert.Contains("leads outside the fleet repo", run.Error);
            Assert.DoesNotContain("stolen", run.Error);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Diff_WorkingTreeDoesNotLoad_Exit2WithFileAndLine()
    {
        using var repo = new GitFleetRepo();
        repo.Replace("clusters/edge/us-east/pit-01.yaml", "site: pit-01", "site: pit-99");

        var run = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Matches($@"^{Escape(repo.FleetDir)}/clusters/edge/us-east/pit-01\.yaml:10:\d+: .*""pit-99"".*\n", run.Error);
        Assert.EndsWith($"error: the fleet at {repo.FleetDir} does not load: 1 error(s)\n", run.Error);
    }

    [Fact]
    public async Task Diff_BaseRevisionDoesNotLoad_Exit2WithRevisionPrefixedPaths()
    {
        using var repo = new GitFleetRepo();
        repo.Replace("clusters/edge/us-east/pit-01.yaml", "site: pit-01", "site: pit-99");
        repo.Commit("a broken commit");
        repo.Replace("clusters/edge/us-east/pit-01.yaml", "site: pit-99", "site: pit-01");

        var run = await CliRun.Of("diff", repo.FleetDir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("HEAD:fleet/clusters/edge/us-east/pit-01.yaml:10:", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("error: the fleet at HEAD:fleet does not load: 1 error(s)\n", run.Error);
    }

    [Fact]
    public async Task Diff_NotInAGitRepo_Exit2PointingToHub()
    {
        var dir = Directory.CreateTempSubdirectory("ep-diff-nogit-").FullName;
        try
        {
            var run = await CliRun.Of("diff", dir);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Out);
            Assert.Equal($"error: {dir} is not in a Git work tree: give --hub URL to compare with a hub\n", run.Error);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public async Task Diff_MissingDirectory_Exit2()
    {
        var run = await CliRun.Of("diff", "/nonexistent/ep-diff-fleet");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: /nonexistent/ep-diff-fleet is not a directory\n", run.Error);
    }

    [Theory]
    [InlineData(new[] { "--against", "HEAD", "--hub", "http://127.0.0.1:1" }, "error: give --against REV or --hub URL, not both")]
    [InlineData(new[] { "--max-fields", "-1" }, "error: --max-fields must be 0 (all) or a positive number")]
    [InlineData(new[] { "-o", "xml" }, "error: Argument 'xml' not recognized.")]
    public async Task Diff_BadOptions_UsageError(string[] options, string message)
    {
        using var repo = new GitFleetRepo();

        var run = await CliRun.Of(["diff", repo.FleetDir, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_Help_ShowsExamples()
    {
        var run = await CliRun.Of("diff", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("edgeplane diff --against HEAD~1", run.Out);
        Assert.Contains("--hub", run.Out);
        Assert.Contains("Exit code: 0 no change, 1 changes, 2 bad input", run.Out);
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
