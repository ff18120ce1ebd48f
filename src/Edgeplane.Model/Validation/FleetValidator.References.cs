using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

internal sealed partial class FleetValidator
{
    private void CheckAddOnsAndProfiles()
    {
        foreach (var addOn in _fleet.AddOns)
        {
            var owner = $"AddOn \"{addOn.Name}\"";
            for (var i = 0; i < addOn.Spec.DependsOn.Count; i++)
            {
                Known(addOn.Spec.DependsOn[i], _fleet.AddOns.Names, addOn.Origin.Locate("spec", "dependsOn", $"{i}"), owner, "an AddOn", $"spec.dependsOn[{i}]");
            }
            CheckSource(addOn.Spec.Source, addOn.Origin, owner);
        }
        foreach (var profile in _fleet.Profiles)
        {
            var owner = $"Profile \"{profile.Name}\"";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < profile.Spec.AddOns.Count; i++)
            {
                var name = profile.Spec.AddOns[i].Name;
                var at = profile.Origin.Locate("spec", "addOns", $"{i}", "name");
                if (Known(name, _fleet.AddOns.Names, at, owner, "an AddOn", $"spec.addOns[{i}].name") && !seen.Add(name))
                {
                    Error(at, "DuplicateName", $"{owner}: add-on \"{name}\" is listed twice");
                }
            }
        }
    }

    private void CheckWorkspaces()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workspace in _fleet.Workspaces)
        {
            var owner = $"Workspace \"{workspace.Name}\"";
            for (var i = 0; i < workspace.Spec.Namespaces.Count; i++)
            {
                var ns = workspace.Spec.Namespaces[i];
                if (ReservedNamespaces.Why(ns, _fleet) is { } reserved)
                {
                    Error(workspace.Origin.Locate("spec", "namespaces", $"{i}"), "NamespaceReserved",
                        $"{owner}: namespace \"{ns}\" is reserved ({reserved}); a workspace may not own it");
                }
                if (!owners.TryAdd(ns, workspace.Name))
                {
                    Error(workspace.Origin.Locate("spec", "namespaces", $"{i}"), "NamespaceOwned",
                        $"{owner}: namespace \"{ns}\" is already owned by Workspace \"{owners[ns]}\"");
                }
            }
            CheckPlacement(workspace.Spec.Targets, workspace.Origin, owner, "spec", "targets");
            CheckWorkspacePolicy(workspace, owner);
        }
    }

    /// <summary>
    /// Every <c>network.allowFrom</c> workspace exists; capabilities beyond the Pod Security baseline list are only
    /// allowed to a workspace whose namespaces enforce <c>privileged</c> (admission would refuse the pods otherwise).
    /// </summary>
    private void CheckWorkspacePolicy(FleetResource<WorkspaceSpec> workspace, string owner)
    {
        for (var i = 0; i < workspace.Spec.AllowFrom.Count; i++)
        {
            if (workspace.Spec.AllowFrom[i].Workspace is { } peer)
            {
                Known(peer, _fleet.Workspaces.Names, workspace.Origin.Locate("spec", "network", "allowFrom", $"{i}", "workspace"), owner, "a Workspace",
                    $"spec.network.allowFrom[{i}].workspace");
            }
        }
        var beyond = workspace.Spec.AllowedCapabilities.Where(c => !PodSecurityCapabilities.Baseline.Contains(c)).ToList();
        if (beyond.Count > 0 && workspace.Spec.PodSecurity != PodSecurityLevel.Privileged)
        {
            Error(workspace.Origin.Locate("spec", "allowedCapabilities"), "InvalidValue",
                $"{owner}: spec.allowedCapabilities {string.Join(", ", beyond)} go beyond the Pod Security baseline list, which podSecurity: "
                + $"{workspace.Spec.PodSecurity.ToString().ToLowerInvariant()} enforces; set podSecurity: privileged or remove them");
        }
    }

    private void CheckWorkloads()
    {
        foreach (var app in _fleet.Applications)
        {
            CheckWorkload(app.Ref, app.Origin, app.Spec.Workspace, app.Spec.Namespace, app.Spec.Placement, app.Spec.DependsOn, app.Spec.Overrides);
            CheckSource(app.Spec.Source, app.Origin, $"Application \"{app.Name}\"");
        }
        foreach (var nf in _fleet.NetworkFunctions)
        {
            CheckWorkload(nf.Ref, nf.Origin, nf.Spec.Workspace, nf.Spec.Namespace, nf.Spec.Placement, nf.Spec.DependsOn, nf.Spec.Overrides);
            CheckVnfPodSecurity(nf);
        }
    }

    /// <summary>
    /// KubeVirt's virt-launcher pods are privileged workloads under the Pod Security Standards, so a VNF needs a workspace
    /// that says so (and thereby that its pods may take the node): refused here rather than failing on the cluster.
    /// </summary>
    private void CheckVnfPodSecurity(FleetResource<NetworkFunctionSpec> nf)
    {
        if (nf.Spec.Type == NetworkFunctionType.Vnf && _fleet.Workspaces.Find(nf.Spec.Workspace) is { Spec.PodSecurity: not PodSecurityLevel.Privileged } workspace)
        {
            Error(nf.Origin.Locate("spec", "type"), "PodSecurityTooStrict",
                $"NetworkFunction \"{nf.Name}\": a VNF runs as KubeVirt virt-launcher pods, which Pod Security Admission treats as privileged, " +
                $"but Workspace \"{workspace.Name}\" enforces \"{workspace.Spec.PodSecurity.ToString().ToLowerInvariant()}\" on its namespaces: " +
                "set spec.podSecurity: privileged on the workspace (its pods may then take the node) or run the function as a CNF");
        }
    }

    private void CheckWorkload(ResourceRef id, ResourceOrigin origin, string workspaceName, string ns, PlacementSpec placement,
        IReadOnlyList<ResourceRef> dependsOn, IReadOnlyList<OverrideSpec> overrides)
    {
        var owner = $"{id.Kind} \"{id.Name}\"";
        if (Known(workspaceName, _fleet.Workspaces.Names, origin.Locate("spec", "workspace"), owner, "a Workspace", "spec.workspace"))
        {
            var workspace = _fleet.Workspaces.Find(workspaceName)!;
            if (!workspace.Spec.Namespaces.Contains(ns))
            {
                Error(origin.Locate("spec", "namespace"), "NamespaceNotOwned",
                    $"{owner}: namespace \"{ns}\" is not owned by Workspace \"{workspaceName}\" (it owns {string.Join(", ", workspace.Spec.Namespaces)})");
            }
        }
        for (var i = 0; i < dependsOn.Count; i++)
        {
            var target = dependsOn[i];
            var names = target.Kind switch
            {
                ResourceKind.AddOn => _fleet.AddOns.Names,
                ResourceKind.Application => _fleet.Applications.Names,
                _ => _fleet.NetworkFunctions.Names,
            };
            Known(target.Name, names, origin.Locate("spec", "dependsOn", $"{i}"), owner, $"a {target.Kind}", $"spec.dependsOn[{i}]");
        }
        CheckPlacement(placement, origin, owner, "spec", "placement");
        for (var i = 0; i < overrides.Count; i++)
        {
            CheckPlacement(overrides[i].Target, origin, owner, "spec", "overrides", $"{i}", "target");
        }
    }

    private void CheckPlacement(PlacementSpec placement, ResourceOrigin origin, string owner, params string[] path)
    {
        var field = string.Join('.', path.Select(p => int.TryParse(p, out _) ? $"[{p}]" : p)).Replace(".[", "[", StringComparison.Ordinal);
        Check(placement.Layers, "layers", LayerNames, "a layer of the Fleet");
        Check(placement.Regions, "regions", RegionNames, "a region of the Fleet");
        Check(placement.Sites, "sites", _sites.Keys, "a site of the Fleet");
        Check(placement.Clusters, "clusters", _fleet.Clusters.Names, "a cluster");

        void Check(IReadOnlyList<string> names, string key, IEnumerable<string> known, string what)
        {
            if (names.Count == 0)
            {
                return;
            }
            var list = known.ToList();
            for (var i = 0; i < names.Count; i++)
            {
                Known(names[i], list, origin.Locate([.. path, key, $"{i}"]), owner, what, $"{field}.{key}[{i}]");
            }
        }
    }

    private void CheckTemplates()
    {
        foreach (var template in _fleet.ClusterTemplates)
        {
            var owner = $"ClusterTemplate \"{template.Name}\"";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < template.Spec.Parameters.Count; i++)
            {
                if (!seen.Add(template.Spec.Parameters[i].Name))
                {
                    Error(template.Origin.Locate("spec", "parameters", $"{i}", "name"), "DuplicateName",
                        $"{owner}: parameter \"{template.Spec.Parameters[i].Name}\" is declared twice");
                }
            }
            CheckSource(template.Spec.Source, template.Origin, owner);
        }
    }
}
