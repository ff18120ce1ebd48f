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
    /// Which units land on the cluster, each with its objects; checks placement rules and dependencies. Leaves out the
    /// Applications and NetworkFunctions of <paramref name="rejected"/> workspaces (carrying their last good objects if
    /// the options say how) and of a workspace placed where it may not go, which it adds to <paramref name="found"/>.
    /// </summary>
    private List<RenderUnit> Plan(ClusterContext context, RenderOptions options, IReadOnlySet<string> rejected, WorkspaceRejections found, List<Diagnostic> errors)
    {
        var units = new List<RenderUnit>();
        foreach (var addOn in context.AddOns)
        {
            units.Add(AddOnUnit(context, addOn, errors));
        }
        foreach (var nf in Fleet.NetworkFunctions.Where(n => context.Places(n.Spec.Placement) && !rejected.Contains(n.Spec.Workspace)))
        {
            if (OnTarget(context, nf.Ref, nf.Origin, nf.Spec.Workspace, found))
            {
                units.Add(NetworkFunctionUnit(context, nf, errors));
            }
        }
        foreach (var app in Fleet.Applications.Where(a => context.Places(a.Spec.Placement) && !rejected.Contains(a.Spec.Workspace)))
        {
            if (OnTarget(context, app.Ref, app.Origin, app.Spec.Workspace, found))
            {
                units.Add(ApplicationUnit(context, app, errors));
            }
        }
        foreach (var workspace in Fleet.Workspaces.Where(w => context.Places(w.Spec.Targets)))
        {
            units.Add(WorkspaceUnit(context, workspace));
        }
        units.AddRange(CarriedUnits(context, options, rejected.Where(w => Fleet.Workspaces.Find(w) is { } ws && context.Places(ws.Spec.Targets)), errors));
        units.AddRange(ProvisioningUnits(context, errors));
        units.AddRange(HubUnits(context, options, errors));
        if (UpgradeUnit(context) is { } upgrade)
        {
            units.Add(upgrade);
        }
        CheckNeeds(context, units, errors);
        return units;
    }

    private RenderUnit AddOnUnit(ClusterContext context, EffectiveAddOn effective, List<Diagnostic> errors)
    {
        var addOn = effective.AddOn;
        var unit = new RenderUnit { Ref = addOn.Ref, Rank = RenderUnit.RankOf(ResourceKind.AddOn) };
        foreach (var capability in addOn.Spec.Requires.Where(c => !context.Capabilities.Contains(c)))
        {
            errors.Add(new Diagnostic(context.Cluster.Origin.Location,
                $"Cluster \"{context.Name}\": AddOn \"{addOn.Name}\" requires the capability \"{capability}\", which the cluster does not have", "MissingCapability"));
        }
        for (var i = 0; i < addOn.Spec.DependsOn.Count; i++)
        {
            unit.Needs.Add((new ResourceRef(ResourceKind.AddOn, addOn.Spec.DependsOn[i]), addOn.Origin.Locate("spec", "dependsOn", $"{i}")));
        }
        var ns = addOn.Spec.Namespace;
        var scope = new VariableScope(context, addOn.Name, effective.Version, ns, effective.Values);
        if (addOn.Spec.Source.Type == SourceType.Helm)
        {
            var helmDeps = addOn.Spec.DependsOn.Where(d => Fleet.AddOns.Find(d)?.Spec.Source.Type == SourceType.Helm).ToList();
            HelmObjects(unit, addOn.Origin, addOn.Spec.Source.Helm!, Fleet.Fleet.Spec.Flux.Namespace, ns ?? addOn.Name,
                effective.Version, effective.Values, helmDeps, scope);
        }
        else
        {
            PathObjects(unit, addOn.Origin, addOn.Spec.Source, ns, scope, errors);
        }
        return unit;
    }

    private RenderUnit ApplicationUnit(ClusterContext context, FleetResource<ApplicationSpec> app, List<Diagnostic> errors)
    {
        var spec = app.Spec;
        var workspace = Fleet.Workspaces.Find(spec.Workspace)!;
        var unit = new RenderUnit { Ref = app.Ref, Rank = RenderUnit.RankOf(ResourceKind.Application), Workspace = workspace };
        Needs(unit, app.Origin, spec.DependsOn, workspace);
        var matched = spec.Overrides.Where(o => context.Places(o.Target)).ToList();
        var values = matched.Aggregate(spec.Values.Root, (v, o) => ValuesMerge.Merge(v, o.Values.Root));
        var scope = new VariableScope(context, app.Name, spec.Version, spec.Namespace, values, OwnVariables(spec.Variables, matched));
        if (spec.Source.Type == SourceType.Helm)
        {
            var helmDeps = spec.DependsOn.Where(d => d.Kind == ResourceKind.Application
                && Fleet.Applications.Find(d.Name) is { Spec.Source.Type: SourceType.Helm } other && other.Spec.Namespace == spec.Namespace)
                .Select(d => d.Name).ToList();
            HelmObjects(unit, app.Origin, spec.Source.Helm!, spec.Namespace, spec.Namespace, spec.Version!, values, helmDeps, scope);
        }
        else
        {
            PathObjects(unit, app.Origin, spec.Source, spec.Namespace, scope, errors);
        }
        return unit;
    }

    private RenderUnit NetworkFunctionUnit(ClusterContext context, FleetResource<NetworkFunctionSpec> nf, List<Diagnostic> errors)
    {
        var spec = nf.Spec;
        var workspace = Fleet.Workspaces.Find(spec.Workspace)!;
        var unit = new RenderUnit { Ref = nf.Ref, Rank = RenderUnit.RankOf(ResourceKind.NetworkFunction), Workspace = workspace };
        if (spec.Type == NetworkFunctionType.Vnf && !context.Capabilities.Contains("kubevirt"))
        {
            errors.Add(new Diagnostic(nf.Origin.Locate("spec", "placement"),
                $"NetworkFunction \"{nf.Name}\": a VNF cannot be placed on cluster \"{context.Name}\": the cluster has neither the \"kubevirt\" capability nor an add-on that provides it",
                "VnfWithoutKubeVirt"));
        }
        Needs(unit, nf.Origin, spec.DependsOn, workspace);
        var matched = spec.Overrides.Where(o => context.Places(o.Target)).ToList();
        var scope = new VariableScope(context, nf.Name, spec.Version, spec.Namespace, null, OwnVariables(spec.Variables, matched));
        var compiled = _sources.Generated(("nf", nf.Ref), nf.Ref.ToString(), spec.Namespace, nf.Origin.Locate("spec"),
            () => NetworkFunctionObjects.Build(nf.Name, spec));
        errors.AddRange(compiled.Errors);
        unit.Add(compiled.Objects, scope);
        return unit;
    }

    private RenderUnit WorkspaceUnit(ClusterContext context, FleetResource<WorkspaceSpec> workspace)
    {
        var unit = new RenderUnit { Ref = workspace.Ref, Rank = RenderUnit.RankOf(ResourceKind.Workspace), Tenant = workspace };
        var compiled = _sources.Generated(("workspace", workspace.Ref), workspace.Ref.ToString(), null, workspace.Origin.Location,
            () => WorkspaceAccount.WithNamespaces(workspace.Name, workspace.Spec));
        unit.Add(compiled.Objects, new VariableScope(context, workspace.Name, null, null, null));
        return unit;
    }

    /// <summary>False, with a rejection of its workspace, for a workload placed on a cluster its workspace may not target.</summary>
    private bool OnTarget(ClusterContext context, ResourceRef id, ResourceOrigin origin, string workspaceName, WorkspaceRejections found)
    {
        var workspace = Fleet.Workspaces.Find(workspaceName)!;
        if (context.Places(workspace.Spec.Targets))
        {
            return true;
        }
        found.Add(workspace.Name, [new Diagnostic(origin.Locate("spec", "placement"),
            $"{id.Kind} \"{id.Name}\" is placed on cluster \"{context.Name}\", which Workspace \"{workspace.Name}\" may not target (its spec.targets)",
            "TargetNotAllowed")]);
        return false;
    }

    private static void Needs(RenderUnit unit, ResourceOrigin origin, IReadOnlyList<ResourceRef> dependsOn, FleetResource<WorkspaceSpec> workspace)
    {
        for (var i = 0; i < dependsOn.Count; i++)
        {
            unit.Needs.Add((dependsOn[i], origin.Locate("spec", "dependsOn", $"{i}")));
        }
        unit.Needs.Add((workspace.Ref, origin.Locate("spec", "workspace")));
    }

    private static IReadOnlyDictionary<string, VariableValue> OwnVariables(IReadOnlyDictionary<string, VariableValue> own, List<OverrideSpec> matched)
    {
        if (matched.All(o => o.Variables.Count == 0))
        {
            return own;
        }
        var merged = new Dictionary<string, VariableValue>(own, StringComparer.Ordinal);
        foreach (var (key, value) in matched.SelectMany(o => o.Variables))
        {
            merged[key] = value;
        }
        return merged;
    }

    private void CheckNeeds(ClusterContext context, List<RenderUnit> units, List<Diagnostic> errors)
    {
        var present = units.Select(u => u.Ref).ToHashSet();
        foreach (var unit in units)
        {
            foreach (var (to, at) in unit.Needs.Where(n => !present.Contains(n.To)))
            {
                errors.Add(new Diagnostic(at, $"{unit.Ref.Kind} \"{unit.Ref.Name}\" depends on {to.Kind} \"{to.Name}\", which is not on cluster \"{context.Name}\"",
                    "MissingDependency"));
            }
        }
    }
}
