using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Generators;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// Workspace tenancy, checked on every object an application or network function renders: its kind must be allowed,
/// known to be namespaced (built in, or defined by a CRD of the bundle) and in a namespace the workspace owns; a Flux
/// HelmRelease or Kustomization must run as the workspace's account and stay in its namespaces. Also: no platform
/// object may use a namespace a workspace on the cluster owns.
/// </summary>
internal static partial class Tenancy
{
    public static void Check(FleetResource<WorkspaceSpec> workspace, ResourceRef owner, CompiledObject obj, string name, string? ns,
        KindScope scope, string cluster, IReadOnlySet<string> knownNames, List<Diagnostic> errors)
    {
        var what = $"{owner.Kind} \"{owner.Name}\": {obj.Kind} \"{(ns is null ? name : $"{ns}/{name}")}\"";
        if (CheckNames(workspace, what, obj, name, ns, knownNames, errors) && CheckPlace(workspace, what, obj, ns, scope, cluster, errors))
        {
            if (obj.Flux is { } flux)
            {
                CheckFlux(workspace, what, obj.Location, flux, errors);
            }
            if (obj.Policy is { } policy)
            {
                CheckPolicy(workspace, what, obj.Location, ns, policy, errors);
            }
        }
    }

    /// <summary>Not a Namespace, an allowed kind, known to be namespaced, in an owned namespace; false (with the first reason) otherwise.</summary>
    private static bool CheckPlace(FleetResource<WorkspaceSpec> workspace, string what, CompiledObject obj, string? ns, KindScope scope, string cluster,
        List<Diagnostic> errors)
    {
        var kind = obj.Group.Length == 0 ? obj.Kind : $"{obj.Group}/{obj.Kind}";
        var (code, message) = (obj.Kind, obj.Group, scope) switch
        {
            ("Namespace", "", _) => ("NamespaceCreated", $"{what}: an Application or NetworkFunction may not create a Namespace; Edgeplane creates "
                + $"Workspace \"{workspace.Name}\"'s namespaces ({Owned(workspace)}) from its spec.namespaces"),
            _ when !workspace.Spec.AllowedKinds.Any(k => k.Matches(obj.Group, obj.Kind)) =>
                ("KindNotAllowed", $"{what} is of kind {kind}, which Workspace \"{workspace.Name}\" does not allow (spec.allowedKinds)"),
            (_, _, KindScope.Cluster) => ("ClusterScopedNotAllowed", $"{what} is cluster-scoped"
                + (BuiltinKinds.IsBuiltin(obj.Group, obj.Kind) ? "" : $" (the CustomResourceDefinition of {kind} in this bundle says scope: Cluster)")
                + $"; Workspace \"{workspace.Name}\" may only create objects in its namespaces"),
            (_, _, KindScope.Unknown) => ("UnknownKindScope",
                $"{what} is of kind {kind}, which is neither built into Kubernetes nor defined by a CustomResourceDefinition in the bundle of cluster \"{cluster}\", "
                + $"so its scope is unknown; Workspace \"{workspace.Name}\" may only create objects of kinds known to be namespaced (an add-on on the cluster must bring the CRD)"),
            _ when ns is null || !workspace.Spec.Namespaces.Contains(ns) => ("NamespaceNotOwned",
                $"{what} is in namespace \"{ns}\", which Workspace \"{workspace.Name}\" does not own (it owns {Owned(workspace)}); cluster \"{cluster}\""),
            _ => (null, null),
        };
        if (code is null)
        {
            return true;
        }
        errors.Add(new Diagnostic(obj.Location, message!, code));
        return false;
    }

    /// <summary>
    /// Reports every namespace owned by a workspace on this cluster that a platform unit (an add-on, a cluster template)
    /// also uses — by putting an object in it, creating it, or installing a Helm release into it — once, at the workspace.
    /// </summary>
    public static void CheckPlatformNamespaces(IReadOnlyList<RenderUnit> units,
        IEnumerable<(RenderUnit Owner, CompiledObject Object, string Name, string? Namespace)> objects, string cluster, List<Diagnostic> errors)
    {
        var owned = new Dictionary<string, (FleetResource<WorkspaceSpec> Workspace, int Index)>(StringComparer.Ordinal);
        foreach (var workspace in units.Select(u => u.Tenant).OfType<FleetResource<WorkspaceSpec>>())
        {
            for (var i = 0; i < workspace.Spec.Namespaces.Count; i++)
            {
                owned.TryAdd(workspace.Spec.Namespaces[i], (workspace, i));
            }
        }
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (owner, obj, name, ns) in objects.Where(o => owned.Count > 0 && o.Owner.Workspace is null && o.Owner.Tenant is null && o.Owner.CarriedFor is null))
        {
            var used = obj.Kind == "Namespace" && obj.Group.Length == 0 ? name : ns;
            foreach (var target in new[] { used, obj.Flux?.TargetNamespace }.OfType<string>())
            {
                if (owned.TryGetValue(target, out var o) && reported.Add(target))
                {
                    errors.Add(new Diagnostic(o.Workspace.Origin.Locate("spec", "namespaces", $"{o.Index}"),
                        $"Workspace \"{o.Workspace.Name}\": namespace \"{target}\" is used by {owner.Source} ({obj.Kind} \"{name}\" at {obj.Location}) "
                        + $"on cluster \"{cluster}\"; a workspace may not own a namespace the platform uses", "NamespaceReserved"));
                }
            }
        }
    }

    /// <summary>A workspace's HelmRelease or Kustomization acts as the workspace's account, on this cluster, in its namespaces.</summary>
    private static void CheckFlux(FleetResource<WorkspaceSpec> workspace, string what, SourceLocation at, FluxFields flux, List<Diagnostic> errors)
    {
        if (flux.Templated.Count > 0)
        {
            errors.Add(new Diagnostic(at, $"{what}: {string.Join(", ", flux.Templated)} must be written without ${{…}} references, "
                + "so that the account and namespaces Flux uses can be checked", "FluxFieldNotAllowed"));
            return;
        }
        if (flux.ServiceAccountName != WorkspaceAccount.Name)
        {
            var found = flux.ServiceAccountName is null ? "it sets none" : $"not \"{flux.ServiceAccountName}\"";
            errors.Add(new Diagnostic(at, $"{what} must run as Workspace \"{workspace.Name}\"'s account: spec.serviceAccountName must be "
                + $"\"{WorkspaceAccount.Name}\" ({found}); with another account or none, Flux could act with its own cluster-wide rights", "FluxAccountNotPinned"));
        }
        if (flux.HasKubeConfig)
        {
            errors.Add(new Diagnostic(at, $"{what} sets spec.kubeConfig; a workspace's Flux objects act on their own cluster only", "FluxFieldNotAllowed"));
        }
        if (flux.CreatesNamespace)
        {
            errors.Add(new Diagnostic(at, $"{what} sets spec.install.createNamespace; a workspace may not create namespaces (Edgeplane creates the ones it owns)", "FluxFieldNotAllowed"));
        }
        foreach (var (field, ns) in new[] { ("spec.targetNamespace", flux.TargetNamespace), ("spec.storageNamespace", flux.StorageNamespace) })
        {
            if (ns is not null && !workspace.Spec.Namespaces.Contains(ns))
            {
                errors.Add(new Diagnostic(at, $"{what}: {field} \"{ns}\" is a namespace Workspace \"{workspace.Name}\" does not own (it owns {Owned(workspace)})", "NamespaceNotOwned"));
            }
        }
    }

    private static string Owned(FleetResource<WorkspaceSpec> workspace) => string.Join(", ", workspace.Spec.Namespaces);
}
