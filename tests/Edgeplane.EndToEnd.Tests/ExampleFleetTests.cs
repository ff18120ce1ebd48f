using Edgeplane.Agent.Identity;
using Edgeplane.Cli.Up;
using Edgeplane.EndToEnd.Tests.Support;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>The whole examples/fleet through <c>edgeplane up</c>'s orchestration, then a second start on the same data folder.</summary>
public sealed class ExampleFleetTests
{
    private const int ExampleClusters = 30;

    [Fact]
    public async Task Up_ExampleFleet_EveryClusterConvergesAndASecondRunReusesEverything()
    {
        await using var scenario = await E2eScenario.StartAsync(FleetRepo.FindExampleFleet(), waitForConvergence: false);
        Assert.NotNull(scenario.Stack.NewAdminToken);
        var converged = await scenario.WaitForAllConvergedAsync();
        Assert.Equal(ExampleClusters, converged.Clusters.Count);
        Assert.Equal(ExampleClusters, scenario.Stack.KubeSim.Clusters.Count);
        var certificates = Serials(scenario);

        await scenario.RestartStackAsync();
        // The hub may judge the fleet converged from what it stored before up's kubelet has started the agents of the
        // clusters Cluster API made (they start when their Deployment is seen again): wait for every agent too.
        var again = await scenario.WaitForAllConvergedAsync(_ => scenario.Stack.Agents.Count == certificates.Count);

        Assert.False(scenario.Stack.CreatedRepo);
        Assert.Null(scenario.Stack.NewAdminToken);
        Assert.Equal(converged.Clusters.Select(c => (c.Cluster, c.Desired)), again.Clusters.Select(c => (c.Cluster, c.Desired)));
        Assert.Equal(certificates.OrderBy(c => c.Key, StringComparer.Ordinal), Serials(scenario).OrderBy(c => c.Key, StringComparer.Ordinal)); // no agent enrolled again: each kept its certificate
    }

    private static Dictionary<string, string> Serials(E2eScenario scenario) => scenario.Stack.Agents.Keys.ToDictionary(
        c => c, c => new AgentIdentityFiles(scenario.Stack.Agents[c].StateDirectory).Load()!.Certificate.SerialNumber);
}
