using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    /// <summary>
    /// Finds dependency cycles among add-ons, applications and network functions, counting the implicit edge from every
    /// Helm-sourced unit to the Flux add-on. Each cycle is reported once, at the edge that closes it, walking in name order.
    /// </summary>
    private void CheckCycles()
    {
        var graph = DependencyGraph();
        var state = new Dictionary<ResourceRef, int>();
        var stack = new List<ResourceRef>();
        foreach (var node in graph.Keys.Order())
        {
            Visit(node, graph, state, stack);
        }
    }

    private void Visit(ResourceRef node, Dictionary<ResourceRef, List<(ResourceRef To, SourceLocation At)>> graph,
        Dictionary<ResourceRef, int> state, List<ResourceRef> stack)
    {
        if (state.GetValueOrDefault(node) != 0)
        {
            return;
        }
        state[node] = 1;
        stack.Add(node);
        foreach (var (to, at) in graph[node].OrderBy(e => e.To))
        {
            if (!graph.ContainsKey(to))
            {
                continue;
            }
            if (state.GetValueOrDefault(to) == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(to)).Append(to);
                Error(at, "DependencyCycle", $"{node.Kind} \"{node.Name}\": dependency cycle: {string.Join(" → ", cycle)}");
                continue;
            }
            Visit(to, graph, state, stack);
        }
        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
    }

    private Dictionary<ResourceRef, List<(ResourceRef To, SourceLocation At)>> DependencyGraph()
    {
        var graph = new Dictionary<ResourceRef, List<(ResourceRef, SourceLocation)>>();
        var flux = new ResourceRef(ResourceKind.AddOn, FleetSpec.Flux.AddOn);
        foreach (var addOn in _fleet.AddOns)
        {
            var edges = addOn.Spec.DependsOn.Select((d, i) => (new ResourceRef(ResourceKind.AddOn, d), addOn.Origin.Locate("spec", "dependsOn", $"{i}"))).ToList();
            if (addOn.Spec.Source.Type == SourceType.Helm && addOn.Ref != flux)
            {
                edges.Add((flux, addOn.Origin.Locate("spec", "source", "helm")));
            }
            graph[addOn.Ref] = edges;
        }
        foreach (var app in _fleet.Applications)
        {
            var edges = app.Spec.DependsOn.Select((d, i) => (d, app.Origin.Locate("spec", "dependsOn", $"{i}"))).ToList();
            if (app.Spec.Source.Type == SourceType.Helm)
            {
                edges.Add((flux, app.Origin.Locate("spec", "source", "helm")));
            }
            graph[app.Ref] = edges;
        }
        foreach (var nf in _fleet.NetworkFunctions)
        {
            graph[nf.Ref] = nf.Spec.DependsOn.Select((d, i) => (d, nf.Origin.Locate("spec", "dependsOn", $"{i}"))).ToList();
        }
        return graph;
    }
}
