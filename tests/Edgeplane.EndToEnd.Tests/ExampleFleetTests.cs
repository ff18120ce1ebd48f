using Edgeplane.Agent.Identity;
using Edgeplane.Cli.Up;
using Edgeplane.EndToEnd.Tests.Support;

namespace Edgeplane.EndToEnd.Tests;

/// <summary>The whole examples/fleet through <c>edgeplane up</c>'s orchestration, then a second start on the same data folder.</summary>
public sealed class ExampleFleetTests
{
    private const int ExampleClusters = 28;

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
        var again = await scenario.WaitForAllConvergedAsync();

        Assert.False(scenario.Stack.CreatedRepo);
        Assert.Null(scenario.Stack.NewAdminToken);
        Assert.Equal(converged.Clusters.Select(c => (c.Cluster, c.Desired)), again.Clusters.Select(c => (c.Cluster, c.Desired)));
        Assert.Equal(certificates, Serials(scenario)); // no agent enrolled again: each kept its certificate
    }

    private static Dictionary<string, string> Serials(E2eScenario scenario) => scenario.Stack.Agents.Keys.ToDictionary(
        c => c, c => new AgentIdentityFiles(scenario.Stack.Agents[c].StateDirectory).Load()!.Certificate.SerialNumber);
}
