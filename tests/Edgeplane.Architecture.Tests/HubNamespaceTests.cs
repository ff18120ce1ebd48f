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
        var graph = NamespaceGraph.Of(Hub, t => t.FullName == "Edgeplane.Hub.HubApplication");

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, "namespace cycles in Edgeplane.Hub:" + Environment.NewLine + string.Join(Environment.NewLine,
            cycles.Select(c => "  " + string.Join(" ↔ ", c) + ": " + string.Join("; ", Witnesses(graph, c)))));
    }

    private static IEnumerable<string> Witnesses(NamespaceGraph graph, List<string> cycle) =>
        from edge in graph.Witnesses
        where cycle.Contains(edge.Key.From) && cycle.Contains(edge.Key.To)
        orderby edge.Key.From, edge.Key.To
        select $"{Short(edge.Key.From)} → {Short(edge.Key.To)} ({edge.Value})";

    private static string Short(string ns) => ns.Length > "Edgeplane.Hub".Length ? ns["Edgeplane.Hub.".Length..] : "(root)";
}
