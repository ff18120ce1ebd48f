using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// The Kubernetes versions in one provisioned cluster's Cluster API objects, as rendered: the control plane
/// (<c>controlplane.cluster.x-k8s.io</c> kinds, <c>spec.version</c>) runs the version the cluster declares, and no
/// worker object (MachineDeployment, MachineSet, MachinePool: <c>spec.template.spec.version</c>) is ahead of it or more
/// than <see cref="MaxWorkerLag"/> minor versions behind (Kubernetes' skew policy for the kubelet).
/// </summary>
internal sealed class ClusterApiVersions(string cluster, string declared)
{
    /// <summary>How many minor versions a kubelet may be older than the API server (Kubernetes 1.28 and later).</summary>
    public const int MaxWorkerLag = 3;

    private static readonly HashSet<string> WorkerKinds = new(StringComparer.Ordinal) { "MachineDeployment", "MachineSet", "MachinePool" };

    private readonly List<(string Kind, string Name, string Version, SourceLocation At)> _controlPlanes = [];
    private readonly List<(string Kind, string Name, string Version, SourceLocation At)> _workers = [];

    /// <summary>True for the objects whose version <see cref="Add"/> reads.</summary>
    public static bool Carries(string group, string kind) =>
        group == "controlplane.cluster.x-k8s.io" || (group == "cluster.x-k8s.io" && WorkerKinds.Contains(kind));

    /// <summary>Notes the version of one rendered object (its canonical JSON); objects without one are skipped.</summary>
    public void Add(string group, string kind, string name, ReadOnlySpan<byte> json, SourceLocation at)
    {
        var spec = JsonNode.Parse(json)?["spec"];
        var version = group == "cluster.x-k8s.io" ? spec?["template"]?["spec"]?["version"] : spec?["version"];
        if (version is JsonValue value && value.TryGetValue<string>(out var text))
        {
            (group == "cluster.x-k8s.io" ? _workers : _controlPlanes).Add((kind, name, text, at));
        }
    }

    /// <summary>Reports every object whose version breaks the rules above, naming the cluster.</summary>
    public void Check(List<Diagnostic> errors)
    {
        var owner = $"Cluster \"{cluster}\"";
        foreach (var (kind, name, version, at) in _controlPlanes.Where(c => Normal(c.Version) != Normal(declared)))
        {
            errors.Add(new Diagnostic(at, $"{owner}: {kind} \"{name}\" has spec.version \"{version}\", but the cluster declares kubernetesVersion "
                + $"\"{declared}\"; write ${{cluster.kubernetesVersion}} there, so that a version change in the fleet upgrades the control plane",
                "KubernetesVersionMismatch"));
        }
        if (!KubernetesVersions.TryParse(declared, out var plane))
        {
            return;
        }
        foreach (var (kind, name, version, at) in _workers)
        {
            if (WorkerProblem(version, plane) is { } problem)
            {
                errors.Add(new Diagnostic(at, $"{owner}: {kind} \"{name}\" has version \"{version}\", {problem}", "KubernetesVersionSkew"));
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
