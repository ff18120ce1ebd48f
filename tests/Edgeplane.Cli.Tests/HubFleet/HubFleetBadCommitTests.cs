using Edgeplane.Cli.Tests.HubCommands;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Cli.Tests.HubFleet;

/// <summary>A bad commit to examples/fleet, seen through the CLI: the error with file:line:col, and nothing changed.</summary>
public sealed class HubFleetBadCommitTests(ExampleFleetHubFixture hub) : IClassFixture<ExampleFleetHubFixture>
{
    private const string Error = "clusters/cloud/aks-us-east.yaml:11:3: Cluster \"aks-us-east\": unknown field \"spec.kubernetesVersoin\"; " +
        "did you mean \"kubernetesVersion\"?";

    [Fact]
    public async Task UnknownField_RevisionsGetAndStatusShowFileLineColumn_ClustersUnchanged()
    {
        var before = await HubCli.RunAsync(["clusters", "list", "-o", "json", .. hub.Connection]);
        var file = Path.Combine(hub.RepoPath, "clusters", "cloud", "aks-us-east.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("  provider: aks\n", "  provider: aks\n  kubernetesVersoin: v1.31.2\n", StringComparison.Ordinal));
        var (sha, state) = await hub.CommitAndPushAsync("pin aks-us-east (typo)");

        var get = await HubCli.RunAsync(["revisions", "get", sha[..10], .. hub.Connection]);
        var status = await HubCli.RunAsync(["status", .. hub.Connection]);
        var list = await HubCli.RunAsync(["revisions", .. hub.Connection]);
        var after = await HubCli.RunAsync(["clusters", "list", "-o", "json", .. hub.Connection]);

        Assert.Equal(RevisionState.Failed, state);
        Assert.Equal((0, 0, 0), (get.ExitCode, status.ExitCode, list.ExitCode));
        Assert.Contains("State:      Failed", get.Out);
        Assert.Contains("Reason:     1 error(s); the last good revision stays desired", get.Out);
        Assert.Contains(Error + " [UnknownField]\n", get.Out);
        Assert.Contains($"revision:   {hub.InitialSha[..12]} example fleet", status.Out);
        Assert.Contains($"last error: {sha[..12]} Failed: 1 error(s); the last good revision stays desired\n  {Error}\n", status.Out);
        Assert.Matches($@"\n{sha[..12]}\s+Failed\s+-\s+-\s+CLI Test <cli@example.com>\s+pin aks-us-east \(typo\)\n", "\n" + list.Out);
        Assert.Equal(before.Out, after.Out);
        Assert.Contains("\"name\": \"aks-us-east\"", after.Out);
    }
}
