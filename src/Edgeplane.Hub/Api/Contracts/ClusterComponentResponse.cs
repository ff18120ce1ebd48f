namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One fleet resource's share of a cluster's desired bundle: the objects whose <c>edgeplane.dev/source</c> annotation
/// names it (an AddOn, an Application, a NetworkFunction, or another source such as a Workspace's namespaces or a
/// Cluster's upgrade plans), with their health from the agent's last status report. <see cref="Objects"/> holds at most
/// <see cref="MaxObjects"/> of them, in apply order; <see cref="ObjectCount"/> counts them all.
/// </summary>
/// <param name="Source">The <c>edgeplane.dev/source</c> annotation, <c>Kind/name</c>, e.g. <c>AddOn/istio</c>.</param>
/// <param name="Name">The resource's name.</param>
/// <param name="Kind">For a network function, <c>CNF</c> (it runs as a Deployment or StatefulSet) or <c>VNF</c> (a KubeVirt VirtualMachine); null otherwise.</param>
/// <param name="Version">For an add-on, the version the desired revision declares for this cluster; null otherwise.</param>
/// <param name="Workspace">The owning workspace (the objects' <c>edgeplane.dev/workspace</c> label); null for the platform's.</param>
/// <param name="Namespace">The namespace of its workload (network function) or of its first namespaced object; null when it has none.</param>
/// <param name="Workload">For a network function, its Deployment, StatefulSet or VirtualMachine; null otherwise.</param>
/// <param name="ObjectCount">How many objects of the desired bundle it owns.</param>
/// <param name="Health">Its objects' health, summed up.</param>
/// <param name="Objects">Its objects with their health, at most <see cref="MaxObjects"/>.</param>
public sealed record ClusterComponentResponse(
    string Source,
    string Name,
    string? Kind,
    string? Version,
    string? Workspace,
    string? Namespace,
    ObjectRef? Workload,
    int ObjectCount,
    ComponentHealthResponse Health,
    IReadOnlyList<ComponentObjectResponse> Objects)
{
    /// <summary>Most objects listed per component.</summary>
    public const int MaxObjects = 200;

    /// <summary>Most components listed per list of a cluster's detail (add-ons, applications, network functions, others).</summary>
    public const int MaxComponents = 500;
}
