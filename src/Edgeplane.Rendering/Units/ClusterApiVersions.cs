using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// The Kubernetes versions in one provisioned cluster's Cluster API objects, as rendered, where each provider keeps them:
/// the control plane (<c>spec.version</c> of a <c>controlplane.cluster.x-k8s.io</c> kind, of the managed AKS and GKE
/// control planes in the infrastructure group, and a ClusterClass Cluster's <c>spec.topology.version</c>) runs the
/// version the cluster declares, and no worker object (MachineDeployment, MachineSet, MachinePool:
/// <c>spec.template.spec.version</c>) is ahead of it or more than <see cref="MaxWorkerLag"/> minor versions behind
/// (Kubernetes' skew policy for the kubelet). For AKS through Azure Service Operator, the embedded ManagedCluster's
/// <c>kubernetesVersion</c> and agent pools' <c>orchestratorVersion</c>, which CAPZ fills from those fields, may only
/// repeat them.
/// </summary>
internal sealed class ClusterApiVersions(string cluster, string declared)
{
    /// <summary>How many minor versions a kubelet may be older than the API server (Kubernetes 1.28 and later).</summary>
    public const int MaxWorkerLag = 3;

    private const string CoreGroup = "cluster.x-k8s.io";
    private const string ControlPlaneGroup = "controlplane.cluster.x-k8s.io";
    private const string InfrastructureGroup = "infrastructure.cluster.x-k8s.io";
    private const string WriteTheVariable = "write ${cluster.kubernetesVersion} there, so that a version change in the fleet upgrades the control plane";
    private const string LeaveItToCapz = "leave it out: CAPZ writes spec.version there";

    private static readonly HashSet<string> WorkerKinds = new(StringComparer.Ordinal) { "MachineDeployment", "MachineSet", "MachinePool" };

    /// <summary>Control planes in the infrastructure group (CAPZ and CAPG managed clusters) rather than the control-plane group.</summary>
    private static readonly HashSet<string> InfrastructureControlPlanes = new(StringComparer.Ordinal)
    {
        "AzureASOManagedControlPlane", "AzureManagedControlPlane", "GCPManagedControlPlane",
    };

    private readonly List<Found> _controlPlanes = [];
    private readonly List<Found> _workers = [];

    /// <summary>One version: the object, how the message names the field, the version, where the object is written, and the fix.</summary>
    private sealed record Found(string Kind, string Name, string Field, string Version, SourceLocation At, string Fix);

    /// <summary>True for the objects whose version <see cref="Add"/> reads.</summary>
    public static bool Carries(string group, string kind) => group switch
    {
        ControlPlaneGroup => true,
        InfrastructureGroup => InfrastructureControlPlanes.Contains(kind) || kind == "AzureASOManagedMachinePool",
        CoreGroup => kind == "Cluster" || WorkerKinds.Contains(kind),
        _ => false,
    };

    /// <summary>Notes the versions of one rendered object (its canonical JSON); objects without one are skipped.</summary>
    public void Add(string group, string kind, string name, ReadOnlySpan<byte> json, SourceLocation at)
    {
        if (JsonNode.Parse(json)?["spec"] is not JsonObject spec)
        {
            return;
        }
        switch (group, kind)
        {
            case (CoreGroup, "Cluster"):
                Note(_controlPlanes, new(kind, name, "spec.topology.version", "", at, WriteTheVariable), spec["topology"]?["version"]);
                break;
            case (CoreGroup, _):
                Note(_workers, new(kind, name, "version", "", at, ""), spec["template"]?["spec"]?["version"]);
                break;
            case (InfrastructureGroup, "AzureASOManagedMachinePool"):
                Embedded(_workers, kind, name, spec, "ManagedClustersAgentPool", "orchestratorVersion", at);
                break;
            case (InfrastructureGroup, "GCPManagedControlPlane") when spec["version"] is null:
                // CAPG falls back to the deprecated controlPlaneVersion when version is not set.
                Note(_controlPlanes, new(kind, name, "spec.controlPlaneVersion", "", at, WriteTheVariable), spec["controlPlaneVersion"]);
                break;
            default:
                Note(_controlPlanes, new(kind, name, "spec.version", "", at, WriteTheVariable), spec["version"]);
                if (kind == "AzureASOManagedControlPlane")
                {
                    Embedded(_controlPlanes, kind, name, spec, "ManagedCluster", "kubernetesVersion", at);
                }
                break;
        }
    }

    /// <summary>Reports every object whose version breaks the rules above, naming the cluster.</summary>
    public void Check(List<Diagnostic> errors)
    {
        var owner = $"Cluster \"{cluster}\"";
        foreach (var found in _controlPlanes.Where(c => Normal(c.Version) != Normal(declared)))
        {
            errors.Add(new Diagnostic(found.At, $"{owner}: {found.Kind} \"{found.Name}\" has {found.Field} \"{found.Version}\", but the cluster declares "
                + $"kubernetesVersion \"{declared}\"; {found.Fix}", "KubernetesVersionMismatch"));
        }
        if (!KubernetesVersions.TryParse(declared, out var plane))
        {
            return;
        }
        foreach (var found in _workers)
        {
            if (WorkerProblem(found.Version, plane) is { } problem)
            {
                errors.Add(new Diagnostic(found.At, $"{owner}: {found.Kind} \"{found.Name}\" has {found.Field} \"{found.Version}\", {problem}", "KubernetesVersionSkew"));
            }
        }
    }

    private static void Note(List<Found> into, Found found, JsonNode? version)
    {
        if (version is JsonValue value && value.TryGetValue<string>(out var text))
        {
            into.Add(found with { Version = text });
        }
    }

    /// <summary>The version field of each Azure Service Operator resource of <paramref name="resourceKind"/> in <c>spec.resources</c>.</summary>
    private static void Embedded(List<Found> into, string kind, string name, JsonObject spec, string resourceKind, string field, SourceLocation at)
    {
        var resources = spec["resources"] as JsonArray ?? [];
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i] is JsonObject resource && resource["kind"] is JsonValue k && k.TryGetValue<string>(out var written) && written == resourceKind)
            {
                Note(into, new(kind, name, $"spec.resources[{i}].spec.{field}", "", at, LeaveItToCapz), resource["spec"]?[field]);
            }
        }
    }

    private static string? WorkerProblem(string version, KubernetesVersionNumber plane)
    {
        if (!KubernetesVersions.TryParse(version, out var worker))
        {
            return $"which is not a Kubernetes version: {KubernetesVersions.Rule}";
        }
        var ahead = worker.Minor > plane.Minor || (worker.Minor == plane.Minor && worker.Patch > plane.Patch);
        if (ahead)
        {
            return $"ahead of its control plane ({plane}): workers may never run a newer Kubernetes than the control plane";
        }
        return plane.Minor - worker.Minor > MaxWorkerLag
            ? $"more than {MaxWorkerLag} minor versions behind its control plane ({plane}): the kubelet may be at most {MaxWorkerLag} minor versions older than the API server"
            : null;
    }

    private static string Normal(string version) => version.StartsWith('v') ? version : "v" + version;
}
