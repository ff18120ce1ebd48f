using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// Workspace tenancy, checked on every object an application or network function renders: its kind must be allowed,
/// it must be namespaced and in a namespace the workspace owns.
/// </summary>
internal static class Tenancy
{
    public static void Check(FleetResource<WorkspaceSpec> workspace, ResourceRef owner, CompiledObject obj, string name, string? ns,
        bool clusterScoped, string cluster, List<Diagnostic> errors)
    {
        var what = $"{owner.Kind} \"{owner.Name}\": {obj.Kind} \"{(ns is null ? name : $"{ns}/{name}")}\"";
        if (!workspace.Spec.AllowedKinds.Any(k => k.Matches(obj.Group, obj.Kind)))
        {
            var kind = obj.Group.Length == 0 ? obj.Kind : $"{obj.Group}/{obj.Kind}";
            errors.Add(new Diagnostic(obj.Location, $"{what} is of kind {kind}, which Workspace \"{workspace.Name}\" does not allow (spec.allowedKinds)", "KindNotAllowed"));
        }
        else if (clusterScoped)
        {
            errors.Add(new Diagnostic(obj.Location, $"{what} is cluster-scoped; Workspace \"{workspace.Name}\" may only create objects in its namespaces", "ClusterScopedNotAllowed"));
        }
        else if (ns is null || !workspace.Spec.Namespaces.Contains(ns))
        {
            errors.Add(new Diagnostic(obj.Location,
                $"{what} is in namespace \"{ns}\", which Workspace \"{workspace.Name}\" does not own (it owns {string.Join(", ", workspace.Spec.Namespaces)}); cluster \"{cluster}\"",
                "NamespaceNotOwned"));
        }
    }
}
