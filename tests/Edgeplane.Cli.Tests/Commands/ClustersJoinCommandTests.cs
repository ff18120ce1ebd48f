namespace Edgeplane.Cli.Tests.Commands;

/// <summary>
/// <c>edgeplane clusters join</c>'s own refusals, before any hub or cluster is asked (the join itself runs against KubeSim
/// and a real hub in <c>EndToEnd.Tests/JoinTests</c>).
/// </summary>
public sealed class ClustersJoinCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-join-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Edge_1", "--timeout", "5m", "error: 'Edge_1' is not a cluster name (a DNS-1123 label: a-z, 0-9 and '-', at most 63)")]
    [InlineData("edge-1", "--timeout", "2h", "error: --timeout: '2h' is out of range; it must be more than 0 and at most 1 hour")]
    [InlineData("edge-1", "--timeout", "soon", "error: --timeout:")]
    [InlineData("edge-1", "--gateway", "http://hub:7443", "error: --gateway 'http://hub:7443' must be an absolute https:// URL")]
    public async Task Join_BadArgument_UsageNamingIt(string cluster, string option, string value, string expected)
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\nkind: Config\n");

        var run = await CliRun.Of("clusters", "join", cluster, "--kubeconfig", kubeconfig, option, value, "--hub", "http://127.0.0.1:1", "--token", "t");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error.Trim(), StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Join_KubeconfigMissing_UsageNamingTheFile_BeforeTheHubIsAsked()
    {
        var missing = Path.Combine(_dir, "absent.kubeconfig");

        var run = await CliRun.Of("clusters", "join", "edge-1", "--kubeconfig", missing, "--context", "c1", "--hub", "http://127.0.0.1:1", "--token", "t");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: cannot use --kubeconfig '{missing}' --context 'c1':", run.Error.Trim(), StringComparison.Ordinal);
    }
}
