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
    private sealed record HelmReleaseKey(ResourceRef Unit, string Version, JsonObject Values, string Dependencies);

    /// <summary>Adds the objects of a manifests or kustomize source; the path may use the cluster's variables.</summary>
    private void PathObjects(RenderUnit unit, ResourceOrigin origin, SourceSpec source, string? ns, VariableScope scope, List<Diagnostic> errors)
    {
        var path = source.Path!;
        var at = origin.Locate("spec", "source", source.Type == SourceType.Kustomize ? "kustomize" : "manifests", "path");
        if (StringTemplate.Parse(path, out var literal, out var error) is { } template)
        {
            var writer = Writer;
            var pathScope = new VariableScope(scope.Cluster, unit.Ref.Name, null, null, null);
            literal = writer.Substitute(template, pathScope, new Segment(SegmentKind.Variable, null, template, at), $"{unit.Ref.Kind} \"{unit.Ref.Name}\" source path", errors);
        }
        if (error is not null)
        {
            errors.Add(new Diagnostic(at, $"{unit.Ref.Kind} \"{unit.Ref.Name}\": {error}", "InvalidVariable"));
            return;
        }
        var compiled = _sources.FromPath(origin, unit.Source, source.Type, literal, ns);
        errors.AddRange(compiled.Errors);
        unit.Add(compiled.Objects, scope);
    }

    /// <summary>Adds the Flux repository and release of a chart; the add-on (or application) then depends on Flux.</summary>
    private void HelmObjects(RenderUnit unit, ResourceOrigin origin, HelmChartSpec chart, string ns, string targetNamespace,
        string version, JsonObject values, IReadOnlyList<string> helmDependencies, VariableScope scope)
    {
        unit.Needs.Add((new ResourceRef(ResourceKind.AddOn, Fleet.Fleet.Spec.Flux.AddOn), origin.Locate("spec", "source", "helm")));
        var at = origin.Locate("spec", "source", "helm");
        var name = unit.Ref.Name;
        var repository = _sources.Generated(("helm-repository", unit.Ref, chart.IsOci ? version : ""), unit.Source, ns, at,
            () => [FluxObjects.Repository(name, ns, chart, version)]);
        var release = _sources.Generated(new HelmReleaseKey(unit.Ref, version, values, string.Join(',', helmDependencies)), unit.Source, ns, at,
            () => [FluxObjects.Release(name, ns, targetNamespace, chart, version, values, helmDependencies, tenant: unit.Workspace is not null)]);
        unit.Add(repository.Objects, scope);
        unit.Add(release.Objects, scope);
    }
}
