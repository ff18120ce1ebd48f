using System.Reflection;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The namespaces of Edgeplane.Agent use each other in one direction only (issue #11: the hub link and the reconciler
/// called each other, and so did the status side and the reconciler). The link posts targets into an inbox the
/// reconciler reads; the reconciler publishes status values the status side reports. Read from the compiled assembly
/// (<see cref="NamespaceGraph"/>).
/// </summary>
public sealed class AgentNamespaceTests
{
    private const string Agent = "Edgeplane.Agent";

    [Fact]
    public void AgentNamespaces_UseEachOther_WithoutCycles()
    {
        var graph = NamespaceGraph.Of(Assembly.Load(Agent), Agent);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, "namespace cycles in Edgeplane.Agent: " + string.Join(" | ", cycles.Select(graph.Explain)));
    }

    [Theory]
    [InlineData("Link", "Reconcile")]
    [InlineData("Reconcile", "Link")]
    [InlineData("Status", "Reconcile")]
    [InlineData("Bundles", "Reconcile")]
    public void AgentNamespaces_OneDoesNotUseTheOther(string from, string to)
    {
        var graph = NamespaceGraph.Of(Assembly.Load(Agent), Agent);

        Assert.Null(graph.Example($"{Agent}.{from}", $"{Agent}.{to}"));
    }

    [Fact]
    public void AgentNamespaces_EachSubNamespace_LeavesTheCompositionRootAlone()
    {
        var graph = NamespaceGraph.Of(Assembly.Load(Agent), Agent);
        var agent = Assembly.Load(Agent);

        var upward = agent.GetTypes().Select(t => t.Namespace).OfType<string>().Distinct()
            .Where(ns => ns != Agent && ns.StartsWith(Agent + ".", StringComparison.Ordinal) && graph.Uses(ns, Agent))
            .Select(ns => $"{ns} ({graph.Example(ns, Agent)})")
            .ToList();

        Assert.True(upward.Count == 0, "namespaces that use Edgeplane.Agent itself: " + string.Join("; ", upward));
    }

    [Fact]
    public void NamespaceGraph_UsesOnlyInMethodBodiesAndClosures_FormACycle()
    {
        const string fixtures = "Edgeplane.Architecture.Tests.Fixtures";

        var graph = NamespaceGraph.Of(typeof(AgentNamespaceTests).Assembly, fixtures);

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal([$"{fixtures}.Ping", $"{fixtures}.Pong"], cycle);
        Assert.Equal("PingSide uses PongSide", graph.Example($"{fixtures}.Ping", $"{fixtures}.Pong"));
        Assert.Equal("PongSide uses PingSide", graph.Example($"{fixtures}.Pong", $"{fixtures}.Ping"));
        Assert.Equal($"{fixtures}.Ping → {fixtures}.Pong (PingSide uses PongSide); {fixtures}.Pong → {fixtures}.Ping (PongSide uses PingSide)",
            graph.Explain(cycle));
    }
}
