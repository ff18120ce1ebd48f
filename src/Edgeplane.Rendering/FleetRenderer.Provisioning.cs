using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Generators;
using Edgeplane.Rendering.Inheritance;
using Edgeplane.Rendering.Sources;
using Edgeplane.Rendering.Templates;
using Edgeplane.Rendering.Units;

namespace Edgeplane.Rendering;

public sealed partial class FleetRenderer
{
    /// <summary>
    /// For every cluster this one manages: its template's Cluster API objects (labelled and annotated, see
    /// <see cref="ProvisioningContract"/>) and the ClusterResourceSet that joins it to the hub; then the template namespaces.
    /// </summary>
    private IEnumerable<RenderUnit> ProvisioningUnits(ClusterContext context, List<Diagnostic> errors)
    {
        var namespaces = new Dictionary<string, FleetResource<ClusterTemplateSpec>>(StringComparer.Ordinal);
        foreach (var cluster in _provisionedBy[context.Name])
        {
            var provisioning = cluster.Spec.Provisioning!;
            var template = Fleet.ClusterTemplates.Find(provisioning.Template)!;
            var ns = template.Spec.Namespace;
            namespaces.TryAdd(ns, template);
            var unit = new RenderUnit { Ref = cluster.Ref, Rank = RenderUnit.RankOf(ResourceKind.Cluster) };
            var scope = new VariableScope(_contexts.Resolve(cluster), cluster.Name, null, ns, null, null, Parameters(template.Spec, provisioning));
            var compiled = _sources.FromPath(template.Origin, template.Ref.ToString(), template.Spec.Source.Type, template.Spec.Source.Path!, ns,
                provisioning.DeletionPolicy);
            errors.AddRange(compiled.Errors);
            unit.Add(compiled.Objects, scope);
            if (compiled.Errors.Count == 0)
            {
                CheckJoinable(cluster, template, compiled, scope, errors);
            }
            var join = _sources.Generated(("join", cluster.Name, ns), unit.Source, ns, cluster.Origin.Locate("spec", "provisioning"),
                () => [ProvisioningObjects.ResourceSet(cluster.Name, ns)]);
            unit.Add(join.Objects, scope);
            yield return unit;
        }
        foreach (var (_, template) in namespaces.OrderBy(n => n.Key, StringComparer.Ordinal).DistinctBy(n => n.Value.Name))
        {
            var unit = new RenderUnit { Ref = template.Ref, Rank = RenderUnit.RankOf(ResourceKind.ClusterTemplate) };
            var mine = namespaces.Where(n => n.Value.Name == template.Name).Select(n => n.Key).ToList();
            var compiled = _sources.Generated(("template-namespaces", template.Ref, string.Join(',', mine)), template.Ref.ToString(), null,
                template.Origin.Location, () => mine.Select(n => NamespaceObjects.Namespace(n, null)).ToList());
            unit.Add(compiled.Objects, new VariableScope(context, template.Name, null, null, null));
            yield return unit;
        }
    }

    /// <summary>The template's defaults, overridden by the cluster's values (both validated when the fleet loaded).</summary>
    private static Dictionary<string, VariableValue> Parameters(ClusterTemplateSpec template, ProvisioningSpec provisioning)
    {
        var parameters = template.Parameters.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!, StringComparer.Ordinal);
        foreach (var (key, value) in provisioning.Parameters)
        {
            parameters[key] = value;
        }
        return parameters;
    }

    /// <summary>
    /// The template renders exactly one Cluster API <c>Cluster</c>, in the template namespace: the ClusterResourceSet
    /// that installs the agent selects it by label among the Clusters of its own namespace only.
    /// </summary>
    private static void CheckJoinable(FleetResource<ClusterSpec> cluster, FleetResource<ClusterTemplateSpec> template, CompiledSource compiled,
        VariableScope scope, List<Diagnostic> errors)
    {
        var owner = $"ClusterTemplate \"{template.Name}\" (for cluster \"{cluster.Name}\")";
        var clusters = compiled.Objects.Where(o => o.Group == ProvisioningContract.ClusterApiGroup && o.Kind == "Cluster").ToList();
        if (clusters.Count != 1)
        {
            errors.Add(new Diagnostic(clusters.Count == 0 ? template.Origin.Locate("spec", "source") : clusters[1].Location,
                $"{owner}: renders {clusters.Count} Cluster API Clusters ({ProvisioningContract.ClusterApiGroup}), not one: a template provisions "
                + $"one cluster, and the ClusterResourceSet {ProvisioningContract.ResourceSetName(cluster.Name)} that installs its agent selects that Cluster",
                "TemplateClusterCount"));
            return;
        }
        var capi = clusters[0];
        var scratch = new List<Diagnostic>(); // an unknown variable is reported where the object is written
        var ns = capi.NamespaceTemplate is { } t ? Resolve(t, capi, scope, scratch) : capi.Namespace ?? template.Spec.Namespace;
        if (scratch.Count == 0 && ns != template.Spec.Namespace)
        {
            var name = capi.NameTemplate is { } n ? Resolve(n, capi, scope, scratch) : capi.Name;
            errors.Add(new Diagnostic(capi.Location,
                $"{owner}: its Cluster \"{name}\" is in namespace \"{ns}\", but Cluster API applies the ClusterResourceSet that installs the agent "
                + $"only to Clusters of its own namespace, the template's \"{template.Spec.Namespace}\": leave metadata.namespace out",
                "TemplateNamespaceMismatch"));
        }
    }

    private static string Resolve(StringTemplate template, CompiledObject obj, VariableScope scope, List<Diagnostic> errors) =>
        Writer.Substitute(template, scope, new Segment(SegmentKind.Variable, null, template, obj.Location), "", errors);
}
