using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Templates;
using Edgeplane.Rendering.Units;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    /// <summary>The annotation naming the fleet resource an object comes from (<c>Kind/name</c>).</summary>
    private const string SourceAnnotation = "edgeplane.dev/source";

    /// <summary>
    /// The objects the hub adds to this cluster's bundle (<see cref="RenderOptions.HubObjects"/>), as platform units: each
    /// owned by the cluster this bundle provisions that its <c>edgeplane.dev/source</c> annotation names
    /// (<c>Cluster/&lt;name&gt;</c>), else by the bundle's own cluster.
    /// </summary>
    private IEnumerable<RenderUnit> HubUnits(ClusterContext context, RenderOptions options, List<Diagnostic> errors)
    {
        if (options.HubObjects?.Invoke(context.Name) is not { Count: > 0 } objects)
        {
            yield break;
        }
        var provisioned = _provisionedBy[context.Name].Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in objects.GroupBy(o => HubOwner(o, provisioned) ?? context.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var cluster = Fleet.Clusters.Find(group.Key)!;
            var unit = new RenderUnit { Ref = cluster.Ref, Rank = RenderUnit.RankOf(ResourceKind.Cluster) };
            var compiler = new ObjectCompiler(errors, Fleet.Repo.Limits);
            var compiled = group.Select((o, i) => compiler.Compile((JsonObject)o.DeepClone(), unit.Source, null, null, cluster.Origin.Location, i));
            unit.Add(compiled.OfType<CompiledObject>().ToList(), new VariableScope(_contexts.Resolve(cluster), cluster.Name, null, null, null));
            yield return unit;
        }
    }

    private static string? HubOwner(JsonObject obj, IReadOnlySet<string> provisioned)
    {
        var source = (obj["metadata"]?["annotations"]?[SourceAnnotation] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        const string prefix = nameof(ResourceKind.Cluster) + "/";
        return source is not null && source.StartsWith(prefix, StringComparison.Ordinal) && provisioned.Contains(source[prefix.Length..])
            ? source[prefix.Length..]
            : null;
    }
}
