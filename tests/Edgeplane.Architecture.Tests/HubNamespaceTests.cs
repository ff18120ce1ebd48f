using System.Reflection;

namespace Edgeplane.Architecture.Tests;

/// <summary>
/// The hub's namespaces form layers: no two namespaces use each other, directly or through others. The composition
/// root (<c>HubApplication</c>), which wires every part together, is the one type left out.
/// </summary>
public sealed class HubNamespaceTests
{
    private static readonly Assembly Hub = Assembly.Load("Edgeplane.Hub");

    [Fact]
    public void HubNamespaces_HaveNoCycles()
    {
        var graph = NamespaceGraph.Of(Hub, "Edgeplane.Hub", t => t.FullName == "Edgeplane.Hub.HubApplication");

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, "namespace cycles in Edgeplane.Hub:" + Environment.NewLine
            + string.Join(Environment.NewLine, cycles.Select(c => "  " + graph.Explain(c))));
    }
}
