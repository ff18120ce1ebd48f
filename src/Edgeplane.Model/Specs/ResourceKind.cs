namespace Edgeplane.Model.Specs;

/// <summary>The kinds of fleet resource (<c>apiVersion: edgeplane.dev/v1alpha1</c>).</summary>
public enum ResourceKind
{
    /// <summary>The one root resource: layers, regions, sites, defaults.</summary>
    Fleet,
    /// <summary>A Kubernetes cluster managed by the fleet.</summary>
    Cluster,
    /// <summary>A platform component installed on clusters through profiles.</summary>
    AddOn,
    /// <summary>A named, versioned set of add-ons with values.</summary>
    Profile,
    /// <summary>A team: members, owned namespaces, allowed kinds, target clusters.</summary>
    Workspace,
    /// <summary>A workload owned by a workspace.</summary>
    Application,
    /// <summary>A CNF (containers) or VNF (virtual machine).</summary>
    NetworkFunction,
    /// <summary>How changes reach clusters, wave by wave.</summary>
    Rollout,
    /// <summary>Cluster API manifests with parameters, used to provision clusters.</summary>
    ClusterTemplate,
}
