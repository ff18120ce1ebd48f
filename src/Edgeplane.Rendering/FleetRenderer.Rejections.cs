using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Generators;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Templates;
using Edgeplane.Rendering.Units;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    /// <summary>
    /// A workspace rejected on one cluster is rejected on all: renders again every cluster that still shipped one of the
    /// rejected workspaces, until no cluster finds a new one. Returns every rejection, by workspace.
    /// </summary>
    private IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> RejectEverywhere(RenderResult[] results, RenderOptions options, ParallelOptions parallel)
    {
        var all = new WorkspaceRejections();
        var excluded = new IReadOnlySet<string>[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            all.AddAll(results[i].Rejections);
            excluded[i] = results[i].Rejections.Keys.Union(options.RejectedWorkspaces).ToHashSet(StringComparer.Ordinal);
        }
        while (true)
        {
            var union = all.Workspaces.Union(options.RejectedWorkspaces).ToHashSet(StringComparer.Ordinal);
            var again = Enumerable.Range(0, results.Length).Where(i => !excluded[i].IsSupersetOf(union)).ToList();
            if (again.Count == 0)
            {
                return all.ToResult();
            }
            var everywhere = options with { RejectedWorkspaces = union };
            Parallel.ForEach(again, parallel, i => results[i] = Render(Fleet.Clusters[i], everywhere));
            foreach (var i in again)
            {
                all.AddAll(results[i].Rejections);
                excluded[i] = union.Union(results[i].Rejections.Keys).ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// In place of a rejected workspace's units, its last good objects on this cluster (<see cref="RenderOptions.CarriedObjects"/>),
    /// one unit per Application or NetworkFunction their <c>edgeplane.dev/source</c> names, after the workspace's namespaces.
    /// </summary>
    private IEnumerable<RenderUnit> CarriedUnits(ClusterContext context, RenderOptions options, IEnumerable<string> rejected, List<Diagnostic> errors)
    {
        if (options.CarriedObjects is null)
        {
            yield break;
        }
        foreach (var name in rejected)
        {
            if (Fleet.Workspaces.Find(name) is not { } workspace)
            {
                continue;
            }
            var objects = options.CarriedObjects(context.Name, name).Where(o => Labelled(o, name));
            foreach (var group in objects.Select(o => (Object: o, Owner: CarriedOwner(o))).Where(o => o.Owner is not null).GroupBy(o => o.Owner!.Value))
            {
                var unit = new RenderUnit { Ref = group.Key, Rank = RenderUnit.RankOf(group.Key.Kind), CarriedFor = workspace };
                unit.Needs.Add((workspace.Ref, workspace.Origin.Location));
                var compiler = new ObjectCompiler(errors, Fleet.Repo.Limits) { Workspace = name };
                var compiled = group.Select((o, i) => compiler.Compile((JsonObject)o.Object.DeepClone(), unit.Source, null, null, workspace.Origin.Location, i));
                unit.Add(compiled.OfType<CompiledObject>().ToList(), new VariableScope(context, group.Key.Name, null, null, null));
                yield return unit;
            }
        }
    }

    /// <summary>True when <paramref name="obj"/> carries the workspace label with this workspace's name.</summary>
    private static bool Labelled(JsonObject obj, string workspace) =>
        (obj["metadata"]?["labels"]?[WorkspacePolicies.WorkspaceLabel] as JsonValue)?.TryGetValue<string>(out var w) == true && w == workspace;

    private static ResourceRef? CarriedOwner(JsonObject obj)
    {
        var source = (obj["metadata"]?["annotations"]?["edgeplane.dev/source"] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        var slash = source?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash < 0 ? null : source![..slash] switch
        {
            nameof(ResourceKind.Application) => new ResourceRef(ResourceKind.Application, source[(slash + 1)..]),
            nameof(ResourceKind.NetworkFunction) => new ResourceRef(ResourceKind.NetworkFunction, source[(slash + 1)..]),
            _ => null,
        };
    }
}
