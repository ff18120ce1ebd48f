using Edgeplane.EndToEnd.Tests.Support;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>A commit reaches every cluster: with all agents up, with one agent down during the commit, across a hub restart.</summary>
public sealed class RolloutTests
{
    [Fact]
    public async Task Commit_ChangingEveryBundle_AppliedOnEveryCluster()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var before = await scenario.Stack.ReadConvergenceAsync();

        await scenario.CommitMarkerAsync("one");
        var after = await scenario.WaitForAllConvergedAsync(s => s.Clusters.All(c => c.Desired != before.Find(c.Cluster)!.Desired));

        Assert.Equal(TestFleet.Clusters, after.Clusters.Select(c => c.Cluster));
        foreach (var cluster in TestFleet.Clusters)
        {
            Assert.Equal("one", await scenario.MarkerAsync(cluster));
            Assert.Equal(after.Find(cluster)!.Desired, scenario.Agent(cluster).Snapshot.AppliedDigest);
        }
    }

    [Fact]
    public async Task Commit_WhileAgentStopped_AgentConvergesAfterRestart()
    {
        await using var scenario = await E2eScenario.StartAsync();
        await scenario.Stack.StopAgentAsync(TestFleet.Edge);

        await scenario.CommitMarkerAsync("while-away");
        var others = await scenario.Stack.WaitForConvergenceAsync(
            s => s.Clusters.Count(c => c.Converged) == TestFleet.Clusters.Length - 1, E2eScenario.Timeout);
        var away = others.Find(TestFleet.Edge)!;
        Assert.False(away.Converged);
        Assert.NotEqual(away.Desired, away.Applied);
        Assert.Equal("no agent is running for this cluster", away.Reason);
        Assert.Null(await scenario.MarkerAsync(TestFleet.Edge));

        await scenario.Stack.StartAgentAsync(TestFleet.Edge);
        var converged = await scenario.WaitForAllConvergedAsync();

        Assert.Equal(converged.Find(TestFleet.Edge)!.Desired, converged.Find(TestFleet.Edge)!.Applied);
        Assert.Equal("while-away", await scenario.MarkerAsync(TestFleet.Edge));
    }

    [Fact]
    public async Task HubRestart_InTheMiddleOfASync_AgentsConvergeOnTheSameDataFolder()
    {
        await using var scenario = await E2eScenario.StartAsync();
        var before = await scenario.Stack.ReadConvergenceAsync();
        // One agent is away, so at least one cluster's sync is surely outstanding when the hub stops; the others are
        // receiving their targets and fetching bundles at that moment.
        await scenario.Stack.StopAgentAsync(TestFleet.Edge);

        await scenario.CommitMarkerAsync("across-restart");
        var midSync = await scenario.Stack.ReadConvergenceAsync();
        await scenario.Stack.StopHubAsync();
        var outstanding = await scenario.MarkerAsync(TestFleet.Edge);
        await scenario.Stack.StartAgentAsync(TestFleet.Edge); // comes back while the hub is down: cached bundle, back-off
        await scenario.Stack.StartHubAsync();
        var after = await scenario.WaitForAllConvergedAsync(s => s.Clusters.All(c => c.Desired != before.Find(c.Cluster)!.Desired));

        Assert.True(midSync.Clusters.All(c => c.Desired != before.Find(c.Cluster)!.Desired), "the new revision was stored before the restart");
        Assert.NotEqual("across-restart", outstanding);
        foreach (var cluster in TestFleet.Clusters)
        {
            Assert.Equal("across-restart", await scenario.MarkerAsync(cluster));
            Assert.Equal(after.Find(cluster)!.Desired, after.Find(cluster)!.Applied);
        }
    }
}
